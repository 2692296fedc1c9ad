package dev.apitpl.core.engine.task;

import dev.apitpl.core.engine.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP task against a real server on 127.0.0.1: AWS's result shape and its States.Http.* errors. */
class HttpIntegrationTest {

    private static final ObjectMapper JSON = Json.MAPPER;
    private final HttpIntegration http = new HttpIntegration(JSON);
    private HttpServer server;
    private String base;

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/echo", exchange -> {
            String body = JSON.createObjectNode()
                    .put("method", exchange.getRequestMethod())
                    .put("query", exchange.getRequestURI().getRawQuery())
                    .put("header", exchange.getRequestHeaders().getFirst("X-Trace"))
                    .put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                    .toString();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.createContext("/missing", exchange -> {
            byte[] bytes = "not here".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private JsonNode call(String parameters) throws Exception {
        return http.invoke(new TaskRequest("Call", "arn:aws:states:::http:invoke", JSON.readTree(parameters), 0, null));
    }

    @Test
    void sendsMethodQueryHeadersAndJsonBodyAndReturnsTheResponse() throws Exception {
        JsonNode result = call("""
                {"ApiEndpoint": "%s/echo", "Method": "POST", "Headers": {"X-Trace": "t-1"},
                 "QueryParameters": {"q": "a b", "tag": ["x", "y"]}, "RequestBody": {"id": 7}}""".formatted(base));

        assertEquals(200, result.get("StatusCode").asInt());
        assertEquals("OK", result.get("StatusText").asText());
        assertEquals("POST", result.at("/ResponseBody/method").asText());
        assertEquals("q=a+b&tag=x&tag=y", result.at("/ResponseBody/query").asText());
        assertEquals("t-1", result.at("/ResponseBody/header").asText());
        assertEquals("{\"id\":7}", result.at("/ResponseBody/body").asText());
        assertEquals("application/json", result.at("/Headers/content-type/0").asText(), result.get("Headers").toString());
    }

    @Test
    void authenticationIsIgnoredLocallyWithANote() throws Exception {
        List<String> notes = new ArrayList<>();
        HttpIntegration withNotes = new HttpIntegration(JSON, notes::add);

        JsonNode result = withNotes.invoke(new TaskRequest("Call", "arn:aws:states:::http:invoke", JSON.readTree("""
                {"ApiEndpoint": "%s/echo", "Method": "GET",
                 "Authentication": {"ConnectionArn": "arn:aws:events:us-east-1:123456789012:connection/c/1"}}"""
                .formatted(base)), 0, null));

        assertEquals(200, result.get("StatusCode").asInt());
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).contains("ignores Authentication locally"), notes.get(0));
    }

    @Test
    void aNon2xxAnswerFailsWithTheStatusCodeError() {
        TaskFailedException failure = assertThrows(TaskFailedException.class,
                () -> call("{\"ApiEndpoint\": \"%s/missing\", \"Method\": \"GET\"}".formatted(base)));

        assertEquals("States.Http.StatusCode.404", failure.error());
        assertTrue(failure.cause().contains("\"ResponseBody\":\"not here\""), failure.cause());
    }

    @Test
    void anUnreachableEndpointFailsWithTheSocketError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        TaskFailedException failure = assertThrows(TaskFailedException.class,
                () -> call("{\"ApiEndpoint\": \"http://127.0.0.1:%d/\", \"Method\": \"GET\"}".formatted(closedPort)));

        assertEquals("States.Http.Socket", failure.error());
    }

    @Test
    void missingEndpointOrMethodIsASetupError() {
        TaskFailedException failure = assertThrows(TaskFailedException.class, () -> call("{\"Method\": \"GET\"}"));

        assertEquals("States.Runtime", failure.error());
        assertTrue(failure.cause().contains("ApiEndpoint"));
    }

    @Test
    void aSocketErrorNamesTheEndpointWithoutItsQueryOrCredentials() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        TaskFailedException failure = assertThrows(TaskFailedException.class, () -> call("""
                {"ApiEndpoint": "http://svc:pa55word@127.0.0.1:%d/items?token=t0ken", "Method": "GET",
                 "QueryParameters": {"api_key": "s3cret"}}""".formatted(closedPort)));

        assertEquals("States.Http.Socket", failure.error());
        assertTrue(failure.cause().startsWith("The HTTP request to http://127.0.0.1:%d/items?<query not shown> failed: "
                .formatted(closedPort)), failure.cause());
        for (String secret : List.of("pa55word", "svc", "t0ken", "s3cret", "api_key")) {
            assertFalse(failure.cause().contains(secret), secret + " in " + failure.cause());
        }
    }

    @Test
    void anEndpointThatIsNotAUrlIsReportedWithoutRepeatingIt() {
        TaskFailedException failure = assertThrows(TaskFailedException.class,
                () -> call("{\"ApiEndpoint\": \"http://127.0.0.1/x?key=s3cret value\", \"Method\": \"GET\"}"));

        assertEquals("States.Runtime", failure.error());
        assertTrue(failure.cause().contains("ApiEndpoint is not a URL: Illegal character in query at index"),
                failure.cause());
        assertFalse(failure.cause().contains("s3cret"), failure.cause());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Host", "Content-Length", "connection"})
    void aHeaderTheClientSetsItselfIsASetupErrorNamingIt(String header) {
        TaskFailedException failure = assertThrows(TaskFailedException.class, () -> call(
                "{\"ApiEndpoint\": \"%s/echo\", \"Method\": \"GET\", \"Headers\": {\"%s\": \"1\"}}"
                        .formatted(base, header)));

        assertEquals("States.Runtime", failure.error());
        assertTrue(failure.cause().contains("cannot send the header '" + header + "'"), failure.cause());
        assertTrue(failure.cause().contains("remove it from Parameters.Headers"), failure.cause());
    }

    @Test
    void aHeaderValueWithALineBreakIsASetupErrorThatDoesNotRepeatTheValue() {
        TaskFailedException failure = assertThrows(TaskFailedException.class, () -> call(
                "{\"ApiEndpoint\": \"%s/echo\", \"Method\": \"GET\", \"Headers\": {\"Authorization\": \"Bearer s3cret\\r\\nX: y\"}}"
                        .formatted(base)));

        assertEquals("States.Runtime", failure.error());
        assertTrue(failure.cause().contains("cannot send the header 'Authorization'"), failure.cause());
        assertFalse(failure.cause().contains("s3cret"), failure.cause());
    }

    @Test
    void anInvalidMethodIsASetupErrorNamingIt() {
        TaskFailedException failure = assertThrows(TaskFailedException.class,
                () -> call("{\"ApiEndpoint\": \"%s/echo\", \"Method\": \"GE T\"}".formatted(base)));

        assertEquals("States.Runtime", failure.error());
        assertTrue(failure.cause().contains("cannot send the Method 'GE T'"), failure.cause());
        assertTrue(failure.cause().contains("use GET, POST"), failure.cause());
    }
}
