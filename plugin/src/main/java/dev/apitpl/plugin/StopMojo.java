package dev.apitpl.plugin;

import java.io.File;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Stops the local AWS endpoint: the one {@code apitpl:start} left running in the background of this build, else the
 * one {@code mvn apitpl:start} serves in the foreground of another build of this project (found by its
 * {@code pidFile}, stopped as Ctrl-C stops it). Running executions end, DynamoDB Local and the functions' JVMs stop
 * and the ports are freed. Does nothing when none is running.
 */
@Mojo(name = "stop", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
public class StopMojo extends ApitplMojo {

    /** Skips this goal. */
    @Parameter(property = "apitpl.stop.skip", defaultValue = "false")
    boolean skipStop;

    /** The file {@code apitpl:start} in the foreground wrote its process to. */
    @Parameter(property = "apitpl.pidFile", defaultValue = "${project.build.directory}/apitpl-endpoint.pid")
    File pidFile;

    /** How long to wait for an endpoint of another build to end. */
    @Parameter(property = "apitpl.stop.timeoutSeconds", defaultValue = "60")
    int timeoutSeconds;

    @Parameter(defaultValue = "${project}", readonly = true)
    MavenProject project;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipStop) {
            getLog().info("apitpl:stop skipped");
            return;
        }
        Object running = project.getContextValue(StartMojo.CONTEXT_KEY);
        if (!(running instanceof AutoCloseable endpoint)) {
            stopOtherBuild();
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

    private void stopOtherBuild() throws MojoFailureException {
        Optional<ProcessHandle> serving = pidFile == null ? Optional.empty() : EndpointProcessFile.liveProcess(pidFile.toPath());
        if (serving.isEmpty()) {
            getLog().info("apitpl:stop: no endpoint running (none started by apitpl:start in this build, none named by "
                    + pidFile + ")");
            return;
        }
        ProcessHandle process = serving.get();
        process.destroy();
        try {
            process.onExit().get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new MojoFailureException("apitpl:stop: the endpoint (process " + process.pid() + ") did not end within "
                    + timeoutSeconds + " s; stop it with Ctrl-C in its terminal, or raise -Dapitpl.stop.timeoutSeconds");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoFailureException("apitpl:stop interrupted while the endpoint (process " + process.pid() + ") ends");
        } catch (ExecutionException e) {
            throw new MojoFailureException("apitpl:stop could not wait for process " + process.pid() + ": " + e.getMessage());
        }
        pidFile.delete();
        getLog().info("apitpl local AWS endpoint stopped (the apitpl:start of process " + process.pid() + ")");
    }
}
