package dev.apitpl.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code apitpl serve}: the URL and export lines, serving until interrupted, ports freed afterwards. */
class ServeCommandTest {

    @Test
    void servesUntilInterruptedAndPrintsTheExportLine() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AtomicInteger status = new AtomicInteger(-1);
        Thread serving = new Thread(() -> status.set(Main.run(List.of("serve", "--port", "0"),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err)));
        serving.start();
        Pattern export = Pattern.compile("export AWS_ENDPOINT_URL=(http://127\\.0\\.0\\.1:(\\d+))");
        Matcher matcher = export.matcher("");
        for (int i = 0; i < 600 && !matcher.find(); i++) {
            Thread.sleep(100);
            matcher = export.matcher(out.toString(StandardCharsets.UTF_8));
        }
        assertTrue(matcher.find(0), "no export line in: " + out);
        String url = matcher.group(1);
        int port = Integer.parseInt(matcher.group(2));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("apitpl local AWS endpoint on " + url), out.toString());
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("X-Amz-Target", "AWSStepFunctions.ListStateMachines")
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());
        assertEquals("{\"stateMachines\":[]}", answer.body());
        assertTrue(answer.headers().firstValue("x-amzn-RequestId").isPresent());

        serving.interrupt();
        serving.join(30_000);
        assertFalse(serving.isAlive(), "serve did not stop when interrupted");
        assertEquals(Command.OK, status.get());
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(port, again.getLocalPort());
        }
    }

    @Test
    void aBadPortIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of("serve", "--port", "http"), System.out, new PrintStream(err, true,
                StandardCharsets.UTF_8));
        assertEquals(Command.USAGE, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--port needs 0 (a free port) or a port number"),
                err.toString(StandardCharsets.UTF_8));
    }
}
