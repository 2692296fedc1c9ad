package dev.apitpl.plugin;

import dev.apitpl.core.publish.WorkflowDeployment;
import dev.apitpl.core.validate.Problem;
import dev.apitpl.core.validate.Severity;
import dev.apitpl.core.validate.ValidationFiles;
import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The publishing configuration every publishing goal reads the same way, bound into one
 * {@link WorkflowDeployment}: what is published, under which names, with which settings.
 */
abstract class DeploymentMojo extends ApitplMojo {

    /** The state machine definition; by default the single definition below {@code statemachineDirectory}. */
    @Parameter(property = "apitpl.definition")
    File definition;

    /** The template table's name. */
    @Parameter(property = "apitpl.templateTable", defaultValue = "api-templates")
    String templateTable;

    /** The generic Lambda function's name. */
    @Parameter(property = "apitpl.functionName", defaultValue = "${project.artifactId}-api-call")
    String functionName;

    /** The Lambda's code: the project's shaded jar. */
    @Parameter(property = "apitpl.code", defaultValue = "${project.build.directory}/${project.build.finalName}-lambda.jar")
    File code;

    /** The Lambda handler. */
    @Parameter(property = "apitpl.handler", defaultValue = WorkflowDeployment.GENERIC_HANDLER)
    String handler;

    /** The Lambda runtime: {@code java25} or {@code java21} (AWS no longer creates java17 functions). */
    @Parameter(property = "apitpl.runtime", defaultValue = WorkflowDeployment.DEFAULT_RUNTIME)
    String runtime;

    /** The Lambda's memory in MB. */
    @Parameter(property = "apitpl.memory", defaultValue = "1024")
    int memory;

    /** The Lambda's timeout in seconds. */
    @Parameter(property = "apitpl.timeout", defaultValue = "30")
    int timeout;

    /** The Lambda's execution role ARN; leave unset with {@code createRoles} to use the derived role. */
    @Parameter(property = "apitpl.functionRoleArn")
    String functionRoleArn;

    /** Extra environment variables of the Lambda, e.g. {@code <APITPL_SECRETS_SOURCE>secretsmanager</APITPL_SECRETS_SOURCE>}. */
    @Parameter
    Map<String, String> environment;

    /** The Lambda alias moved to each new version; the state machine calls it. */
    @Parameter(property = "apitpl.functionAlias", defaultValue = "live")
    String functionAlias;

    /** SnapStart on the Lambda's published versions. */
    @Parameter(property = "apitpl.snapStart", defaultValue = "true")
    boolean snapStart;

    /** A customer-managed KMS key of the Lambda's environment and the secrets it reads. */
    @Parameter(property = "apitpl.functionKmsKeyArn")
    String functionKmsKeyArn;

    /** The state machine's name. */
    @Parameter(property = "apitpl.stateMachineName", defaultValue = "${project.artifactId}")
    String stateMachineName;

    /** {@code STANDARD} or {@code EXPRESS}. */
    @Parameter(property = "apitpl.stateMachineType", defaultValue = "STANDARD")
    String stateMachineType;

    /** The state machine's execution role ARN; leave unset with {@code createRoles} to use the derived role. */
    @Parameter(property = "apitpl.stateMachineRoleArn")
    String stateMachineRoleArn;

    /** The state machine alias, moved last. */
    @Parameter(property = "apitpl.stateMachineAlias", defaultValue = "live")
    String stateMachineAlias;

    /** CloudWatch Logs level of the state machine: {@code OFF}, {@code ALL}, {@code ERROR} or {@code FATAL}. */
    @Parameter(property = "apitpl.logging", defaultValue = "OFF")
    String logging;

    /** The log group ARN for logging (required unless logging is OFF). */
    @Parameter(property = "apitpl.logGroupArn")
    String logGroupArn;

    /** X-Ray tracing of the state machine. */
    @Parameter(property = "apitpl.tracing", defaultValue = "false")
    boolean tracing;

    /** A customer-managed KMS key encrypting the state machine's data. */
    @Parameter(property = "apitpl.stateMachineKmsKeyArn")
    String stateMachineKmsKeyArn;

    /** Tags of what is published. */
    @Parameter
    Map<String, String> tags;

    /** Hosts, IPs and CIDRs the Lambda may call besides public addresses ({@code APITPL_ALLOWED_DESTINATIONS}). */
    @Parameter(property = "apitpl.allowedDestinations")
    List<String> allowedDestinations;

    /** Create or update the IAM roles with the derived policies. */
    @Parameter(property = "apitpl.createRoles", defaultValue = "false")
    boolean createRoles;

    /**
     * The template admin API ({@code TemplateAdminLambda} behind an API Gateway HTTP API with IAM auth): synth puts it
     * in the stack, deploy publishes it, plan lists it and destroy removes it.
     */
    @Parameter(property = "apitpl.adminApi", defaultValue = "false")
    boolean adminApi;

    /** The admin API function's execution role ARN; leave unset with {@code createRoles} to use the derived role. */
    @Parameter(property = "apitpl.adminFunctionRoleArn")
    String adminFunctionRoleArn;

    /** The configuration bound from the parameters. */
    WorkflowDeployment deployment() throws MojoFailureException {
        WorkflowDeployment.LambdaFunction function = new WorkflowDeployment.LambdaFunction(functionName,
                code == null ? null : code.toPath(), handler, runtime, memory, timeout, functionRoleArn,
                environment == null ? Map.of() : environment, functionAlias, snapStart, functionKmsKeyArn);
        WorkflowDeployment.StateMachine machine = new WorkflowDeployment.StateMachine(stateMachineName, stateMachineType,
                stateMachineRoleArn, stateMachineAlias, logging, logGroupArn, tracing, tags == null ? Map.of() : tags,
                stateMachineKmsKeyArn);
        return new WorkflowDeployment(definitionFile(), placeholderValues(), templates == null ? null : templates.toPath(),
                templateTable, function, machine, WorkflowDeployment.ManagedPlaceholders.DEFAULT,
                allowedDestinations == null ? List.of() : allowedDestinations, createRoles,
                new WorkflowDeployment.AdminApi(adminApi, adminFunctionRoleArn));
    }

    private Path definitionFile() throws MojoFailureException {
        if (definition != null) {
            if (!definition.isFile()) {
                throw new MojoFailureException("<definition> " + definition + " does not exist; fix it or -Dapitpl.definition=");
            }
            return definition.toPath();
        }
        List<Path> found;
        try {
            found = ValidationFiles.find(statemachineDirectory.toPath(), ValidationFiles.DEFINITION_INCLUDES, List.of());
        } catch (UncheckedIOException e) {
            throw new MojoFailureException("Cannot list " + statemachineDirectory + " (" + e.getCause().getMessage()
                    + "); fix it or point -Dapitpl.statemachineDirectory / <statemachineDirectory> elsewhere", e);
        }
        if (found.size() != 1) {
            throw new MojoFailureException((found.isEmpty() ? "No state machine definition" : found.size()
                    + " state machine definitions") + " in " + statemachineDirectory + "; name the one to publish with"
                    + " <definition> (-Dapitpl.definition=FILE)");
        }
        return found.get(0);
    }

    /** Logs each problem at its severity. */
    void log(List<Problem> problems) {
        for (Problem problem : problems) {
            if (problem.severity() == Severity.ERROR) {
                getLog().error(problem.format());
            } else {
                getLog().warn(problem.format());
            }
        }
    }
}
