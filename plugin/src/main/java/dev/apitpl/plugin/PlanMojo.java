package dev.apitpl.plugin;

import dev.apitpl.core.publish.WorkflowPublisher;
import dev.apitpl.core.publish.StackNames;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Shows what seed and deploy would change (templates, the function's code and configuration, the state machine's
 * definition as a diff, aliases) and writes it to {@code target/apitpl/plan.json}. Writes nothing to AWS.
 */
@Mojo(name = "plan", requiresProject = true, threadSafe = true)
public class PlanMojo extends PublishMojo {

    /** Skips this goal. */
    @Parameter(property = "apitpl.plan.skip", defaultValue = "false")
    boolean skipPlan;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped(skipPlan, "plan")) {
            return;
        }
        withClients(aws -> {
            var deployment = deployment(aws, StackNames.DEPLOY);
            new WorkflowPublisher(aws, getLog()::info, reportDirectory.toPath())
                .plan(deployment, options()).lines().forEach(getLog()::info);
        });
    }
}
