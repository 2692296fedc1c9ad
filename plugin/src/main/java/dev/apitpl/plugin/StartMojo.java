package dev.apitpl.plugin;

import dev.apitpl.core.endpoint.LocalEndpoint;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Starts the local AWS endpoint (Step Functions, Lambda, DynamoDB, API Gateway, IAM, STS on one loopback port). In the foreground (the
 * default) it serves until interrupted (Ctrl-C) or until {@code mvn apitpl:stop} is run in the same project from
 * another terminal: {@code mvn apitpl:start}. With {@code background} it returns at once, for integration tests: the
 * URL goes to the project properties {@code apitpl.endpoint.url} and {@code apitpl.endpoint.port};
 * {@code apitpl:stop} later in the same build stops it. Either way the port is written to {@code portFile}.
 */
@Mojo(name = "start", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class StartMojo extends ApitplMojo {

    /** Where {@code apitpl:stop} finds the endpoint this goal started in the background. */
    static final String CONTEXT_KEY = "apitpl.endpoint";

    /** Skips this goal. */
    @Parameter(property = "apitpl.start.skip", defaultValue = "false")
    boolean skipStart;

    /** The port on 127.0.0.1; 0 picks a free one. */
    @Parameter(property = "apitpl.port", defaultValue = "0")
    int port;

    /** Where state machines, versions, aliases, roles and tables survive a restart; unset keeps them in memory. */
    @Parameter(property = "apitpl.stateDir")
    File stateDir;

    /** Returns at once and leaves the endpoint running for the rest of the build (until {@code apitpl:stop}). */
    @Parameter(property = "apitpl.start.background", defaultValue = "false")
    boolean background;

    /** The file the port is written to, for tests and scripts that read it. */
    @Parameter(property = "apitpl.portFile", defaultValue = "${project.build.directory}/apitpl-endpoint.port")
    File portFile;

    /**
     * In the foreground, the file naming this build's process, by which {@code apitpl:stop} run from another terminal
     * stops it.
     */
    @Parameter(property = "apitpl.pidFile", defaultValue = "${project.build.directory}/apitpl-endpoint.pid")
    File pidFile;

    @Parameter(defaultValue = "${project}", readonly = true)
    MavenProject project;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipStart) {
            getLog().info("apitpl:start skipped");
            return;
        }
        LocalEndpoint endpoint;
        try {
            endpoint = LocalEndpoint.builder().port(port).stateDir(stateDir == null ? null : stateDir.toPath())
                    .log(getLog()::warn).start();
        } catch (IllegalArgumentException | IOException e) {
            throw new MojoFailureException("apitpl:start cannot start the endpoint: " + e.getMessage()
                    + " (<port> / -Dapitpl.port, <stateDir> / -Dapitpl.stateDir)", e);
        }
        getLog().info("apitpl local AWS endpoint on " + endpoint.url() + " (Step Functions, Lambda, DynamoDB, API Gateway, IAM, STS)");
        getLog().info("export AWS_ENDPOINT_URL=" + endpoint.url());
        writeFile(endpoint, portFile, "<portFile> / -Dapitpl.portFile",
                () -> Files.writeString(portFile.toPath(), Integer.toString(endpoint.port())));
        if (background) {
            project.setContextValue(CONTEXT_KEY, endpoint);
            project.getProperties().setProperty("apitpl.endpoint.url", endpoint.url().toString());
            project.getProperties().setProperty("apitpl.endpoint.port", Integer.toString(endpoint.port()));
            return;
        }
        writeFile(endpoint, pidFile, "<pidFile> / -Dapitpl.pidFile", () -> EndpointProcessFile.writeCurrent(pidFile.toPath()));
        getLog().info("Serving until interrupted (Ctrl-C) or stopped by mvn apitpl:stop");
        try {
            endpoint.serveUntilShutdown();
        } finally {
            pidFile.delete();
        }
    }

    private interface Write {
        void run() throws IOException;
    }

    private static void writeFile(LocalEndpoint endpoint, File file, String parameter, Write write) throws MojoFailureException {
        try {
            Files.createDirectories(file.toPath().toAbsolutePath().getParent());
            write.run();
        } catch (IOException e) {
            endpoint.close();
            throw new MojoFailureException("apitpl:start cannot write " + file + " (" + e.getMessage()
                    + "); choose a writable " + parameter, e);
        }
    }
}
