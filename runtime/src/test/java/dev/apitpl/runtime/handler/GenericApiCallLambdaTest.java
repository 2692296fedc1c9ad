package dev.apitpl.runtime.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.apitpl.runtime.error.ApiTimeoutException;
import dev.apitpl.runtime.error.DestinationBlockedException;
import dev.apitpl.runtime.error.InvalidRequestException;
import dev.apitpl.runtime.error.ResponseTooLargeException;
import dev.apitpl.runtime.error.TemplateNotFoundException;
import dev.apitpl.runtime.error.TemplateRenderException;
import dev.apitpl.runtime.http.ApiCaller;
import dev.apitpl.runtime.http.CallLimits;
import dev.apitpl.runtime.http.DestinationGuard;
import dev.apitpl.runtime.http.HostResolver;
import dev.apitpl.runtime.json.Json;
import dev.apitpl.runtime.secret.EnvironmentSecretResolver;
import dev.apitpl.runtime.store.DynamoDbTemplateStore;
import dev.apitpl.runtime.store.LocalDynamoDb;
import dev.apitpl.runtime.template.ApiTemplate;
import dev.apitpl.runtime.template.TemplateCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The handler end to end: templates in DynamoDB Local, the API a JDK HttpServer on 127.0.0.1, the
 * secret in a (given) environment, and the one log line captured.
 */
class GenericApiCallLambdaTest {

    private static final String SECRET = "s3cr3t-token-value";
    private static final CountDownLatch RELEASE = new CountDownLatch(1);
    private static HttpServer api;
    private static String base;
    private static DynamoDbClient dynamo;
    private static String table;
    private static final List<String> receivedAuthorization = new CopyOnWriteArrayList<>();

    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private GenericApiCallLambda handler;

    @BeforeAll
    static void start() throws IOException {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.setExecutor(Executors.newCachedThreadPool());
        api.createContext("/users/", exchange -> {
            receivedAuthorization.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            String id = exchange.getRequestURI().getPath().substring("/users/".length());
            if (id.equals("slow")) {
                try {
                    RELEASE.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int status = id.equals("500") ? 500 : 200;
            String body = status == 500 ? "{\"error\":\"database down\"}"
                    : "{\"id\":\"" + id + "\",\"name\":\"Ada\",\"roles\":[\"admin\"]}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        api.start();
        base = "http://127.0.0.1:" + api.getAddress().getPort();

        dynamo = LocalDynamoDb.client();
        table = LocalDynamoDb.newTemplateTable("handler");
        ApiTemplate getUser = TemplateCodec.fromJson("{\"name\":\"getUser\",\"method\":\"GET\",\"url\":\"" + base
                + "/users/{{ id }}\",\"headers\":{\"Authorization\":\"Bearer {{ secret('API_TOKEN') }}\"}}");
        dynamo.putItem(request -> request.tableName(table).item(TemplateCodec.toAttributeValues(getUser)));
    }

    @AfterAll
    static void stop() {
        RELEASE.countDown();
        api.stop(0);
    }

    @BeforeEach
    void newHandler() {
        handler = handler(GenericApiCallLambda.DEFAULT_MAX_RESULT_BYTES);
    }

    private GenericApiCallLambda handler(long maxResultBytes) {
        return new GenericApiCallLambda(
                new DynamoDbTemplateStore(dynamo, table, Duration.ofSeconds(60), Clock.systemUTC()),
                new ApiCaller(new DestinationGuard(List.of("127.0.0.1")), HostResolver.system(), CallLimits.DEFAULTS),
                new EnvironmentSecretResolver(Map.of("APITPL_SECRET_API_TOKEN", SECRET)),
                Clock.systemUTC(), new CallLog(logLines::add), maxResultBytes);
    }

    private static Map<String, Object> byName(String name, Object params) {
        return Map.of("templateName", name, "method", "GET", "params", params);
    }

    private JsonNode onlyLogLine() throws IOException {
        assertEquals(1, logLines.size(), "exactly one line per call: " + logLines);
        return Json.parse(logLines.get(0));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTemplateFromTheTableIsRenderedCalledAndItsJsonReturned() throws IOException {
        Map<String, Object> result = handler.handleRequest(byName("getUser", Map.of("id", "u-7")), null);

        assertEquals(200, result.get("statusCode"));
        Map<String, Object> body = (Map<String, Object>) result.get("body");
        assertEquals("u-7", body.get("id"));
        assertEquals(List.of("admin"), body.get("roles"));
        assertEquals("application/json", ((Map<String, Object>) result.get("headers")).get("content-type"));
        assertTrue(((Number) result.get("durationMs")).longValue() >= 0);
        assertEquals("Bearer " + SECRET, receivedAuthorization.get(receivedAuthorization.size() - 1));

        JsonNode line = onlyLogLine();
        assertEquals("getUser", line.get("template").asText());
        assertEquals("GET", line.get("method").asText());
        assertEquals("127.0.0.1", line.get("host").asText());
        assertEquals(200, line.get("status").asInt());
        assertEquals("ok", line.get("outcome").asText());
        assertTrue(line.has("durationMs"));
        assertFalse(logLines.get(0).contains(SECRET), "no secret in the log");
        assertFalse(logLines.get(0).contains("Ada"), "no body in the log");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTemplateItemPassedInlineAsStepFunctionsDoesNeedsNoTable() throws IOException {
        Map<String, Object> item = Json.mapper().convertValue(TemplateCodec.toDynamoJson(TemplateCodec.fromJson(
                "{\"name\":\"inline\",\"method\":\"GET\",\"url\":\"" + base + "/users/{{ id }}\"}")), Map.class);
        GenericApiCallLambda noStore = new GenericApiCallLambda(null,
                new ApiCaller(new DestinationGuard(List.of("127.0.0.1")), HostResolver.system(), CallLimits.DEFAULTS),
                name -> java.util.Optional.empty(), Clock.systemUTC(), new CallLog(logLines::add),
                GenericApiCallLambda.DEFAULT_MAX_RESULT_BYTES);

        Map<String, Object> result = noStore.handleRequest(Map.of("template", item, "params", Map.of("id", 9)), null);

        assertEquals(200, result.get("statusCode"));
        assertEquals("9", ((Map<String, Object>) result.get("body")).get("id"));
        assertEquals("inline", onlyLogLine().get("template").asText());
    }

    @Test
    @SuppressWarnings("unchecked")
    void anApiServerErrorIsAResultForTheChoiceStateNotAnException() throws IOException {
        Map<String, Object> result = handler.handleRequest(byName("getUser", Map.of("id", "500")), null);

        assertEquals(500, result.get("statusCode"));
        assertEquals("database down", ((Map<String, Object>) result.get("body")).get("error"));
        assertEquals(500, onlyLogLine().get("status").asInt());
    }

    @Test
    void anUnknownTemplateIsNotFoundAndLoggedByErrorName() throws IOException {
        TemplateNotFoundException error = assertThrows(TemplateNotFoundException.class,
                () -> handler.handleRequest(byName("noSuchTemplate", Map.of()), null));

        assertTrue(error.getMessage().contains("'noSuchTemplate'") && error.getMessage().contains(table)
                && error.getMessage().contains("GET"), error.getMessage());
        JsonNode line = onlyLogLine();
        assertEquals("error", line.get("outcome").asText());
        assertEquals(TemplateNotFoundException.class.getName(), line.get("error").asText());
        assertEquals("noSuchTemplate", line.get("template").asText());
    }

    private Map<String, Object> inline(String templateJson, Map<String, Object> params) {
        @SuppressWarnings("unchecked")
        Map<String, Object> item = Json.mapper().convertValue(
                TemplateCodec.toDynamoJson(TemplateCodec.fromJson(templateJson)), Map.class);
        return Map.of("template", item, "params", params);
    }

    @Test
    void theInstanceMetadataServiceIsBlockedWithoutAConnection() throws IOException {
        Map<String, Object> input = inline("{\"name\":\"steal\",\"method\":\"GET\","
                + "\"url\":\"http://169.254.169.254/latest/meta-data/iam/security-credentials/\"}", Map.of());

        DestinationBlockedException error = assertThrows(DestinationBlockedException.class,
                () -> handler.handleRequest(input, null));

        assertTrue(error.getMessage().contains("link-local"), error.getMessage());
        assertEquals(DestinationBlockedException.class.getName(), onlyLogLine().get("error").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.1", "0x7f.1", "127.0.0.1.", "0177.0.0.1", "2130706433", "017700000001"})
    void anOddNumericHostIsABlockedDestinationWithoutAConnection(String host) throws IOException {
        int before = receivedAuthorization.size();
        Map<String, Object> input = inline("{\"name\":\"odd\",\"method\":\"GET\",\"url\":\"http://{{ host }}:"
                + api.getAddress().getPort() + "/users/1\"}", Map.of("host", host));

        DestinationBlockedException error = assertThrows(DestinationBlockedException.class,
                () -> handler.handleRequest(input, null));

        assertTrue(error.getMessage().contains("non-canonical numeric address"), error.getMessage());
        assertTrue(error.getMessage().contains("dotted quad"), error.getMessage());
        assertEquals(before, receivedAuthorization.size(), "nothing reached the API");
        assertEquals(DestinationBlockedException.class.getName(), onlyLogLine().get("error").asText());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTemplateWithAWildcardDestinationIsAcceptedAndKeptToItsList() {
        String template = "{\"name\":\"internal\",\"method\":\"GET\",\"url\":\"" + base + "/users/w-1\","
                + "\"allowedDestinations\":[\"*.corp.example\"%s]}";

        Map<String, Object> result = handler.handleRequest(inlineRaw(String.format(template, ",\"127.0.0.1\"")), null);
        DestinationBlockedException outside = assertThrows(DestinationBlockedException.class,
                () -> handler.handleRequest(inlineRaw(String.format(template, "")), null));

        assertEquals("w-1", ((Map<String, Object>) result.get("body")).get("id"));
        assertTrue(outside.getMessage().contains("not in the template's allowedDestinations"), outside.getMessage());
    }

    /** The error names docs/runtime-lambda.md gives for URL and header problems, as the handler reports them. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "scheme not http(s)        | ftp://127.0.0.1/users/1                 |                 | TemplateRenderException",
        "no host                   | http:///users/1                         |                 | TemplateRenderException",
        "relative URL              | /users/1                                |                 | TemplateRenderException",
        "user info before the host | http://user:pw@127.0.0.1:{port}/users/1 |                 | InvalidRequestException",
        "client-owned header       | http://127.0.0.1:{port}/users/1         | Host            | InvalidTemplateException",
        "header name not a token   | http://127.0.0.1:{port}/users/1         | X Customer      | InvalidTemplateException"})
    void urlAndHeaderProblemsHaveTheDocumentedErrorNames(String problem, String url, String header, String error) {
        String headers = header == null ? "" : ",\"headers\":{\"" + header + "\":\"v\"}";
        int before = receivedAuthorization.size();

        RuntimeException thrown = assertThrows(RuntimeException.class, () -> handler.handleRequest(inlineRaw(
                "{\"name\":\"t\",\"method\":\"GET\",\"url\":\"" + url.replace("{port}", String.valueOf(api.getAddress().getPort()))
                        + "\"" + headers + "}"), null));

        assertEquals("dev.apitpl.runtime.error." + error, thrown.getClass().getName(), problem + ": " + thrown);
        assertEquals(before, receivedAuthorization.size(), "nothing reached the API");
    }

    /** A plain-JSON template passed inline as is, so the handler (not the test) is what decodes it. */
    private static Map<String, Object> inlineRaw(String templateJson) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> template = Json.mapper().readValue(templateJson, Map.class);
            return Map.of("template", template, "params", Map.of());
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Map<String, Object> customerHeader(String customer) {
        return inline("{\"name\":\"tagged\",\"method\":\"GET\",\"url\":\"" + base
                + "/users/1\",\"headers\":{\"X-Customer\":\"{{ customer }}\"}}", Map.of("customer", customer));
    }

    @Test
    void aLineBreakSmuggledIntoAHeaderThroughAParameterIsRejectedByTheRenderer() {
        int before = receivedAuthorization.size();

        TemplateRenderException error = assertThrows(TemplateRenderException.class,
                () -> handler.handleRequest(customerHeader("acme\r\nX-Admin: true"), null));

        assertTrue(error.getMessage().contains("X-Customer"), error.getMessage());
        assertFalse(error.getMessage().contains("acme"), "the value is not echoed");
        assertEquals(before, receivedAuthorization.size(), "nothing reached the API");
        assertFalse(logLines.get(0).contains("acme"));
    }

    @Test
    void anyOtherControlCharacterInAHeaderIsRejectedByTheCaller() {
        int before = receivedAuthorization.size();

        InvalidRequestException error = assertThrows(InvalidRequestException.class,
                () -> handler.handleRequest(customerHeader("acme\u0000admin"), null));

        assertTrue(error.getMessage().contains("'X-Customer'"), error.getMessage());
        assertFalse(error.getMessage().contains("acme"), "the value is not echoed");
        assertEquals(before, receivedAuthorization.size(), "nothing reached the API");
    }

    @Test
    void missingInputFieldsAreNamed() {
        assertTrue(assertThrows(InvalidRequestException.class, () -> handler.handleRequest(Map.of(), null))
                .getMessage().contains("'templateName'"));
        assertTrue(assertThrows(InvalidRequestException.class,
                () -> handler.handleRequest(Map.of("templateName", "getUser"), null))
                .getMessage().contains("'method'"));
        assertTrue(assertThrows(InvalidRequestException.class,
                () -> handler.handleRequest(Map.of("templateName", "getUser", "method", "GET", "params", List.of(1)),
                        null)).getMessage().contains("'params'"));
        assertTrue(assertThrows(InvalidRequestException.class, () -> handler.handleRequest(null, null))
                .getMessage().contains("empty"));
        assertEquals(4, logLines.size(), "one line per failed call too");
    }

    @Test
    void anErrorIsLoggedByItsNameAndRethrown() throws Exception {
        Map<String, Object> deep = new java.util.HashMap<>();
        Map<String, Object> innermost = deep;
        for (int i = 0; i < 200_000; i++) { // params nested far deeper than any stack
            Map<String, Object> next = new java.util.HashMap<>();
            innermost.put("a", next);
            innermost = next;
        }
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        Thread call = new Thread(null, () -> {
            try {
                handler.handleRequest(byName("getUser", deep), null);
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "small-stack", 256 * 1024);
        call.start();
        call.join();

        assertTrue(thrown.get() instanceof StackOverflowError, String.valueOf(thrown.get()));
        JsonNode line = onlyLogLine();
        assertEquals("error", line.get("outcome").asText());
        assertEquals(StackOverflowError.class.getName(), line.get("error").asText());
        assertEquals("getUser", line.get("template").asText());
    }

    @Test
    void aResultOverTheStepFunctionsBudgetIsANamedError() {
        ResponseTooLargeException error = assertThrows(ResponseTooLargeException.class,
                () -> handler(64).handleRequest(byName("getUser", Map.of("id", "u-1")), null));

        assertTrue(error.getMessage().contains("64-byte limit"), error.getMessage());
        assertTrue(error.getMessage().contains(GenericApiCallLambda.MAX_RESULT_BYTES_ENV), error.getMessage());
    }

    @Test
    void theLambdasRemainingTimeBoundsTheCall() {
        long start = System.nanoTime();

        assertThrows(ApiTimeoutException.class,
                () -> handler.handleRequest(byName("getUser", Map.of("id", "slow")), remaining(1200)));

        assertTrue((System.nanoTime() - start) / 1_000_000 < 5000, "gave up at the Lambda's deadline");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "APITPL_MAX_RESPONSE_BYTES        | lots",
        "APITPL_MAX_RESULT_BYTES          | 0",
        "APITPL_CONNECT_TIMEOUT_MS        | -5",
        "APITPL_DEFAULT_TIMEOUT_MS        | 2.5",
        "APITPL_ALLOWED_DESTINATIONS      | https://api.internal.example",
        "APITPL_SECRETS_SOURCE            | vault",
        "APITPL_SECRETS_CACHE_TTL_SECONDS | -1"})
    void aBadConfigurationValueFailsEachInvocationNamingTheVariable(String variable, String value) throws IOException {
        Map<String, String> configuration = new java.util.HashMap<>(Map.of(variable, value));
        if (variable.equals("APITPL_SECRETS_CACHE_TTL_SECONDS")) {
            configuration.put("APITPL_SECRETS_SOURCE", "secretsmanager"); // the TTL belongs to that source
        }
        GenericApiCallLambda misconfigured = new GenericApiCallLambda(configuration, Clock.systemUTC(),
                new CallLog(logLines::add));
        Map<String, Object> input = inline("{\"name\":\"t\",\"method\":\"GET\",\"url\":\"" + base + "/users/1\"}", Map.of());

        for (int invocation = 1; invocation <= 2; invocation++) {
            InvalidRequestException error = assertThrows(InvalidRequestException.class,
                    () -> misconfigured.handleRequest(input, null));
            assertTrue(error.getMessage().contains(variable), error.getMessage());
            assertTrue(error.getMessage().contains(value.trim()), error.getMessage());
        }
        assertEquals(2, logLines.size(), "one line per failed invocation: " + logLines);
        assertEquals(InvalidRequestException.class.getName(), Json.parse(logLines.get(1)).get("error").asText());
        assertEquals("t", Json.parse(logLines.get(1)).get("template").asText());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aGoodConfigurationServesTheCall() {
        GenericApiCallLambda configured = new GenericApiCallLambda(Map.of("APITPL_ALLOWED_DESTINATIONS", "10.0.0.0/8, 127.0.0.1",
                "APITPL_SECRET_API_TOKEN", SECRET, "APITPL_MAX_RESULT_BYTES", "4096"), Clock.systemUTC(),
                new CallLog(logLines::add));

        Map<String, Object> result = configured.handleRequest(inline("{\"name\":\"t\",\"method\":\"GET\",\"url\":\"" + base
                + "/users/{{ id }}\",\"headers\":{\"Authorization\":\"Bearer {{ secret('API_TOKEN') }}\"}}",
                Map.of("id", "c-1")), null);

        assertEquals("c-1", ((Map<String, Object>) result.get("body")).get("id"));
        assertEquals("Bearer " + SECRET, receivedAuthorization.get(receivedAuthorization.size() - 1));
    }

    /**
     * The Lambda runtime's own path: a fresh JVM whose real environment holds a bad value constructs the handler
     * with its public no-argument constructor and invokes it twice.
     */
    @Test
    void aBadEnvironmentVariableDoesNotBreakInitialisation() throws Exception {
        ProcessBuilder jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HandlerInAFreshJvm.class.getName())
                .redirectErrorStream(true);
        jvm.environment().put("APITPL_MAX_RESPONSE_BYTES", "1MB");
        Process process = jvm.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));

        List<String> lines = output.lines().filter(line -> !line.isBlank())
                .map(line -> line.replaceFirst("\"durationMs\":\\d+", "\"durationMs\":0")).toList();
        String thrown = "thrown: " + InvalidRequestException.class.getName()
                + ": environment variable APITPL_MAX_RESPONSE_BYTES must be a positive whole number, got '1MB'";
        assertEquals(4, lines.size(), output);
        assertTrue(lines.get(0).contains("\"error\":\"" + InvalidRequestException.class.getName() + "\""), output);
        assertTrue(lines.get(0).contains("\"template\":\"t\""), output);
        assertTrue(lines.get(1).startsWith(thrown), output);
        assertEquals(lines.subList(0, 2), lines.subList(2, 4), "the second invocation fails the same way");
    }

    @Test
    void apitplSystemPropertiesOverrideTheEnvironmentForLocalRuns() {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("APITPL_ALLOWED_DESTINATIONS", "127.0.0.1");
        properties.setProperty("java.version", "ignored");

        Map<String, String> configuration = GenericApiCallLambda.Deployment.configuration(
                Map.of("APITPL_ALLOWED_DESTINATIONS", "10.0.0.0/8", "APITPL_TEMPLATE_TABLE", "t"), properties);

        assertEquals(Map.of("APITPL_ALLOWED_DESTINATIONS", "127.0.0.1", "APITPL_TEMPLATE_TABLE", "t"), configuration);
    }

    @Test
    void snapStartPrimingRunsTheInvocationPathOffline() throws Exception {
        // booleans print as Python does, True/False, as in Jinja2
        assertEquals("https://priming.invalid/items/42?verbose=True", SnapStartPriming.prime());
    }

    private static Context remaining(int millis) {
        return new Context() {
            @Override
            public String getAwsRequestId() {
                return "test";
            }

            @Override
            public String getLogGroupName() {
                return "test";
            }

            @Override
            public String getLogStreamName() {
                return "test";
            }

            @Override
            public String getFunctionName() {
                return "test";
            }

            @Override
            public String getFunctionVersion() {
                return "1";
            }

            @Override
            public String getInvokedFunctionArn() {
                return "arn:aws:lambda:us-east-1:123456789012:function:test";
            }

            @Override
            public CognitoIdentity getIdentity() {
                return null;
            }

            @Override
            public ClientContext getClientContext() {
                return null;
            }

            @Override
            public int getRemainingTimeInMillis() {
                return millis;
            }

            @Override
            public int getMemoryLimitInMB() {
                return 512;
            }

            @Override
            public LambdaLogger getLogger() {
                return null;
            }
        };
    }
}
