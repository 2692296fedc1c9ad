package dev.apitpl.plugin;

import dev.apitpl.core.publish.AwsClients;
import dev.apitpl.core.publish.AwsConnection;
import dev.apitpl.core.publish.AwsException;
import dev.apitpl.core.publish.PublishException;
import dev.apitpl.core.publish.TemplateSeeder;
import dev.apitpl.core.publish.WorkflowDeployment;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** What seed, plan, deploy and destroy read the same way: where AWS is, and the one {@link WorkflowDeployment}. */
abstract class PublishMojo extends ApitplMojo {

    /** The AWS region; by default the SDK's region chain ({@code AWS_REGION}, the profile's region). */
    @Parameter(property = "apitpl.region")
    String region;

    /** A named profile of {@code ~/.aws/config}; by default the SDK's credential chain. Access keys are never parameters. */
    @Parameter(property = "apitpl.profile")
    String profile;

    /** One URL for every AWS service, e.g. the local endpoint of {@code mvn apitpl:start}: {@code http://127.0.0.1:4566}. */
    @Parameter(property = "apitpl.endpoint")
    String endpoint;

    /** The state machine definition; by default the single {@code *.json} below {@code statemachineDirectory}. */
    @Parameter(property = "apitpl.definition")
    File definition;

    /** The template table; by default the {@code TemplateTableName} substitution. */
    @Parameter(property = "apitpl.templateTable")
    String templateTable;

    /** Creates the template table when it is missing (PK/SK strings, on-demand billing). */
    @Parameter(property = "apitpl.createTable", defaultValue = "false")
    boolean createTable;

    /** Overwrites templates edited in the table, and touches resources a CloudFormation stack manages. */
    @Parameter(property = "apitpl.force", defaultValue = "false")
    boolean force;

    /** Deletes templates the project no longer has (only items apitpl wrote and nobody changed since). */
    @Parameter(property = "apitpl.prune", defaultValue = "false")
    boolean prune;

    /** Shows what would change and writes nothing. */
    @Parameter(property = "apitpl.dryRun", defaultValue = "false")
    boolean dryRun;

    /** The generic Lambda function's name. */
    @Parameter(property = "apitpl.functionName", defaultValue = "${project.artifactId}-api-call")
    String functionName;

    /** The function's jar (the shaded Lambda jar). */
    @Parameter(property = "apitpl.functionCode", defaultValue = "${project.build.directory}/${project.build.finalName}-lambda.jar")
    File functionCode;

    /** The function's execution role ARN; not needed with {@code createRoles}. */
    @Parameter(property = "apitpl.functionRole")
    String functionRole;

    /** The Lambda runtime: {@code java25} or {@code java21} (AWS no longer creates java17 or java11 functions). */
    @Parameter(property = "apitpl.runtime", defaultValue = WorkflowDeployment.DEFAULT_RUNTIME)
    String runtime;

    /** The function's memory in MB. */
    @Parameter(property = "apitpl.memory", defaultValue = "1024")
    int memory;

    /** The function's timeout in seconds. */
    @Parameter(property = "apitpl.timeout", defaultValue = "30")
    int timeout;

    /** The function's alias, moved to each published version; the state machine calls it. */
    @Parameter(property = "apitpl.functionAlias", defaultValue = "live")
    String functionAlias;

    /** SnapStart on the function's published versions. */
    @Parameter(property = "apitpl.snapStart", defaultValue = "false")
    boolean snapStart;

    /** Extra environment variables of the function (never secret values: templates name secrets). */
    @Parameter
    Map<String, String> environment;

    /** Hosts the function may call ({@code APITPL_ALLOWED_DESTINATIONS}), e.g. {@code <allowedDestination>api.example.com</allowedDestination>}. */
    @Parameter
    List<String> allowedDestinations;

    /** The state machine's name. */
    @Parameter(property = "apitpl.stateMachineName", defaultValue = "${project.artifactId}")
    String stateMachineName;

    /** {@code STANDARD} or {@code EXPRESS}. */
    @Parameter(property = "apitpl.stateMachineType", defaultValue = "STANDARD")
    String stateMachineType;

    /** The state machine's execution role ARN; not needed with {@code createRoles}. */
    @Parameter(property = "apitpl.stateMachineRole")
    String stateMachineRole;

    /** The state machine's alias, moved last to each published version: start executions on it. */
    @Parameter(property = "apitpl.stateMachineAlias", defaultValue = "live")
    String stateMachineAlias;

    /** CloudWatch Logs level of the state machine: {@code OFF}, {@code ALL}, {@code ERROR}, {@code FATAL}. */
    @Parameter(property = "apitpl.logging", defaultValue = "OFF")
    String logging;

    /** The log group ARN ({@code arn:aws:logs:...:log-group:NAME:*}) when logging is not {@code OFF}. */
    @Parameter(property = "apitpl.logGroupArn")
    String logGroupArn;

    /** X-Ray tracing of the state machine. */
    @Parameter(property = "apitpl.tracing", defaultValue = "false")
    boolean tracing;

    /** Tags put on the state machine deploy creates. */
    @Parameter
    Map<String, String> tags;

    /** Creates or updates the two execution roles with the least-privilege policies (mvn apitpl:policy shows them). */
    @Parameter(property = "apitpl.createRoles", defaultValue = "false")
    boolean createRoles;

    /** Where the plan and the deploy report are written. */
    @Parameter(property = "apitpl.reportDirectory", defaultValue = "${project.build.directory}/apitpl")
    File reportDirectory;

    AwsClients clients() throws MojoFailureException {
        try {
            return AwsClients.create(AwsConnection.of(region, profile, endpoint));
        } catch (IllegalArgumentException | AwsException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    TemplateSeeder.Options options() {
        return new TemplateSeeder.Options(createTable, force, prune, dryRun);
    }

    WorkflowDeployment deployment() throws MojoFailureException {
        Map<String, String> values = placeholderValues();
        String table = templateTable != null && !templateTable.isBlank() ? templateTable
                : values.get(WorkflowDeployment.ManagedPlaceholders.DEFAULT.templateTableName());
        return new WorkflowDeployment(definitionFile(), values, templates.toPath(), table,
                new WorkflowDeployment.LambdaFunction(functionName, functionCode.toPath(), WorkflowDeployment.GENERIC_HANDLER,
                        runtime, memory, timeout, functionRole, environment == null ? Map.of() : environment, functionAlias, snapStart),
                new WorkflowDeployment.StateMachine(stateMachineName, stateMachineType, stateMachineRole, stateMachineAlias,
                        logging, logGroupArn, tracing, tags == null ? Map.of() : tags),
                WorkflowDeployment.ManagedPlaceholders.DEFAULT, allowedDestinations == null ? List.of() : allowedDestinations,
                createRoles);
    }

    private Path definitionFile() throws MojoFailureException {
        if (definition != null) {
            return definition.toPath();
        }
        List<Path> found;
        try (Stream<Path> walk = Files.walk(statemachineDirectory.toPath())) {
            found = walk.filter(f -> f.toString().endsWith(".asl.json") || f.toString().endsWith(".asl.yaml")
                    || f.toString().endsWith(".asl.yml")).sorted().toList();
        } catch (IOException e) {
            found = List.of();
        }
        if (found.size() != 1) {
            throw new MojoFailureException("apitpl publishes one definition but found " + found.size() + " *.asl.json/*.asl.yaml in "
                    + statemachineDirectory + " " + found + "; choose one with -Dapitpl.definition=FILE or <definition>");
        }
        return found.get(0);
    }

    /** Turns core's typed failures into Maven's: the user fixes a PublishException or an AwsException. */
    static MojoFailureException failure(Exception e) {
        return new MojoFailureException(e.getMessage(), e);
    }

    boolean skipped(boolean goalSkip, String goal) {
        if (skip || goalSkip) {
            getLog().info("apitpl:" + goal + " skipped");
            return true;
        }
        return false;
    }

    interface Action {
        void run(AwsClients aws) throws PublishException;
    }

    /** Runs {@code action} with clients that are closed afterwards, mapping core's exceptions. */
    void withClients(Action action) throws MojoExecutionException, MojoFailureException {
        try (AwsClients aws = clients()) {
            action.run(aws);
        } catch (PublishException | AwsException e) {
            throw failure(e);
        } catch (RuntimeException e) {
            throw new MojoExecutionException("apitpl: unexpected failure: " + e, e);
        }
    }
}
