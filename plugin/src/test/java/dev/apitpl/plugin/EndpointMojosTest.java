package dev.apitpl.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** apitpl:start in the background and apitpl:stop, as pre- and post-integration-test bracket a build's tests. */
class EndpointMojosTest {

    @TempDir
    Path target;

    private StartMojo start(MavenProject project) {
        StartMojo start = new StartMojo();
        start.project = project;
        start.background = true;
        start.portFile = target.resolve("apitpl-endpoint.port").toFile();
        return start;
    }

    @Test
    void backgroundStartPublishesThePortAndStopFreesIt() throws Exception {
        MavenProject project = new MavenProject();
        start(project).execute();
        int port = Integer.parseInt(Files.readString(target.resolve("apitpl-endpoint.port")));
        assertEquals(Integer.toString(port), project.getProperties().getProperty("apitpl.endpoint.port"));
        String url = project.getProperties().getProperty("apitpl.endpoint.url");
        assertEquals("http://127.0.0.1:" + port, url);
        HttpResponse<String> identity = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=GetCallerIdentity&Version=2011-06-15")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, identity.statusCode());
        assertTrue(identity.body().contains("<Account>"), identity.body());

        StopMojo stop = new StopMojo();
        stop.project = project;
        stop.execute();
        assertNull(project.getContextValue(StartMojo.CONTEXT_KEY));
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(port, again.getLocalPort());
        }
        stop.execute(); // nothing left to stop: no failure
    }

    @Test
    void aTakenPortNamesTheParameter() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            StartMojo start = start(new MavenProject());
            start.port = taken.getLocalPort();
            MojoFailureException failure = assertThrows(MojoFailureException.class, start::execute);
            assertTrue(failure.getMessage().contains("-Dapitpl.port"), failure.getMessage());
        }
    }

    @Test
    void skipStartsNothing() throws Exception {
        StartMojo start = start(new MavenProject());
        start.skipStart = true;
        start.execute();
        assertTrue(Files.notExists(target.resolve("apitpl-endpoint.port")));
    }

    private StopMojo stopWithPidFile(Path pidFile) {
        StopMojo stop = new StopMojo();
        stop.project = new MavenProject();
        stop.pidFile = pidFile.toFile();
        stop.timeoutSeconds = 30;
        return stop;
    }

    @Test
    void stopEndsTheProcessThatAForegroundStartOfAnotherBuildNamed() throws Exception {
        Process other = new ProcessBuilder("sleep", "120").start();
        try {
            Path pidFile = target.resolve("apitpl-endpoint.pid");
            Files.writeString(pidFile, other.pid() + " " + other.info().startInstant().orElseThrow() + "\n");

            stopWithPidFile(pidFile).execute();

            assertTrue(other.waitFor(5, TimeUnit.SECONDS), "stop waits until the process has ended");
            assertTrue(Files.notExists(pidFile), "the pid file goes with the process");
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void aStalePidFileStopsNothing() throws Exception {
        Process other = new ProcessBuilder("sleep", "120").start();
        try {
            Path pidFile = target.resolve("apitpl-endpoint.pid");
            // the same process id, but not the process that wrote the file (ids are reused)
            Files.writeString(pidFile, other.pid() + " " + Instant.EPOCH + "\n");

            stopWithPidFile(pidFile).execute();
            stopWithPidFile(target.resolve("absent.pid")).execute();

            assertFalse(other.waitFor(1, TimeUnit.SECONDS), "a process the file does not name exactly is left alone");
        } finally {
            other.destroyForcibly();
        }
    }
}
