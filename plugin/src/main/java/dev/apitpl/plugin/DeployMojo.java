package dev.apitpl.plugin;

import dev.apitpl.core.publish.WorkflowPublisher;
import dev.apitpl.core.publish.StackNames;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Publishes the workflow: validates, seeds the templates, publishes the Lambda function and moves its alias, publishes
 * the state machine and moves its alias last. Says "unchanged" and writes nothing when nothing changed; writes
 * {@code target/apitpl/deploy-report.json}. {@code mvn package apitpl:deploy}
 */
@Mojo(name = "deploy", requiresProject = true, threadSafe = true)
public class DeployMojo extends PublishMojo {

    /** Skips this goal. */
    @Parameter(property = "apitpl.deploy.skip", defaultValue = "false")
    boolean skipDeploy;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped(skipDeploy, "deploy")) {
            return;
        }
        withClients(aws -> {
            var deployment = deployment(aws, StackNames.DEPLOY);
            new WorkflowPublisher(aws, getLog()::info, reportDirectory.toPath()).deploy(deployment, options());
        });
    }
}
