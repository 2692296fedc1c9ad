package dev.apitpl.core.endpoint.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.runtime.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AWS CLI against the Lambda service: create, wait, invoke with the log tail, get, delete. Skips without {@code aws}. */
class LambdaCliTest {

    @TempDir
    Path scratch;

    record Run(int exit, String out) {
    }

    private Run aws(String endpoint, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint, "--region", "us-east-1", "--output", "json"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_CONFIG_FILE", scratch.resolve("none").toString(), "AWS_SHARED_CREDENTIALS_FILE", scratch.resolve("none").toString()));
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "aws " + String.join(" ", args) + " did not finish");
        return new Run(p.exitValue(), out);
    }

    /** The CLI's major version (1 or 2), or 0 when it is not installed. */
    private static int cliVersion() {
        try {
            Process p = new ProcessBuilder("aws", "--version").redirectErrorStream(true).start();
            String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 && version.startsWith("aws-cli/")
                    ? Character.getNumericValue(version.charAt("aws-cli/".length())) : 0;
        } catch (Exception e) {
            return 0;
        }
    }

    @Test
    void theAwsCliCreatesWaitsInvokesAndDeletes() throws Exception {
        int cli = cliVersion();
        assumeTrue(cli > 0, "the AWS CLI (aws) is not installed");
        Path jar = Files.write(scratch.resolve("echo.jar"), TestFunctions.jar(scratch.resolve("build")));
        try (RunningLambda running = new RunningLambda(Duration.ofMillis(300))) {
            String url = running.server.url();
            Run created = aws(url, "lambda", "create-function", "--function-name", "cli-echo", "--runtime", "java21",
                    "--handler", "example.Handler::handleRequest", "--role", "arn:aws:iam::000000000000:role/apitpl-test",
                    "--zip-file", "fileb://" + jar);
            assertEquals(0, created.exit(), created.out());
            assertEquals("Pending", Json.parse(created.out()).get("State").asText());
            Run waited = aws(url, "lambda", "wait", "function-active-v2", "--function-name", "cli-echo");
            assertEquals(0, waited.exit(), waited.out());

            Path out = scratch.resolve("out.json");
            List<String> invoke = new ArrayList<>(List.of("lambda", "invoke", "--function-name", "cli-echo", "--log-type", "Tail",
                    "--payload", "{\"from\":\"cli\"}", out.toString()));
            if (cli >= 2) {
                invoke.addAll(2, List.of("--cli-binary-format", "raw-in-base64-out"));
            }
            Run invoked = aws(url, invoke.toArray(String[]::new));
            assertEquals(0, invoked.exit(), invoked.out());
            JsonNode result = Json.parse(invoked.out());
            assertEquals(200, result.get("StatusCode").asInt());
            assertEquals("$LATEST", result.get("ExecutedVersion").asText());
            assertTrue(new String(Base64.getDecoder().decode(result.get("LogResult").asText()), StandardCharsets.UTF_8)
                    .contains("echo handler called"));
            assertEquals("{\"from\":\"cli\"}", Files.readString(out));

            Run got = aws(url, "lambda", "get-function", "--function-name", "cli-echo");
            assertEquals("Active", Json.parse(got.out()).get("Configuration").get("State").asText());
            assertEquals(0, aws(url, "lambda", "delete-function", "--function-name", "cli-echo").exit());
            Run missing = aws(url, "lambda", "get-function", "--function-name", "cli-echo");
            assertTrue(missing.exit() != 0 && missing.out().contains("ResourceNotFoundException")
                    && missing.out().contains("Function not found: arn:aws:lambda:us-east-1:000000000000:function:cli-echo"), missing.out());
        }
    }
}
