package dev.apitpl.core.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.apitpl.core.engine.ExecutionStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference workflow end to end with nothing mocked: GetItem on DynamoDB Local seeded from
 * template files, GenericApiCallLambda in-process (the default handler of every function), and a
 * real HTTP server on 127.0.0.1, which the templates allow through the SSRF guard.
 */
class ReferenceWorkflowTest {

    private static final Path DEFINITION = Path.of("src/test/resources/local/reference-workflow.asl.json");
    private static HttpServer api;

    @TempDir
    static Path templates;

    @BeforeAll
    static void startApiAndWriteTemplates() throws IOException {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/users/7", exchange -> answer(exchange, 200, "{\"id\": 7, \"name\": \"Ada\"}"));
        api.createContext("/broken", exchange -> answer(exchange, 500, "{\"message\": \"boom\"}"));
        api.start();
        for (String[] template : new String[][] {{"get-user", "/users/{{ id }}"}, {"get-broken", "/broken"}}) {
            Files.writeString(templates.resolve(template[0] + ".json"), """
                    {"name": "%s", "method": "GET", "url": "{{ baseUrl }}%s",
                     "headers": {"Accept": "application/json"}, "allowedDestinations": ["127.0.0.1"]}"""
                    .formatted(template[0], template[1]));
        }
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @AfterAll
    static void stopApi() {
        if (api != null) {
            api.stop(0);
        }
    }

    private static LocalRun.Outcome run(String templateName) throws LocalRunException {
        String input = """
                {"templateName": "%s", "method": "GET", "params": {"baseUrl": "http://127.0.0.1:%d", "id": "7"}}"""
                .formatted(templateName, api.getAddress().getPort());
        LocalSetup setup = LocalSetup.defaults().withTemplates(templates).withSubstitutions(Map.of(
                "TemplateTableName", "ApiTemplates",
                "ApiCallFunctionArn", "arn:aws:lambda:eu-west-1:123456789012:function:api-call"));
        return LocalRun.run(new LocalRun.Request(DEFINITION, input, setup), line -> { });
    }

    @Test
    void aSuccessfulCallSucceedsWithTheApisBodyInTheOutput() throws Exception {
        LocalRun.Outcome outcome = run("get-user");

        assertEquals(ExecutionStatus.SUCCEEDED, outcome.result().status(), outcome.summary());
        assertEquals(200, outcome.result().output().at("/apiResponse/statusCode").asInt());
        assertTrue(outcome.result().output().at("/apiResponse/body").toString().contains("Ada"),
                outcome.result().output().toString());
    }

    @Test
    void aServerErrorEndsInTheFailStatesErrorAndCause() throws Exception {
        LocalRun.Outcome outcome = run("get-broken");

        assertEquals(ExecutionStatus.FAILED, outcome.result().status(), outcome.summary());
        assertEquals("ApiCallFailed", outcome.result().error());
        assertEquals("The API answered with an error status.", outcome.result().cause());
    }
}
