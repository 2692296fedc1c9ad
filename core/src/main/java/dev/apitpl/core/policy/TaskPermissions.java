package dev.apitpl.core.policy;

import static dev.apitpl.core.policy.PolicyVariables.arn;
import static dev.apitpl.core.policy.PolicyVariables.variable;

import dev.apitpl.core.publish.WorkflowDeployment;
import dev.apitpl.core.validate.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The permissions the state machine's Task states need: each DynamoDB or Lambda call's action on the one table or
 * function it names, statically. A name decided at run time, or a placeholder without a value, is a located problem.
 */
final class TaskPermissions {

    private static final String INTEGRATION = ":states:::";

    private final WorkflowDeployment deployment;
    private final Path definition;
    /** Resources by action, both sorted so the statements come out the same every time. */
    final Map<String, Set<String>> grants = new TreeMap<>();
    final List<Problem> problems = new ArrayList<>();
    /** Whether some call of the managed function leaves the template out of its payload, so it reads the table. */
    boolean functionReadsTable;

    TaskPermissions(WorkflowDeployment deployment) {
        this.deployment = deployment;
        this.definition = deployment.definition();
    }

    void add(TaskCall call) {
        TaskCall.Argument resource = call.resource();
        if (resource == null) {
            return; // a Task without Resource is the validator's problem, not a permission
        }
        if (resource.kind() == TaskCall.Kind.PLACEHOLDER && resource.value().equals(managed().apiCallFunctionArn())) {
            grantManagedFunction(call);
            return;
        }
        if (resource.kind() != TaskCall.Kind.LITERAL) {
            problem(PolicyRule.DYNAMIC_RESOURCE, resource, "state '" + call.state() + "' has the Resource '"
                    + resource.value() + "', which is not known before it runs", "write the Resource in the definition");
            return;
        }
        String arn = resource.value();
        int integration = arn.indexOf(INTEGRATION);
        if (arn.startsWith("arn:") && arn.contains(":lambda:") && arn.contains(":function:")) {
            grantFunction(call, resource);
        } else if (integration > 0 && arn.startsWith("dynamodb:", integration + INTEGRATION.length())) {
            grantTable(call, "dynamodb:" + capitalized(afterLastColon(arn)));
        } else if (integration > 0 && arn.startsWith("aws-sdk:dynamodb:", integration + INTEGRATION.length())) {
            grantTable(call, "dynamodb:" + capitalized(afterLastColon(arn)));
        } else if (integration > 0 && arn.startsWith("lambda:invoke", integration + INTEGRATION.length())) {
            TaskCall.Argument function = call.arguments().get("FunctionName");
            if (function != null) {
                grantFunction(call, function);
            }
        } else {
            problem(PolicyRule.UNKNOWN_INTEGRATION, resource, "state '" + call.state() + "' calls " + arn
                    + ", whose permissions apitpl does not derive", "give the state machine a role of your own"
                    + " (<stateMachine><roleArn>) that grants them, or call the service through the generic Lambda");
        }
    }

    private void grantTable(TaskCall call, String action) {
        TaskCall.Argument table = call.arguments().get("TableName");
        if (table == null) {
            return;
        }
        switch (table.kind()) {
            case PLACEHOLDER -> {
                if (table.value().equals(managed().templateTableName())) {
                    grant(action, templateTableArn());
                } else {
                    unresolved(call, table, "table");
                }
            }
            case LITERAL -> grant(action, table.value().startsWith("arn:") ? table.value()
                    : table.value().equals(deployment.templateTable()) ? templateTableArn()
                    : arn("dynamodb", "table/" + table.value()));
            default -> problem(PolicyRule.DYNAMIC_RESOURCE, table, "state '" + call.state() + "' names its table at run"
                    + " time (" + table.value() + "), so no policy can name the table, and apitpl does not grant "
                    + action + " on '*'", "write the table's name in the definition, or ${"
                    + managed().templateTableName() + "} for the template table");
        }
    }

    private void grantFunction(TaskCall call, TaskCall.Argument function) {
        switch (function.kind()) {
            case PLACEHOLDER -> {
                if (function.value().equals(managed().apiCallFunctionArn())) {
                    grantManagedFunction(call);
                } else {
                    unresolved(call, function, "function");
                }
            }
            case LITERAL -> grant("lambda:InvokeFunction", functionArn(call, function.value()));
            default -> problem(PolicyRule.DYNAMIC_RESOURCE, function, "state '" + call.state() + "' names its function"
                    + " at run time (" + function.value() + "), so no policy can name the function, and apitpl does not"
                    + " grant lambda:InvokeFunction on '*'", "write the function's name or ARN in the definition, or ${"
                    + managed().apiCallFunctionArn() + "} for the generic function");
        }
    }

    /** The generic function: unqualified, and the alias the state machine calls. */
    private void grantManagedFunction(TaskCall call) {
        String unqualified = arn("lambda", "function:" + variable(PolicyVariables.FUNCTION_NAME));
        grant("lambda:InvokeFunction", unqualified);
        String alias = deployment.function() == null ? null : deployment.function().alias();
        if (alias != null && !alias.isBlank()) {
            grant("lambda:InvokeFunction", unqualified + ":" + alias);
        }
        noteManagedCall(call);
    }

    /** A function written as a name, {@code name:qualifier}, {@code account:function:name} or a whole ARN. */
    private String functionArn(TaskCall call, String written) {
        if (written.startsWith("arn:")) {
            return written;
        }
        if (written.contains(":function:")) {
            return "arn:" + variable(PolicyVariables.PARTITION) + ":lambda:" + variable(PolicyVariables.REGION) + ":"
                    + written;
        }
        String name = written.contains(":") ? written.substring(0, written.indexOf(':')) : written;
        if (deployment.function() != null && name.equals(deployment.function().name())) {
            noteManagedCall(call);
            return arn("lambda", "function:" + variable(PolicyVariables.FUNCTION_NAME) + written.substring(name.length()));
        }
        return arn("lambda", "function:" + written);
    }

    private void noteManagedCall(TaskCall call) {
        if (call.payloadFields() == null || !call.payloadFields().contains("template")) {
            functionReadsTable = true;
        }
    }

    String templateTableArn() {
        return arn("dynamodb", "table/" + variable(PolicyVariables.TABLE_NAME));
    }

    private void grant(String action, String resource) {
        grants.computeIfAbsent(action, key -> new TreeSet<>()).add(resource);
    }

    private void unresolved(TaskCall call, TaskCall.Argument argument, String what) {
        problem(PolicyRule.UNRESOLVED_PLACEHOLDER, argument, "state '" + call.state() + "' names its " + what
                + " with ${" + argument.value() + "}, which has no value", "add <" + argument.value()
                + "> to <substitutions>, or write ${" + managed().templateTableName() + "} / ${"
                + managed().apiCallFunctionArn() + "} for the resources apitpl manages");
    }

    private void problem(PolicyRule rule, TaskCall.Argument at, String message, String hint) {
        problems.add(new Problem(definition, at.line(), at.column(), rule.severity(), rule.id(), message, hint));
    }

    private WorkflowDeployment.ManagedPlaceholders managed() {
        return deployment.placeholders() == null ? WorkflowDeployment.ManagedPlaceholders.DEFAULT : deployment.placeholders();
    }

    private static String afterLastColon(String arn) {
        String action = arn.substring(arn.lastIndexOf(':') + 1);
        int dot = action.indexOf('.'); // .sync, .waitForTaskToken
        return dot < 0 ? action : action.substring(0, dot);
    }

    private static String capitalized(String action) {
        return action.isEmpty() ? action : action.substring(0, 1).toUpperCase(Locale.ROOT) + action.substring(1);
    }

    /** {@code dynamodb:GetItem} → {@code DynamoDbGetItem}: a statement id (letters and digits only). */
    static String sid(String action) {
        String service = action.substring(0, action.indexOf(':'));
        String name = switch (service) {
            case "dynamodb" -> "DynamoDb";
            case "lambda" -> "Lambda";
            default -> capitalized(service);
        };
        return name + action.substring(action.indexOf(':') + 1);
    }
}
