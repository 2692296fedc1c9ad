package dev.apitpl.core.publish;

import dev.apitpl.runtime.http.DestinationGuard;
import dev.apitpl.runtime.store.DynamoDbTemplateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Environment;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.SnapStart;
import software.amazon.awssdk.services.lambda.model.SnapStartApplyOn;

/**
 * Publishes the generic Lambda function: creates it when missing, uploads code only when its SHA-256 changed,
 * updates configuration only when it differs, waits (the SDK's waiters) for each write to settle before the next,
 * publishes a version and moves the alias to it. Makes no write when nothing changed.
 */
final class FunctionPublisher {

    /** The tag CloudFormation puts on what a stack manages. */
    static final String STACK_TAG = "aws:cloudformation:stack-name";

    /** CreateFunction attempts while a new role propagates: about half a minute with backoff. */
    private static final int ROLE_PROPAGATION_ATTEMPTS = 10;

    private final AwsClients aws;
    private final LambdaClient lambda;
    private final WorkflowDeployment.LambdaFunction function;
    private final Map<String, String> environment;
    private final byte[] code;
    private final String codeSha256;

    FunctionPublisher(AwsClients aws, WorkflowDeployment deployment, String roleArn) throws PublishException {
        this.aws = aws;
        this.lambda = aws.lambda();
        WorkflowDeployment.LambdaFunction declared = deployment.function();
        this.function = new WorkflowDeployment.LambdaFunction(declared.name(), declared.code(),
                declared.handler() == null ? WorkflowDeployment.GENERIC_HANDLER : declared.handler(),
                declared.runtime() == null ? WorkflowDeployment.DEFAULT_RUNTIME : declared.runtime(), declared.memoryMb(),
                declared.timeoutSeconds(), roleArn, declared.environment(), declared.alias(), declared.snapStart());
        Map<String, String> env = new LinkedHashMap<>(declared.environment());
        env.put(DynamoDbTemplateStore.TABLE_ENV, deployment.templateTable());
        if (!deployment.allowedDestinations().isEmpty()) {
            env.put(DestinationGuard.ALLOWED_DESTINATIONS_ENV, String.join(",", deployment.allowedDestinations()));
        }
        this.environment = Map.copyOf(env);
        try {
            this.code = Files.readAllBytes(declared.code());
        } catch (IOException e) {
            throw new PublishException("The function's jar " + declared.code() + " cannot be read (" + e.getMessage()
                    + "); build it first (mvn package) or set <code> (-Dapitpl.code)", e);
        }
        this.codeSha256 = sha256(code);
    }

    String name() {
        return function.name();
    }

    /** What deploy would do; reads only. */
    FunctionPlan plan(boolean force) throws PublishException {
        GetFunctionResponse current = current();
        if (current == null) {
            return new FunctionPlan(function.name(), false, true, codeSha256, List.of(), null, null);
        }
        refuseStackManaged(current.tags(), force);
        FunctionConfiguration config = current.configuration();
        String aliasVersion = aliasVersion();
        String latest = null;
        if (aliasVersion == null || !codeSha256.equals(config.codeSha256()) || !configChanges(config).isEmpty()) {
            latest = latestVersion();
        }
        return new FunctionPlan(function.name(), true, !codeSha256.equals(config.codeSha256()), codeSha256,
                configChanges(config), aliasVersion, latest == null ? aliasVersion : latest);
    }

    /** Applies {@code plan}; returns the alias ARN the state machine invokes. */
    String apply(FunctionPlan plan, Consumer<String> step) {
        String name = function.name();
        if (!plan.exists()) {
            create();
            aws.call("Lambda", "GetFunction", () -> lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name)));
            step.accept("function " + name + " created");
        } else {
            if (plan.codeChanged()) {
                aws.call("Lambda", "UpdateFunctionCode", () -> lambda.updateFunctionCode(b -> b.functionName(name)
                        .zipFile(SdkBytes.fromByteArray(code)).publish(false)));
                waitUpdated();
                step.accept("function " + name + " code updated");
            }
            if (!plan.configChanges().isEmpty()) {
                aws.call("Lambda", "UpdateFunctionConfiguration", () -> lambda.updateFunctionConfiguration(b -> b
                        .functionName(name).runtime(function.runtime()).handler(function.handler())
                        .role(function.roleArn()).memorySize(function.memoryMb()).timeout(function.timeoutSeconds())
                        .environment(Environment.builder().variables(environment).build()).snapStart(snapStart())));
                waitUpdated();
                step.accept("function " + name + " configuration updated: " + String.join("; ", plan.configChanges()));
            }
        }
        String alias = function.alias();
        if (!plan.publishes()) {
            return aws.call("Lambda", "GetAlias", () -> lambda.getAlias(b -> b.functionName(name).name(alias)).aliasArn());
        }
        String version = aws.call("Lambda", "PublishVersion", () -> lambda.publishVersion(b -> b.functionName(name)
                .codeSha256(codeSha256))).version();
        waitUpdated();
        step.accept("function " + name + " version " + version + " published");
        String aliasArn;
        if (plan.aliasVersion() == null) {
            aliasArn = aws.call("Lambda", "CreateAlias", () -> lambda.createAlias(b -> b.functionName(name).name(alias)
                    .functionVersion(version))).aliasArn();
        } else {
            aliasArn = aws.call("Lambda", "UpdateAlias", () -> lambda.updateAlias(b -> b.functionName(name).name(alias)
                    .functionVersion(version))).aliasArn();
        }
        step.accept("function alias " + alias + " -> " + version + (plan.aliasVersion() == null ? "" : " (was " + plan.aliasVersion() + ")"));
        return aliasArn;
    }

    /** Creates the function, retrying while a newly created role is not yet assumable (IAM propagates in seconds). */
    private void create() {
        for (int attempt = 1; ; attempt++) {
            try {
                aws.call("Lambda", "CreateFunction", () -> lambda.createFunction(b -> b.functionName(function.name())
                        .runtime(function.runtime()).handler(function.handler()).role(function.roleArn())
                        .memorySize(function.memoryMb()).timeout(function.timeoutSeconds())
                        .environment(Environment.builder().variables(environment).build())
                        .snapStart(snapStart())
                        .code(c -> c.zipFile(SdkBytes.fromByteArray(code)))
                        .publish(false)));
                return;
            } catch (AwsException e) {
                boolean propagating = e.getCause() instanceof InvalidParameterValueException
                        && String.valueOf(e.getMessage()).contains("cannot be assumed");
                if (!propagating || attempt == ROLE_PROPAGATION_ATTEMPTS) {
                    throw e;
                }
                Backoff.sleep(attempt + 3);
            }
        }
    }

    /** Deletes the function with its versions and aliases; false when it did not exist. */
    boolean delete(boolean force) throws PublishException {
        GetFunctionResponse current = current();
        if (current == null) {
            return false;
        }
        refuseStackManaged(current.tags(), force);
        aws.call("Lambda", "DeleteFunction", () -> lambda.deleteFunction(b -> b.functionName(function.name())));
        return true;
    }

    private GetFunctionResponse current() {
        try {
            return aws.call("Lambda", "GetFunction", () -> lambda.getFunction(b -> b.functionName(function.name())));
        } catch (AwsException e) {
            if (e.getCause() instanceof ResourceNotFoundException) {
                return null;
            }
            throw e;
        }
    }

    private String aliasVersion() {
        try {
            return aws.call("Lambda", "GetAlias", () -> lambda.getAlias(b -> b.functionName(function.name())
                    .name(function.alias()))).functionVersion();
        } catch (AwsException e) {
            if (e.getCause() instanceof ResourceNotFoundException) {
                return null;
            }
            throw e;
        }
    }

    private String latestVersion() {
        String latest = null;
        for (FunctionConfiguration version : aws.call("Lambda", "ListVersionsByFunction",
                () -> lambda.listVersionsByFunctionPaginator(b -> b.functionName(function.name())).versions().stream().toList())) {
            if (version.version().matches("\\d+") && (latest == null || Long.parseLong(version.version()) > Long.parseLong(latest))) {
                latest = version.version();
            }
        }
        return latest;
    }

    private List<String> configChanges(FunctionConfiguration config) {
        List<String> changes = new ArrayList<>();
        change(changes, "runtime", config.runtimeAsString(), function.runtime());
        change(changes, "handler", config.handler(), function.handler());
        change(changes, "memory", config.memorySize(), function.memoryMb());
        change(changes, "timeout", config.timeout(), function.timeoutSeconds());
        change(changes, "role", config.role(), function.roleArn());
        Map<String, String> deployed = config.environment() == null || config.environment().variables() == null
                ? Map.of() : config.environment().variables();
        if (!deployed.equals(environment)) {
            // names only: values may be configuration someone considers sensitive
            changes.add("environment " + new java.util.TreeSet<>(deployed.keySet()) + " -> " + new java.util.TreeSet<>(environment.keySet())
                    + (deployed.keySet().equals(environment.keySet()) ? " (values changed)" : ""));
        }
        boolean snapStartOn = config.snapStart() != null && config.snapStart().applyOn() == SnapStartApplyOn.PUBLISHED_VERSIONS;
        change(changes, "snapStart", snapStartOn, function.snapStart());
        return changes;
    }

    private static void change(List<String> changes, String field, Object deployed, Object wanted) {
        if (!Objects.equals(deployed, wanted)) {
            changes.add(field + " " + deployed + " -> " + wanted);
        }
    }

    private SnapStart snapStart() {
        return SnapStart.builder().applyOn(function.snapStart() ? SnapStartApplyOn.PUBLISHED_VERSIONS : SnapStartApplyOn.NONE).build();
    }

    private void waitUpdated() {
        aws.call("Lambda", "GetFunction", () -> lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName(function.name())));
    }

    static void refuseStackManaged(Map<String, String> tags, boolean force) throws PublishException {
        if (tags != null && tags.containsKey(STACK_TAG) && !force) {
            throw new PublishException("It is managed by the CloudFormation stack " + tags.get(STACK_TAG) + " (tag "
                    + STACK_TAG + "): deploy that stack instead (apitpl:seed still seeds its table), or -Dapitpl.force=true to change it anyway (the stack will drift)");
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
