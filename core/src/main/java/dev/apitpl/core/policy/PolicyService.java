package dev.apitpl.core.policy;

import static dev.apitpl.core.policy.PolicyVariables.arn;
import static dev.apitpl.core.policy.PolicyVariables.variable;

import dev.apitpl.core.publish.WorkflowDeployment;
import dev.apitpl.core.validate.Problem;
import dev.apitpl.core.validate.ValidationFiles;
import dev.apitpl.core.validate.ValidationService;
import dev.apitpl.core.validate.template.TemplateFileValidator;
import dev.apitpl.runtime.admin.AdminApi;
import dev.apitpl.runtime.secret.SecretSource;
import dev.apitpl.runtime.secret.SecretsManagerSecretResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Derives the least-privilege policies of a workflow's roles (state machine, generic Lambda, admin API) from its definition and templates: every action on
 * the one resource it needs, logging, X-Ray and KMS permissions only when configured. What cannot be named statically
 * is a located problem, never a wildcard. The one source of the policies that {@code policy}, plan, deploy's role
 * creation and synth show or apply. Stateless and thread-safe.
 */
public final class PolicyService {

    /** The state machine role's name in the result (and its logical id in a synthesized template). */
    public static final String STATE_MACHINE_ROLE = "StateMachineRole";
    /** The function role's name in the result (and its logical id in a synthesized template). */
    public static final String FUNCTION_ROLE = "ApiCallFunctionRole";

    /** The admin API function role's name in the result (and its logical id in a synthesized template). */
    public static final String ADMIN_API_ROLE = "AdminApiFunctionRole";
    /** The admin API function's name is the generic function's with this suffix. */
    public static final String ADMIN_FUNCTION_SUFFIX = WorkflowDeployment.AdminApi.FUNCTION_SUFFIX;

    /** Statement ids of the statements that are not derived from Task states. */
    public static final String SID_LOG_DELIVERY = "LogDelivery";
    public static final String SID_XRAY = "XRayTracing";
    public static final String SID_STATE_MACHINE_KMS = "KmsStateMachineKey";
    public static final String SID_FUNCTION_LOG_GROUP = "CreateOwnLogGroup";
    public static final String SID_FUNCTION_LOG_STREAMS = "WriteOwnLogStreams";
    public static final String SID_READ_TEMPLATES = "ReadTemplateTable";
    public static final String SID_SECRETS = "ReadTemplateSecrets";
    public static final String SID_FUNCTION_KMS = "KmsFunctionKey";
    public static final String SID_MANAGE_TEMPLATES = "ManageTemplateTable";

    /** Log delivery for Step Functions: AWS authorises these actions only on {@code *}. */
    static final List<String> LOG_DELIVERY_ACTIONS = List.of("logs:CreateLogDelivery", "logs:DeleteLogDelivery",
            "logs:DescribeLogGroups", "logs:DescribeResourcePolicies", "logs:GetLogDelivery", "logs:ListLogDeliveries",
            "logs:PutResourcePolicy", "logs:UpdateLogDelivery");
    /** X-Ray segments and sampling: AWS authorises these actions only on {@code *}. */
    static final List<String> XRAY_ACTIONS = List.of("xray:GetSamplingRules", "xray:GetSamplingTargets",
            "xray:PutTelemetryRecords", "xray:PutTraceSegments");

    private final TemplateFileValidator templates = new TemplateFileValidator();

    /**
     * The policies of {@code deployment}'s roles.
     *
     * @throws UncheckedIOException when the templates folder cannot be listed (an unreadable definition or template
     *                              is a problem of the result)
     */
    public WorkflowPolicies derive(WorkflowDeployment deployment) {
        Map<String, String> substitutions = new HashMap<>(deployment.substitutions());
        WorkflowDeployment.ManagedPlaceholders managed = deployment.placeholders() == null
                ? WorkflowDeployment.ManagedPlaceholders.DEFAULT : deployment.placeholders();
        // managed placeholders stand for the resources apitpl creates: kept, to be recognised
        substitutions.remove(managed.templateTableName());
        substitutions.remove(managed.apiCallFunctionArn());
        DefinitionTasks.Read read = DefinitionTasks.read(deployment.definition(), substitutions);
        TaskPermissions tasks = new TaskPermissions(deployment);
        read.calls().forEach(tasks::add);
        List<Problem> problems = new ArrayList<>(read.problems());
        problems.addAll(tasks.problems);
        List<String> notes = new ArrayList<>();
        RolePolicy stateMachine = new RolePolicy(STATE_MACHINE_ROLE, "states.amazonaws.com",
                stateMachineStatements(deployment, tasks));
        RolePolicy function = new RolePolicy(FUNCTION_ROLE, "lambda.amazonaws.com",
                functionStatements(deployment, tasks, secretNames(deployment, problems), notes));
        RolePolicy adminApi = deployment.adminApi() != null && deployment.adminApi().enabled() ? adminApi(tasks) : null;
        return new WorkflowPolicies(stateMachine, function, adminApi, problems, notes);
    }

    /** The admin API's role: its own logs, and exactly the DynamoDB actions its handler calls, on the one table. */
    private static RolePolicy adminApi(TaskPermissions tasks) {
        List<Statement> statements = new ArrayList<>(ownLogs(variable(PolicyVariables.FUNCTION_NAME) + ADMIN_FUNCTION_SUFFIX));
        statements.add(Statement.allow(SID_MANAGE_TEMPLATES, AdminApi.DYNAMODB_ACTIONS, List.of(tasks.templateTableArn())));
        return new RolePolicy(ADMIN_API_ROLE, "lambda.amazonaws.com", statements);
    }

    /** A function's own log group and streams. */
    private static List<Statement> ownLogs(String functionName) {
        String logGroup = arn("logs", "log-group:/aws/lambda/" + functionName);
        return List.of(
                Statement.allow(SID_FUNCTION_LOG_GROUP, List.of("logs:CreateLogGroup"), List.of(logGroup + ":*")),
                Statement.allow(SID_FUNCTION_LOG_STREAMS, List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                        List.of(logGroup + ":log-stream:*")));
    }

    private static List<Statement> stateMachineStatements(WorkflowDeployment deployment, TaskPermissions tasks) {
        List<Statement> statements = new ArrayList<>();
        tasks.grants.forEach((action, resources) ->
                statements.add(Statement.allow(TaskPermissions.sid(action), List.of(action), List.copyOf(resources))));
        WorkflowDeployment.StateMachine machine = deployment.stateMachine();
        if (machine == null) {
            return statements;
        }
        if (machine.logging() != null && !machine.logging().equalsIgnoreCase("OFF")) {
            statements.add(Statement.allow(SID_LOG_DELIVERY, LOG_DELIVERY_ACTIONS, List.of(Statement.ANY_RESOURCE)));
        }
        if (machine.tracing()) {
            statements.add(Statement.allow(SID_XRAY, XRAY_ACTIONS, List.of(Statement.ANY_RESOURCE)));
        }
        if (machine.kmsKeyArn() != null && !machine.kmsKeyArn().isBlank()) {
            statements.add(Statement.allow(SID_STATE_MACHINE_KMS, List.of("kms:Decrypt", "kms:GenerateDataKey"),
                    List.of(machine.kmsKeyArn())));
        }
        return statements;
    }

    private static List<Statement> functionStatements(WorkflowDeployment deployment, TaskPermissions tasks,
                                                      Set<String> secrets, List<String> notes) {
        List<Statement> statements = new ArrayList<>(ownLogs(variable(PolicyVariables.FUNCTION_NAME)));
        if (tasks.functionReadsTable) {
            statements.add(Statement.allow(SID_READ_TEMPLATES, List.of("dynamodb:GetItem"),
                    List.of(tasks.templateTableArn())));
        }
        Map<String, String> environment = deployment.function() == null ? Map.of() : deployment.function().environment();
        String source = environment.getOrDefault(SecretSource.SOURCE_ENV, "env").trim().toLowerCase(Locale.ROOT);
        if (!secrets.isEmpty() && (source.equals("secretsmanager") || source.equals("secrets-manager"))) {
            String prefix = environment.getOrDefault(SecretsManagerSecretResolver.PREFIX_ENV, "");
            // Secrets Manager appends '-' and six random characters to a secret's ARN: '??????' matches exactly those
            statements.add(Statement.allow(SID_SECRETS, List.of("secretsmanager:GetSecretValue"), secrets.stream()
                    .map(name -> arn("secretsmanager", "secret:" + prefix + name + "-??????")).toList()));
        } else if (!secrets.isEmpty()) {
            notes.add("the templates name the secrets " + String.join(", ", secrets) + "; the function reads them from"
                    + " APITPL_SECRET_<NAME> variables (" + SecretSource.SOURCE_ENV + " is '" + source + "'), so its"
                    + " role gets no Secrets Manager permission; set " + SecretSource.SOURCE_ENV + "=secretsmanager in"
                    + " the function's <environment> to read them from Secrets Manager");
        }
        String key = deployment.function() == null ? null : deployment.function().kmsKeyArn();
        if (key != null && !key.isBlank()) {
            statements.add(Statement.allow(SID_FUNCTION_KMS, List.of("kms:Decrypt"), List.of(key)));
        }
        return statements;
    }

    /** The names the templates pass to {@code secret('...')}, sorted. */
    private Set<String> secretNames(WorkflowDeployment deployment, List<Problem> problems) {
        Set<String> names = new TreeSet<>();
        Path directory = deployment.templatesDirectory();
        if (directory == null || !Files.isDirectory(directory)) {
            return names;
        }
        for (Path file : ValidationFiles.find(directory, ValidationFiles.TEMPLATE_INCLUDES, List.of())) {
            try {
                names.addAll(templates.validate(file, Files.readString(file, StandardCharsets.UTF_8)).secretNames());
            } catch (IOException e) {
                problems.add(ValidationService.unreadable(file, e));
            }
        }
        return names;
    }
}
