package dev.apitpl.plugin;

import dev.apitpl.core.publish.WorkflowPublisher;
import dev.apitpl.core.publish.StackNames;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Deletes the state machine and the function deploy published (with their versions and aliases); keeps the table. */
@Mojo(name = "destroy", requiresProject = true, threadSafe = true)
public class DestroyMojo extends PublishMojo {

    /** Skips this goal. */
    @Parameter(property = "apitpl.destroy.skip", defaultValue = "false")
    boolean skipDestroy;

    /** Deletes the template table and its templates too. */
    @Parameter(property = "apitpl.deleteTable", defaultValue = "false")
    boolean deleteTable;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped(skipDestroy, "destroy")) {
            return;
        }
        withClients(aws -> {
            var deployment = deployment(aws, StackNames.DEPLOY);
            new WorkflowPublisher(aws, getLog()::info, reportDirectory.toPath()).destroy(deployment, deleteTable, force);
        });
    }
}
