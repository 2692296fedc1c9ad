package dev.apitpl.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
