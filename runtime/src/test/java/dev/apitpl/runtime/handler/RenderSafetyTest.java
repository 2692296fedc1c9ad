package dev.apitpl.runtime.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.apitpl.runtime.error.ApiTplException;
import dev.apitpl.runtime.error.MissingParameterException;
import dev.apitpl.runtime.error.RenderLimitExceededException;
import dev.apitpl.runtime.error.TemplateRenderException;
import dev.apitpl.runtime.http.ApiCaller;
import dev.apitpl.runtime.http.CallLimits;
import dev.apitpl.runtime.http.DestinationGuard;
import dev.apitpl.runtime.json.Json;
import dev.apitpl.runtime.secret.EnvironmentSecretResolver;
import dev.apitpl.runtime.template.TemplateCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The renderer's safety rules through the handler, against a real HTTP server on 127.0.0.1 that counts what reaches
 * it: every failure while rendering is a named {@code dev.apitpl.runtime.error} error (never a raw Java exception),
 * limits fail instead of truncating, nothing is sent after a failed render, and a secret's value is in no message
 * and no log field, wherever in the request it is used.
 */
class RenderSafetyTest {

    private static final String SECRET = "s3cr3t-Value-42";
    private static final String SECRET_HOST = "secret-tenant-7.internal";
    private static final AtomicInteger received = new AtomicInteger();
    private static HttpServer api;
    private static String base;

    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private GenericApiCallLambda handler;

    @BeforeAll
    static void start() throws IOException {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", exchange -> {
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        api.start();
        base = "http://127.0.0.1:" + api.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        api.stop(0);
    }

    @BeforeEach
    void newHandler() {
        // Only 127.0.0.1 resolves: no test query ever leaves the machine, not even to DNS.
        ApiCaller caller = new ApiCaller(new DestinationGuard(List.of("127.0.0.1", SECRET_HOST)), host -> {
            if (host.equals("127.0.0.1")) {
                return List.of(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
            }
            throw new UnknownHostException(host);
        }, CallLimits.DEFAULTS);
        handler = new GenericApiCallLambda(null, caller, new EnvironmentSecretResolver(Map.of(
                "APITPL_SECRET_TOKEN", SECRET, "APITPL_SECRET_HOST", SECRET_HOST)), Clock.systemUTC(),
                new CallLog(logLines::add), GenericApiCallLambda.DEFAULT_MAX_RESULT_BYTES);
        received.set(0);
    }

    private Map<String, Object> input(String templateJson, Object params) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> item = Json.mapper().convertValue(TemplateCodec.toDynamoJson(TemplateCodec.fromJson(templateJson)), Map.class);
        return Map.of("template", item, "params", params);
    }

    /** Renders and calls; the failure must be a named error, logged as such, with nothing sent. */
    private ApiTplException failsWithNothingSent(String templateJson, Object params) throws IOException {
        Map<String, Object> input = input(templateJson, params);
        Throwable thrown = assertThrows(Throwable.class, () -> handler.handleRequest(input, null));
        assertTrue(thrown instanceof ApiTplException, "a named dev.apitpl.runtime.error error, not " + thrown);
        assertEquals(0, received.get(), "nothing was sent after the failed render");
        JsonNode line = Json.parse(logLines.get(logLines.size() - 1));
        assertEquals("error", line.get("outcome").asText());
        assertEquals(thrown.getClass().getName(), line.get("error").asText());
        return (ApiTplException) thrown;
    }

    private String bodyTemplate(String body) {
        return "{\"name\": \"t\", \"method\": \"POST\", \"url\": \"" + base + "/x\", \"body\": " + body + "}";
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"{{ n / 0 }}\"", "{\"v\": \"{{ n / 0 }}\"}", "\"{{ n // 0 }}\"", "{\"v\": \"{{ n % 0 }}\"}",
            "\"{{ 1.5 / 0.0 }}\"", "{\"v\": \"{{ price / 0 }}\"}", "\"{{ price // 0 }}\"", "\"{{ 0 ** -1 }}\""})
    void divisionByZeroIsANamedErrorAndNothingIsSent(String body) throws IOException {
        ApiTplException error = failsWithNothingSent(bodyTemplate(body), Map.of("n", 7, "price", 19.99));
        assertEquals(TemplateRenderException.class, error.getClass());
        assertTrue(error.getMessage().contains("division by zero"), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"{{ range(100000) | length }}\"", "{\"v\": \"{{ range(0, 50000, 2) | list }}\"}",
            "\"{% for i in range(30000) %}x{% endfor %}\"", "\"{{ 2 ** 10000000 }}\"", "\"{{ 'ab' * 1000000 }}\"",
            "\"{% for a in range(500) %}{% for b in range(500) %}{% endfor %}{% endfor %}\"",
            "\"{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}\""})
    void aLimitFailsWithANamedErrorNeverWithShortenedOutput(String body) throws IOException {
        ApiTplException error = failsWithNothingSent(bodyTemplate(body), Map.of());
        assertTrue(error instanceof RenderLimitExceededException || error instanceof TemplateRenderException,
                "a limit error, got " + error);
        if (body.contains("range(")) {
            assertEquals(RenderLimitExceededException.class, error.getClass(), error.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"{{ 'a' + 1 }}\"", "{\"v\": \"{{ -name }}\"}", "\"{{ '%d' % name }}\"", "\"{{ [] | max }}\"",
            "\"{{ nothing.upper() }}\"", "\"{{ 1 < 'a' }}\"", "\"{{ name | frobnicate }}\"", "\"{% for x in 5 %}{% endfor %}\"",
            "\"{{ name.getClass() }}\"", "\"{{ '%s %s' % (name,) }}\"", "{\"v\": \"{{ missing }}\"}", "\"{{ user.address.city }}\"",
            "\"{{ range(1, 2, 0) }}\"", "\"{{ 'x' | round }}\"", "\"{{ {'a': 1} + 1 }}\""})
    void everyRenderFailureIsANamedErrorNeverARawException(String body) throws IOException {
        failsWithNothingSent(bodyTemplate(body), Map.of("name", "Ann", "nothing", Json.nodes().nullNode(),
                "user", Map.of("name", "Ann")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "url|{\"name\": \"t\", \"method\": \"GET\", \"url\": \"BASE/a/{{ user[secret('TOKEN')] }}\"}",
            "query|{\"name\": \"t\", \"method\": \"GET\", \"url\": \"BASE/a\", \"query\": {\"q\": \"{{ user[secret('TOKEN')] }}\"}}",
            "header|{\"name\": \"t\", \"method\": \"GET\", \"url\": \"BASE/a\", \"headers\": {\"X-K\": \"{{ user[secret('TOKEN')] }}\"}}",
            "text body|{\"name\": \"t\", \"method\": \"POST\", \"url\": \"BASE/a\", \"body\": \"{{ user[secret('TOKEN')] }}\"}",
            "json leaf|{\"name\": \"t\", \"method\": \"POST\", \"url\": \"BASE/a\", \"body\": {\"k\": \"{{ user[secret('TOKEN')] }}\"}}",
            "sandbox|{\"name\": \"t\", \"method\": \"POST\", \"url\": \"BASE/a\", \"body\": \"{{ user[secret('TOKEN')].x() }}\"}",
            "arithmetic|{\"name\": \"t\", \"method\": \"POST\", \"url\": \"BASE/a\", \"body\": \"{{ secret('TOKEN') ~ (1 / 0) }}\"}"})
    void aSecretIsInNoMessageWhenTheRenderFails(String part, String template) throws IOException {
        ApiTplException error = failsWithNothingSent(template.replace("BASE", base), Map.of("user", Map.of("name", "Ann")));
        assertFalse(error.getMessage().contains(SECRET), part + ": " + error.getMessage());
        assertFalse(String.join("\n", logLines).contains(SECRET), part + ": " + logLines);
        if (!part.equals("sandbox") && !part.equals("arithmetic")) {
            assertEquals(MissingParameterException.class, error.getClass(), error.getMessage());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "host|http://{{ secret('HOST') }}:PORT/a?k={{ secret('TOKEN') }}",
            "path|http://127.0.0.1:PORT/a/{{ secret('TOKEN') }}",
            "query|http://127.0.0.1:PORT/a?k={{ secret('TOKEN') }}"})
    void aSecretIsInNoMessageAndNoLogFieldWhenTheCallFails(String part, String url) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
            closedPort = socket.getLocalPort();
        }
        String template = "{\"name\": \"t\", \"method\": \"POST\", \"url\": \"" + url.replace("PORT", String.valueOf(closedPort))
                + "\", \"headers\": {\"Authorization\": \"Bearer {{ secret('TOKEN') }}\"}, \"body\": \"{{ secret('TOKEN') }}\"}";
        Map<String, Object> input = input(template, Map.of());

        Throwable thrown = assertThrows(Throwable.class, () -> handler.handleRequest(input, null));

        assertTrue(thrown instanceof ApiTplException, "a named error, not " + thrown);
        for (String secret : List.of(SECRET, SECRET_HOST)) {
            assertFalse(thrown.getMessage().contains(secret), part + ": " + thrown.getMessage());
            assertFalse(thrown.toString().contains(secret), part + ": " + thrown);
            assertFalse(String.join("\n", logLines).contains(secret), part + ": " + logLines);
        }
        if (part.equals("host")) {
            assertEquals("***", Json.parse(logLines.get(0)).get("host").asText(), "the host is redacted in the log");
        }
    }
}
