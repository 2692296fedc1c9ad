package dev.apitpl.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Stops the local AWS endpoint that {@code apitpl:start} left running in the background: running executions end,
 * DynamoDB Local stops and the ports are freed. Does nothing when none is running.
 */
@Mojo(name = "stop", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
public class StopMojo extends ApitplMojo {

    /** Skips this goal. */
    @Parameter(property = "apitpl.stop.skip", defaultValue = "false")
    boolean skipStop;

    @Parameter(defaultValue = "${project}", readonly = true)
    MavenProject project;

    @Override
    public void execute() throws MojoExecutionException {
        if (skip || skipStop) {
            getLog().info("apitpl:stop skipped");
            return;
        }
        Object running = project.getContextValue(StartMojo.CONTEXT_KEY);
        if (!(running instanceof AutoCloseable endpoint)) {
            getLog().info("apitpl:stop: no endpoint started by apitpl:start in this build");
            return;
        }
        project.setContextValue(StartMojo.CONTEXT_KEY, null);
        try {
            endpoint.close();
        } catch (Exception e) {
            throw new MojoExecutionException("apitpl:stop could not stop the endpoint cleanly", e);
        }
        getLog().info("apitpl local AWS endpoint stopped");
    }
}
