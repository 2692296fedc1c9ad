package dev.apitpl.core.cli;

import dev.apitpl.core.engine.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded command-line jar, run as a user runs it: {@code java -jar apitpl-core-VERSION-cli.jar validate ...}. */
class CliJarIT {

    @TempDir
    Path dir;

    private record Result(int exit, String out, String err) {
        String both() {
            return out + err;
        }
    }

    private static Path cliJar() throws IOException {
        try (Stream<Path> jars = Files.list(Path.of("target"))) {
            return jars.filter(jar -> jar.getFileName().toString().endsWith("-cli.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no *-cli.jar in target/: the package phase builds it"));
        }
    }

    private Result run(String... args) throws IOException, InterruptedException {
        return runWith(List.of(), args);
    }

    /** Runs the jar with its output going to files, so a chatty process can never block on a full pipe. */
    private Result runWith(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", cliJar().toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the cli jar did not finish within 2 minutes: " + Files.readString(out)
                    + Files.readString(err));
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void theJarValidatesAProjectAndExitsWithTheProblemStatus() throws Exception {
        Result result = run("validate", "--tolerant", ValidateCommandTest.PROJECT);

        assertEquals(1, result.exit(), result.both());
        assertTrue(result.out().contains("error XREF-TEMPLATE-MISSING"), result.both());
        assertTrue(result.out().strip().endsWith("apitpl: 1 error, 0 warnings in 1 file"), result.both());
        assertFalse(result.both().contains("SLF4J"), "no logging noise: " + result.both());
    }

    @Test
    void theJarListsItsCommands() throws Exception {
        Result result = run("--help");

        assertEquals(0, result.exit(), result.both());
        assertTrue(result.out().contains("validate"), result.both());
    }

    @Test
    void theJarRunsTheReferenceWorkflowOnEmbeddedDynamoDbLocalWithTheGenericLambda() throws Exception {
        // Everything the jar must carry: DynamoDB Local with its native library, the runtime's handler, HTTP.
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/users/7", exchange -> {
            byte[] body = "{\"id\": 7, \"name\": \"Ada\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        api.start();
        try {
            Path templates = Files.createDirectories(dir.resolve("templates"));
            Files.writeString(templates.resolve("get-user.json"), """
                    {"name": "get-user", "method": "GET", "url": "{{ baseUrl }}/users/{{ id }}",
                     "headers": {"Accept": "application/json"}, "allowedDestinations": ["127.0.0.1"]}""");
            Path substitutions = Files.writeString(dir.resolve("substitutions.json"), """
                    {"TemplateTableName": "ApiTemplates",
                     "ApiCallFunctionArn": "arn:aws:lambda:eu-west-1:123456789012:function:api-call"}""");
            String input = """
                    {"templateName": "get-user", "method": "GET",
                     "params": {"baseUrl": "http://127.0.0.1:%d", "id": "7"}}""".formatted(api.getAddress().getPort());

            Result result = run("run", "--definition", "src/test/resources/local/reference-workflow.asl.json",
                    "--templates", templates.toString(), "--substitutions", substitutions.toString(),
                    "--input", input, "--json");

            assertEquals(0, result.exit(), result.both());
            ObjectMapper json = Json.MAPPER;
            JsonNode described = json.readTree(result.out());
            assertEquals("SUCCEEDED", described.get("status").asText(), result.both());
            JsonNode output = json.readTree(described.get("output").asText());
            assertEquals("get-user", output.at("/template/Item/PK/S").asText(), output.toString());
            assertEquals(200, output.at("/apiResponse/statusCode").asInt(), output.toString());
            assertTrue(output.at("/apiResponse/body").toString().contains("Ada"), output.toString());
        } finally {
            api.stop(0);
        }
    }

    @Test
    void aDynamoDbLocalThatCannotStartIsASetupErrorNamingTheFix() throws Exception {
        // DynamoDB Local extracts its native library into java.io.tmpdir; a directory that does not exist stops it.
        Result result = runWith(List.of("-Djava.io.tmpdir=" + dir.resolve("missing")),
                "run", "--definition", "src/test/resources/local/get-template.asl.json",
                "--substitutions", Files.writeString(dir.resolve("substitutions.json"),
                        "{\"TemplateTableName\": \"ApiTemplates\"}").toString(), "--json");

        assertEquals(2, result.exit(), result.both());
        assertEquals("", result.out());
        String lastLine = result.err().strip().lines().reduce((first, second) -> second).orElse("");
        assertTrue(lastLine.startsWith("apitpl run: DynamoDB Local could not start in this JVM"), result.err());
        assertTrue(lastLine.contains("--dynamodb-endpoint"), lastLine);
    }
}
