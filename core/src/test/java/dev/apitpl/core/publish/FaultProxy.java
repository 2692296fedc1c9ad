package dev.apitpl.core.publish;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.apitpl.runtime.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 in front of an AWS JSON-protocol endpoint: forwards every request, counts them by
 * operation ({@code X-Amz-Target}), and injects what AWS does under load: throttling, UnprocessedItems, a dead server.
 */
final class FaultProxy implements AutoCloseable {

    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final HttpServer server;
    private final URI target;
    private final HttpClient client = HttpClient.newHttpClient();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final AtomicInteger writes = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();
    volatile int throttleEveryNthWrite;
    volatile boolean halfOfEachBatchUnprocessed;
    /** After this many writes reach the target, every request is refused with a closed connection. */
    volatile int dieAfterWrites = Integer.MAX_VALUE;
    /** An operation answered with a non-retryable error instead of being forwarded. */
    volatile String failOperation;

    FaultProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int count(String operation) {
        AtomicInteger count = counts.get(operation);
        return count == null ? 0 : count.get();
    }

    /** Writes (PutItem, DeleteItem, UpdateItem, BatchWriteItem, TransactWriteItems) received. */
    int writeCalls() {
        return count("PutItem") + count("DeleteItem") + count("UpdateItem") + count("BatchWriteItem") + count("TransactWriteItems");
    }

    /** Requests that change something: REST calls other than GET, JSON calls other than reads. */
    int mutatingCalls() {
        return counts.entrySet().stream().filter(e -> mutating(e.getKey())).mapToInt(e -> e.getValue().get()).sum();
    }

    /** Every operation received, with its count. */
    Map<String, Integer> calls() {
        Map<String, Integer> calls = new java.util.TreeMap<>();
        counts.forEach((operation, count) -> calls.put(operation, count.get()));
        return calls;
    }

    private static boolean mutating(String operation) {
        if (operation.contains(" ")) {
            return !operation.startsWith("GET ");
        }
        return !operation.matches("(Describe|List|Get|Scan|Query|BatchGet).*");
    }

    void resetCounts() {
        counts.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String amzTarget = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        byte[] body = exchange.getRequestBody().readAllBytes();
        String operation = amzTarget != null ? amzTarget.substring(amzTarget.indexOf('.') + 1)
                : queryAction(body).orElse(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
        counts.computeIfAbsent(operation, o -> new AtomicInteger()).incrementAndGet();
        boolean write = Set.of("PutItem", "DeleteItem", "UpdateItem", "BatchWriteItem", "TransactWriteItems").contains(operation);
        try {
            if (operation.equals(failOperation)) {
                respond(exchange, 400, "{\"__type\":\"InjectedFailure\",\"message\":\"failure injected by the test\"}");
                return;
            }
            if (write && writes.get() >= dieAfterWrites) {
                exchange.close(); // the connection drops without an answer, as when the server is killed
                return;
            }
            if (write && throttleEveryNthWrite > 0 && attempts.incrementAndGet() % throttleEveryNthWrite == 0) {
                respond(exchange, 400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ThrottlingException\","
                        + "\"message\":\"Rate of requests exceeds the allowed throughput.\"}");
                return;
            }
            if (write) {
                writes.incrementAndGet();
            }
            ArrayNode unprocessed = null;
            String table = null;
            if (operation.equals("BatchWriteItem") && halfOfEachBatchUnprocessed) {
                ObjectNode request = (ObjectNode) Json.parse(new String(body, StandardCharsets.UTF_8));
                table = request.get("RequestItems").fieldNames().next();
                ArrayNode all = (ArrayNode) request.get("RequestItems").get(table);
                if (all.size() > 1) {
                    ArrayNode kept = Json.nodes().arrayNode();
                    unprocessed = Json.nodes().arrayNode();
                    for (int i = 0; i < all.size(); i++) {
                        (i < all.size() / 2 ? kept : unprocessed).add(all.get(i));
                    }
                    ((ObjectNode) request.get("RequestItems")).set(table, kept);
                    body = Json.write(request).getBytes(StandardCharsets.UTF_8);
                }
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(value -> forward.header(name, value));
                }
            });
            HttpResponse<byte[]> response = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] answer = response.body();
            if (unprocessed != null && response.statusCode() == 200) {
                ObjectNode json = (ObjectNode) Json.parse(new String(answer, StandardCharsets.UTF_8));
                json.putObject("UnprocessedItems").set(table, unprocessed);
                answer = Json.write(json).getBytes(StandardCharsets.UTF_8);
            }
            response.headers().map().forEach((name, values) -> {
                if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.equalsIgnoreCase("x-amz-crc32")
                        && !name.equals(":status")) {
                    values.forEach(value -> exchange.getResponseHeaders().add(name, value));
                }
            });
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        }
    }

    /** The Action of a Query-protocol request (IAM, STS): {@code Action=CreateRole&...}. */
    private static java.util.Optional<String> queryAction(byte[] body) {
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            if (pair.startsWith("Action=")) {
                return java.util.Optional.of(pair.substring("Action=".length()));
            }
        }
        return java.util.Optional.empty();
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

}
