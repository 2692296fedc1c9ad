package dev.apitpl.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.apitpl.runtime.error.ApiTimeoutException;
import dev.apitpl.runtime.error.ApiUnreachableException;
import dev.apitpl.runtime.error.DestinationBlockedException;
import dev.apitpl.runtime.error.InvalidRequestException;
import dev.apitpl.runtime.error.ResponseTooLargeException;
import dev.apitpl.runtime.error.TooManyRedirectsException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real calls to a JDK HttpServer on 127.0.0.1, reached through the deployment allow-list. */
class ApiCallerTest {

    private HttpServer server;
    private String base;
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<String, String> lastHeaders = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private ApiCaller caller;
    /** Where {@code /redirect-configured} points, with which status; set by a test before calling it. */
    private volatile String configuredLocation;
    private volatile int configuredStatus;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            lastHeaders.clear();
            exchange.getRequestHeaders().forEach((k, v) -> lastHeaders.put(k.toLowerCase(), v.get(0)));
            route(exchange);
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        caller = new ApiCaller(new DestinationGuard(List.of("127.0.0.1", "localhost")), HostResolver.system(),
                CallLimits.DEFAULTS);
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        switch (path) {
            case "/json" -> reply(exchange, 200, "application/json; charset=utf-8", "{\"id\":7,\"tags\":[\"a\"]}");
            case "/echo" -> reply(exchange, 201, "application/json", "{\"method\":\"" + exchange.getRequestMethod()
                    + "\",\"body\":\"" + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    + "\"}");
            case "/text" -> reply(exchange, 200, "text/plain", "plain words");
            case "/broken-json" -> reply(exchange, 200, "application/json", "{not json");
            case "/error" -> reply(exchange, 500, "application/json", "{\"error\":\"boom\"}");
            case "/empty" -> {
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            }
            case "/big-chunked" -> streamBytes(exchange, 0, 10 * 1024 * 1024);
            case "/big-declared" -> streamBytes(exchange, 10 * 1024 * 1024, 10 * 1024 * 1024);
            case "/silent" -> {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
            }
            case "/declares-big-without-body" -> {
                // HEAD, and 304 to a conditional GET: the headers describe the resource, no body follows
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.getResponseHeaders().set("Content-Length", String.valueOf(10 * 1024 * 1024));
                boolean conditional = exchange.getRequestHeaders().containsKey("If-None-Match");
                exchange.sendResponseHeaders(conditional ? 304 : 200, -1);
                exchange.close();
            }
            case "/redirect" -> redirect(exchange, base + "/json");
            case "/redirect-loop" -> redirect(exchange, "/redirect-loop");
            case "/redirect-to-metadata" -> redirect(exchange, "http://169.254.169.254/latest/meta-data/");
            case "/redirect-cross-origin" -> redirect(exchange,
                    "http://localhost:" + server.getAddress().getPort() + "/json");
            case "/redirect-configured" -> {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().set("Location", configuredLocation);
                exchange.sendResponseHeaders(configuredStatus, -1);
                exchange.close();
            }
            default -> reply(exchange, 404, "text/plain", "no route");
        }
    }

    private static void reply(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("X-Trace", "t-1");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static void streamBytes(HttpExchange exchange, long declared, int total) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, declared);
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        try (OutputStream out = exchange.getResponseBody()) {
            for (int sent = 0; sent < total; sent += chunk.length) {
                out.write(chunk);
            }
        } catch (IOException clientHungUp) {
            // expected once the caller stops reading at its cap
        }
    }

    private ApiRequest get(String path) {
        return new ApiRequest("GET", URI.create(base + path), Map.of(), null, null, false, List.of());
    }

    @Test
    void aJsonResponseComesBackParsedWithStatusAndLowerCasedHeaders() {
        ApiResponse response = caller.call(get("/json"), Duration.ofSeconds(30));

        assertEquals(200, response.statusCode());
        assertEquals(7, response.body().get("id").asInt());
        assertEquals("a", response.body().get("tags").get(0).asText());
        assertEquals(List.of("t-1"), response.headers().get("x-trace"));
        assertTrue(response.durationMs() >= 0);
    }

    @Test
    void methodHeadersAndBodyAreSentAsRendered() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/plain");
        headers.put("X-Api-Key", "k-123");
        ApiResponse response = caller.call(new ApiRequest("post", URI.create(base + "/echo"), headers, "hello",
                Duration.ofSeconds(5), false, List.of()), null);

        assertEquals(201, response.statusCode());
        assertEquals("POST", response.body().get("method").asText());
        assertEquals("hello", response.body().get("body").asText());
        assertEquals("k-123", lastHeaders.get("x-api-key"));
    }

    @Test
    void aPinnedPlainHttpCallStillSendsTheUrlsHostName() {
        String url = "http://localhost:" + server.getAddress().getPort() + "/json";
        caller.call(new ApiRequest("GET", URI.create(url), Map.of(), null, null, false, List.of()), null);

        assertEquals("localhost:" + server.getAddress().getPort(), lastHeaders.get("host"));
    }

    @Test
    void plainHttpConnectsToTheAddressTheGuardChecked_soASecondDnsAnswerIsNeverUsed() {
        List<String> lookups = new java.util.concurrent.CopyOnWriteArrayList<>();
        HostResolver rebindingDns = host -> {
            lookups.add(host);
            // first answer passes the guard; any later answer would point at the metadata service
            return List.of(java.net.InetAddress.getByAddress(host, lookups.size() == 1
                    ? new byte[] {127, 0, 0, 1} : new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254}));
        };
        ApiCaller pinned = new ApiCaller(new DestinationGuard(List.of("api.rebind.test")), rebindingDns,
                CallLimits.DEFAULTS);
        String url = "http://api.rebind.test:" + server.getAddress().getPort() + "/json";

        ApiResponse response = pinned.call(new ApiRequest("GET", URI.create(url), Map.of(), null, null, false,
                List.of()), null);

        assertEquals(200, response.statusCode(), "the JDK resolver cannot resolve this name: we connected by address");
        assertEquals(List.of("api.rebind.test"), lookups, "resolved exactly once");
        assertEquals("api.rebind.test:" + server.getAddress().getPort(), lastHeaders.get("host"));
    }

    @Test
    void serverErrorsPassThroughAsResponsesNotExceptions() {
        ApiResponse response = caller.call(get("/error"), null);

        assertEquals(500, response.statusCode());
        assertEquals("boom", response.body().get("error").asText());
    }

    @Test
    void nonJsonAndUnparseableJsonBodiesComeBackAsTextAndEmptyAsNull() {
        assertEquals("plain words", caller.call(get("/text"), null).body().asText());
        assertEquals("{not json", caller.call(get("/broken-json"), null).body().asText());
        assertTrue(caller.call(get("/empty"), null).body().isNull());
    }

    @Test
    void crlfInAHeaderValueIsRejectedNamingTheHeaderButNotItsValue() {
        ApiRequest injected = new ApiRequest("GET", URI.create(base + "/json"),
                Map.of("X-Customer", "acme\r\nX-Admin: true"), null, null, false, List.of());

        InvalidRequestException error = assertThrows(InvalidRequestException.class, () -> caller.call(injected, null));

        assertTrue(error.getMessage().contains("'X-Customer'"), error.getMessage());
        assertFalse(error.getMessage().contains("acme"), "never echoes the value");
        assertEquals(0, requests.get(), "nothing was sent");
    }

    @Test
    void badHeaderNamesAndClientOwnedHeadersAreRejected() {
        assertTrue(assertThrows(InvalidRequestException.class, () -> caller.call(new ApiRequest("GET",
                URI.create(base + "/json"), Map.of("X-Bad\nName", "v"), null, null, false, List.of()), null))
                .getMessage().contains("X-Bad\\x0aName"));
        assertTrue(assertThrows(InvalidRequestException.class, () -> caller.call(new ApiRequest("GET",
                URI.create(base + "/json"), Map.of("Host", "other"), null, null, false, List.of()), null))
                .getMessage().contains("'Host'"));
        assertEquals(0, requests.get());
    }

    @Test
    void aTenMegabyteStreamedBodyStopsAtTheCap() {
        ResponseTooLargeException error = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(ResponseTooLargeException.class, () -> caller.call(get("/big-chunked"), null)));

        assertTrue(error.getMessage().contains("1048576-byte read cap"), error.getMessage());
        assertTrue(error.getMessage().contains("APITPL_MAX_RESPONSE_BYTES"), error.getMessage());
    }

    @Test
    void aDeclaredTenMegabyteBodyIsRefusedBeforeReadingIt() {
        ResponseTooLargeException error = assertThrows(ResponseTooLargeException.class,
                () -> caller.call(get("/big-declared"), null));

        assertTrue(error.getMessage().contains("Content-Length 10485760"), error.getMessage());
    }

    @Test
    void aHeadForAResourceLargerThanTheCapReturnsItsHeaders() {
        ApiResponse response = caller.call(new ApiRequest("HEAD", URI.create(base + "/declares-big-without-body"),
                Map.of(), null, null, false, List.of()), null);

        assertEquals(200, response.statusCode());
        assertEquals(List.of("10485760"), response.headers().get("content-length"), "the size the resource declares");
        assertTrue(response.body().isNull());
    }

    @Test
    void aNotModifiedAnswerDeclaringALargeResourceIsNotRefused() {
        ApiResponse response = caller.call(new ApiRequest("GET", URI.create(base + "/declares-big-without-body"),
                Map.of("If-None-Match", "\"v1\""), null, null, false, List.of()), null);

        assertEquals(304, response.statusCode());
        assertTrue(response.body().isNull());
    }

    @Test
    void aServerThatNeverAnswersTimesOutAtTheTemplatesTimeout() {
        ApiRequest slow = new ApiRequest("GET", URI.create(base + "/silent"), Map.of(), null,
                Duration.ofMillis(400), false, List.of());
        long start = System.nanoTime();

        ApiTimeoutException error = assertThrows(ApiTimeoutException.class, () -> caller.call(slow, null));

        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMs < 3000, "took " + tookMs + " ms");
        assertTrue(error.getMessage().contains("400 ms"), error.getMessage());
    }

    @Test
    void anInterruptedCallSaysSoAndKeepsTheThreadsInterruptFlag() throws Exception {
        ApiRequest slow = new ApiRequest("GET", URI.create(base + "/silent"), Map.of(), null, Duration.ofSeconds(20),
                false, List.of());
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean flagKept = new java.util.concurrent.atomic.AtomicBoolean();
        Thread call = new Thread(() -> {
            try {
                caller.call(slow, null);
            } catch (Throwable t) {
                thrown.set(t);
                flagKept.set(Thread.currentThread().isInterrupted());
            }
        });
        call.start();
        while (requests.get() == 0) { // the request reached the server; the caller now waits for the answer
            Thread.sleep(10);
        }
        call.interrupt();
        call.join(10_000);

        assertTrue(thrown.get() instanceof ApiTimeoutException, String.valueOf(thrown.get()));
        assertTrue(thrown.get().getMessage().contains("interrupted"), thrown.get().getMessage());
        assertFalse(thrown.get().getMessage().contains("did not answer within"), "not a timeout: " + thrown.get().getMessage());
        assertTrue(flagKept.get(), "the interrupt stays visible to the caller's caller");
    }

    @Test
    void theLambdasRemainingTimeCapsTheTemplatesTimeout() {
        ApiRequest slow = new ApiRequest("GET", URI.create(base + "/silent"), Map.of(), null,
                Duration.ofSeconds(30), false, List.of());

        ApiTimeoutException error = assertThrows(ApiTimeoutException.class,
                () -> caller.call(slow, Duration.ofMillis(300)));
        assertTrue(error.getMessage().contains("300 ms"), error.getMessage());
        assertThrows(ApiTimeoutException.class, () -> caller.call(get("/json"), Duration.ZERO));
    }

    @Test
    void aClosedPortIsUnreachableNamingHostAndPort() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        ApiRequest request = new ApiRequest("GET", URI.create("http://127.0.0.1:" + closedPort + "/"), Map.of(),
                null, null, false, List.of());

        ApiUnreachableException error = assertThrows(ApiUnreachableException.class, () -> caller.call(request, null));
        assertTrue(error.getMessage().contains("127.0.0.1:" + closedPort), error.getMessage());
        assertTrue(error.getMessage().contains("refused"), error.getMessage());
    }

    @Test
    void anUnresolvableHostIsUnreachable() {
        ApiCaller noDns = new ApiCaller(new DestinationGuard(List.of()), host -> {
            throw new UnknownHostException(host);
        }, CallLimits.DEFAULTS);

        ApiUnreachableException error = assertThrows(ApiUnreachableException.class, () -> noDns.call(new ApiRequest(
                "GET", URI.create("https://no-such-host.example/x"), Map.of(), null, null, false, List.of()), null));
        assertTrue(error.getMessage().contains("no-such-host.example"), error.getMessage());
    }

    @Test
    void withoutTheAllowListLoopbackIsBlockedAndNothingIsSent() {
        ApiCaller guarded = new ApiCaller(new DestinationGuard(List.of()), HostResolver.system(), CallLimits.DEFAULTS);

        assertThrows(DestinationBlockedException.class, () -> guarded.call(get("/json"), null));
        assertThrows(DestinationBlockedException.class, () -> guarded.call(new ApiRequest("GET",
                URI.create("http://127.1:" + server.getAddress().getPort() + "/json"), Map.of(), null, null, false,
                List.of()), null));
        assertEquals(0, requests.get());
    }

    @Test
    void ipv6LoopbackIsBlockedByDefaultAndReachedWhenAllowed() throws IOException {
        HttpServer ipv6;
        try {
            ipv6 = HttpServer.create(new InetSocketAddress("::1", 0), 0);
        } catch (IOException | RuntimeException e) {
            Assumptions.abort("this machine has no IPv6 loopback: " + e);
            return;
        }
        AtomicInteger ipv6Requests = new AtomicInteger();
        ipv6.createContext("/", exchange -> {
            ipv6Requests.incrementAndGet();
            reply(exchange, 200, "application/json", "{\"via\": \"ipv6\"}");
        });
        ipv6.start();
        try {
            URI url = URI.create("http://[::1]:" + ipv6.getAddress().getPort() + "/x");
            ApiRequest request = new ApiRequest("GET", url, Map.of(), null, null, false, List.of());
            ApiCaller guarded = new ApiCaller(new DestinationGuard(List.of("127.0.0.1")), HostResolver.system(),
                    CallLimits.DEFAULTS);
            assertThrows(DestinationBlockedException.class, () -> guarded.call(request, null));
            assertEquals(0, ipv6Requests.get());

            ApiCaller allowed = new ApiCaller(new DestinationGuard(List.of("::1")), HostResolver.system(), CallLimits.DEFAULTS);
            ApiResponse response = allowed.call(request, null);
            assertEquals("ipv6", response.body().get("via").asText());
            assertEquals(1, ipv6Requests.get());
        } finally {
            ipv6.stop(0);
        }
    }

    @Test
    void redirectsAreReturnedUnlessTheRequestAsksToFollowThem() {
        ApiResponse notFollowed = caller.call(get("/redirect"), null);
        assertEquals(302, notFollowed.statusCode());

        ApiResponse followed = caller.call(new ApiRequest("GET", URI.create(base + "/redirect"), Map.of(), null,
                null, true, List.of()), null);
        assertEquals(200, followed.statusCode());
        assertEquals(7, followed.body().get("id").asInt());
    }

    @Test
    void eachRedirectHopIsCheckedByTheGuard() {
        ApiRequest request = new ApiRequest("GET", URI.create(base + "/redirect-to-metadata"), Map.of(), null, null,
                true, List.of());

        DestinationBlockedException error = assertThrows(DestinationBlockedException.class,
                () -> caller.call(request, null));
        assertTrue(error.getMessage().contains("169.254.169.254"), error.getMessage());
    }

    @Test
    void redirectLoopsStopAfterFiveHops() {
        ApiRequest request = new ApiRequest("GET", URI.create(base + "/redirect-loop"), Map.of(), null, null, true,
                List.of());

        assertThrows(TooManyRedirectsException.class, () -> caller.call(request, null));
        assertEquals(6, requests.get(), "the first request and five hops");
    }

    @Test
    void credentialsAreNotForwardedWhenARedirectLeavesTheOrigin() {
        Map<String, String> headers = Map.of("Authorization", "Bearer s3cr3t", "Accept", "application/json");
        ApiResponse response = caller.call(new ApiRequest("GET", URI.create(base + "/redirect-cross-origin"),
                headers, null, null, true, List.of()), null);

        assertEquals(200, response.statusCode());
        assertNull(lastHeaders.get("authorization"));
        assertEquals("application/json", lastHeaders.get("accept"));
    }

    /** A second API on another port of 127.0.0.1: a different origin, counting what reaches it. */
    private static HttpServer otherOrigin(AtomicInteger received, List<String> bodies) throws IOException {
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/", exchange -> {
            received.incrementAndGet();
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            reply(exchange, 200, "application/json", "{\"method\":\"" + exchange.getRequestMethod() + "\"}");
        });
        other.start();
        return other;
    }

    @ParameterizedTest
    @ValueSource(ints = {307, 308})
    void aBodyIsNeverResentToAnotherOriginOnA307Or308(int status) throws IOException {
        AtomicInteger received = new AtomicInteger();
        List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServer other = otherOrigin(received, bodies);
        try {
            String otherOrigin = "http://127.0.0.1:" + other.getAddress().getPort();
            configuredLocation = otherOrigin + "/collect?from=redirect";
            configuredStatus = status;
            ApiRequest post = new ApiRequest("POST", URI.create(base + "/redirect-configured"),
                    Map.of("Content-Type", "application/json"), "{\"apiKey\":\"s3cr3t-in-body\"}", null, true, List.of());

            DestinationBlockedException error = assertThrows(DestinationBlockedException.class,
                    () -> caller.call(post, null));

            assertEquals(0, received.get(), "nothing reached the other origin: " + bodies);
            assertEquals(1, requests.get(), "only the first request was sent");
            assertTrue(error.getMessage().contains(String.valueOf(status)), error.getMessage());
            assertTrue(error.getMessage().contains(otherOrigin), error.getMessage());
            assertTrue(error.getMessage().contains("point the template at the final URL"), error.getMessage());
            assertFalse(error.getMessage().contains("s3cr3t"), "the body is never echoed");
            assertFalse(error.getMessage().contains("/collect"), "only the origin is named, not path or query");
        } finally {
            other.stop(0);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {307, 308})
    void aSameOrigin307Or308KeepsMethodAndBody(int status) {
        configuredLocation = "/echo";
        configuredStatus = status;

        ApiResponse response = caller.call(new ApiRequest("POST", URI.create(base + "/redirect-configured"),
                Map.of("Content-Type", "text/plain"), "hello", null, true, List.of()), null);

        assertEquals(201, response.statusCode());
        assertEquals("POST", response.body().get("method").asText());
        assertEquals("hello", response.body().get("body").asText());
    }

    @Test
    void a303ToAnotherOriginContinuesAsAGetWithoutTheBody() throws IOException {
        AtomicInteger received = new AtomicInteger();
        List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServer other = otherOrigin(received, bodies);
        try {
            configuredLocation = "http://127.0.0.1:" + other.getAddress().getPort() + "/result";
            configuredStatus = 303;

            ApiResponse response = caller.call(new ApiRequest("POST", URI.create(base + "/redirect-configured"),
                    Map.of("Content-Type", "text/plain"), "s3cr3t-in-body", null, true, List.of()), null);

            assertEquals(200, response.statusCode());
            assertEquals("GET", response.body().get("method").asText());
            assertEquals(List.of(""), bodies, "the body stayed behind");
        } finally {
            other.stop(0);
        }
    }

    @Test
    void unsupportedUrlsAreInvalidRequests() {
        assertThrows(InvalidRequestException.class, () -> caller.call(new ApiRequest("GET",
                URI.create("ftp://127.0.0.1/x"), Map.of(), null, null, false, List.of()), null));
        assertThrows(InvalidRequestException.class, () -> caller.call(new ApiRequest("GET",
                URI.create("http://user:pw@127.0.0.1/x"), Map.of(), null, null, false, List.of()), null));
        assertThrows(InvalidRequestException.class, () -> caller.call(new ApiRequest("GE T",
                URI.create(base + "/json"), Map.of(), null, null, false, List.of()), null));
    }
}
