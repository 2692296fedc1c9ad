package dev.apitpl.core.publish;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Assumptions;

/**
 * moto's server on a free loopback port: IAM, Lambda (control plane; it runs no code here), Step Functions and
 * DynamoDB on one URL. Tests that need it are skipped where {@code moto_server} is not installed.
 */
final class MotoServer implements AutoCloseable {

    private final Process process;
    private final int port;

    private MotoServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static MotoServer start() throws Exception {
        Assumptions.assumeTrue(onPath("moto_server"), "moto_server is not installed (pip install 'moto[server]'); skipped");
        int port = DynamoDbServer.freePort();
        Process process = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        MotoServer server = new MotoServer(process, port);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpURLConnection connection = (HttpURLConnection) server.endpoint().resolve("/moto-api/").toURL().openConnection();
                connection.setConnectTimeout(500);
                if (connection.getResponseCode() > 0) {
                    return server;
                }
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        server.close();
        throw new IllegalStateException("moto_server did not start within 60 s on port " + port);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
