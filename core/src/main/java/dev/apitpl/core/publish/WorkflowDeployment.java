package dev.apitpl.core.publish;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a project publishes, in one place: read by {@code plan}, {@code seed}, {@code deploy}, {@code destroy},
 * {@code policy} and {@code synth}, so that every goal publishes the same workflow under the same names.
 *
 * @param definition          the state machine's ASL file (JSON or YAML)
 * @param substitutions       values of the definition's {@code ${...}} placeholders that the project sets itself
 *                            (those of managed resources are filled from AWS's answers, see {@code placeholders})
 * @param templatesDirectory  the folder of template files seeded into the table
 * @param templateTable       the template table's name
 * @param function            the generic Lambda function
 * @param stateMachine        the state machine
 * @param placeholders        which placeholders stand for the resources apitpl manages
 * @param allowedDestinations hosts the Lambda may call ({@code APITPL_ALLOWED_DESTINATIONS}); empty for the default
 * @param createRoles         whether deploy creates or updates the IAM roles with the derived policies
 * @param adminApi            whether the template admin API is published too, and its role
 */
public record WorkflowDeployment(Path definition, Map<String, String> substitutions, Path templatesDirectory,
                                 String templateTable, LambdaFunction function, StateMachine stateMachine,
                                 ManagedPlaceholders placeholders, List<String> allowedDestinations,
                                 boolean createRoles, AdminApi adminApi) {

    /** The Lambda runtime deploy and synth use unless told otherwise: AWS no longer creates java17 functions. */
    public static final String DEFAULT_RUNTIME = "java25";
    /** Runtimes apitpl publishes to: AWS refuses to create java17 and java11 functions since 2026-07-31. */
    public static final List<String> SUPPORTED_RUNTIMES = List.of("java25", "java21");
    /** The handler of the runtime jar. */
    public static final String GENERIC_HANDLER = "dev.apitpl.runtime.handler.GenericApiCallLambda::handleRequest";

    public WorkflowDeployment {
        Objects.requireNonNull(definition, "definition");
        substitutions = Map.copyOf(substitutions);
        allowedDestinations = List.copyOf(allowedDestinations);
        adminApi = adminApi == null ? AdminApi.OFF : adminApi;
    }

    /** Without the template admin API. */
    public WorkflowDeployment(Path definition, Map<String, String> substitutions, Path templatesDirectory,
                              String templateTable, LambdaFunction function, StateMachine stateMachine,
                              ManagedPlaceholders placeholders, List<String> allowedDestinations, boolean createRoles) {
        this(definition, substitutions, templatesDirectory, templateTable, function, stateMachine, placeholders,
                allowedDestinations, createRoles, AdminApi.OFF);
    }

    /** This deployment with {@code adminApi}. */
    public WorkflowDeployment withAdminApi(AdminApi adminApi) {
        return new WorkflowDeployment(definition, substitutions, templatesDirectory, templateTable, function, stateMachine,
                placeholders, allowedDestinations, createRoles, adminApi);
    }

    /**
     * The template admin API ({@code TemplateAdminLambda} behind an API Gateway HTTP API with IAM auth): synth puts it
     * in the stack, deploy publishes it, plan lists it and destroy removes it when it is enabled.
     *
     * @param enabled whether the project has it ({@code <adminApi>}, {@code -Dapitpl.adminApi})
     * @param roleArn its function's execution role, or null when {@code createRoles} derives it
     */
    public record AdminApi(boolean enabled, String roleArn) {
        /** No admin API. */
        public static final AdminApi OFF = new AdminApi(false, null);
        /** The admin function's name is the generic function's with this suffix. */
        public static final String FUNCTION_SUFFIX = "-admin";
        /** The admin function's timeout: API Gateway ends an HTTP API integration after 30 seconds. */
        public static final int TIMEOUT_SECONDS = 30;

        /** The admin function's name (also the HTTP API's): {@code <functionName>-admin}. */
        public static String functionName(WorkflowDeployment deployment) {
            return deployment.function().name() + FUNCTION_SUFFIX;
        }
    }

    /**
     * The generic Lambda function.
     *
     * @param name           function name
     * @param code           the shaded jar to upload
     * @param handler        {@code class::method}
     * @param runtime        {@code java25} or {@code java21}
     * @param memoryMb       memory (MB), also the heap's bound
     * @param timeoutSeconds timeout in seconds
     * @param roleArn        execution role ARN, or null when {@code createRoles} derives it
     * @param environment    extra environment variables (never secrets' values: secrets are named, not stored)
     * @param alias          the alias deploy moves to each new version (the state machine calls it)
     * @param snapStart      SnapStart on published versions
     * @param kmsKeyArn      customer-managed KMS key of the function's environment and of the secrets it reads, or
     *                       null for AWS-managed keys (then its role needs no KMS permission)
     */
    public record LambdaFunction(String name, Path code, String handler, String runtime, int memoryMb,
                                 int timeoutSeconds, String roleArn, Map<String, String> environment, String alias,
                                 boolean snapStart, String kmsKeyArn) {
        public LambdaFunction {
            environment = Map.copyOf(environment);
        }

        /** Without a customer-managed KMS key. */
        public LambdaFunction(String name, Path code, String handler, String runtime, int memoryMb, int timeoutSeconds,
                              String roleArn, Map<String, String> environment, String alias, boolean snapStart) {
            this(name, code, handler, runtime, memoryMb, timeoutSeconds, roleArn, environment, alias, snapStart, null);
        }
    }

    /**
     * The state machine.
     *
     * @param name     state machine name
     * @param type     {@code STANDARD} or {@code EXPRESS}
     * @param roleArn  execution role ARN, or null when {@code createRoles} derives it
     * @param alias    the alias deploy moves last, once everything else is published
     * @param logging  CloudWatch Logs level ({@code OFF}, {@code ALL}, {@code ERROR}, {@code FATAL})
     * @param logGroupArn log group for logging, or null when logging is {@code OFF}
     * @param tracing  X-Ray tracing
     * @param tags     tags put on what deploy creates
     * @param kmsKeyArn customer-managed KMS key encrypting the state machine's data, or null for an AWS-owned key
     *                  (then its role needs no KMS permission)
     */
    public record StateMachine(String name, String type, String roleArn, String alias, String logging,
                               String logGroupArn, boolean tracing, Map<String, String> tags, String kmsKeyArn) {
        public StateMachine {
            tags = Map.copyOf(tags);
        }

        /** Encrypted with an AWS-owned key. */
        public StateMachine(String name, String type, String roleArn, String alias, String logging, String logGroupArn,
                            boolean tracing, Map<String, String> tags) {
            this(name, type, roleArn, alias, logging, logGroupArn, tracing, tags, null);
        }
    }

    /**
     * Names of the definition's placeholders that stand for managed resources: deploy fills them from AWS's answers
     * and synth with references to the template's own resources, never from an account id typed by hand.
     *
     * @param templateTableName placeholder of the template table's name (e.g. {@code TemplateTableName})
     * @param apiCallFunctionArn placeholder of the function's (alias-qualified) ARN (e.g. {@code ApiCallFunctionArn})
     */
    public record ManagedPlaceholders(String templateTableName, String apiCallFunctionArn) {
        public static final ManagedPlaceholders DEFAULT = new ManagedPlaceholders("TemplateTableName", "ApiCallFunctionArn");
    }
}
