package dev.apitpl.plugin;

import dev.apitpl.core.publish.AwsClients;
import dev.apitpl.core.publish.AwsConnection;
import dev.apitpl.core.publish.AwsException;
import dev.apitpl.core.publish.PublishException;
import dev.apitpl.core.publish.StackNames;
import dev.apitpl.core.publish.TemplateSeeder;
import dev.apitpl.core.publish.WorkflowDeployment;
import java.io.File;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** What seed, plan, deploy and destroy add to the publishing configuration: where AWS is, and how careful to be. */
abstract class PublishMojo extends DeploymentMojo {

    /** The AWS region; by default the SDK's region chain ({@code AWS_REGION}, the profile's region). */
    @Parameter(property = "apitpl.region")
    String region;

    /** A named profile of {@code ~/.aws/config}; by default the SDK's credential chain. Access keys are never parameters. */
    @Parameter(property = "apitpl.profile")
    String profile;

    /** One URL for every AWS service, e.g. the local endpoint of {@code mvn apitpl:start}: {@code http://127.0.0.1:4566}. */
    @Parameter(property = "apitpl.endpoint")
    String endpoint;

    /**
     * A CloudFormation stack deployed from {@code apitpl:synth}'s template: the table, function and state machine names
     * are read from its outputs instead of {@code templateTable}, {@code functionName} and {@code stateMachineName}.
     */
    @Parameter(property = "apitpl.stack")
    String stack;

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

    /** The publishing configuration, with the names of {@code stack}'s outputs when one is given. */
    WorkflowDeployment deployment(AwsClients aws, List<String> requiredOutputs) throws MojoFailureException, PublishException {
        return StackNames.resolve(aws, stack, deployment(), requiredOutputs);
    }

    TemplateSeeder.Options options() {
        return new TemplateSeeder.Options(createTable, force, prune, dryRun);
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
        void run(AwsClients aws) throws PublishException, MojoFailureException;
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
