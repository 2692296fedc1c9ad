package ${package};

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the product and order APIs the templates call, on 127.0.0.1 only: the render tests send their
 * requests here, and {@code main} serves it for {@code mvn apitpl:run} on a developer's machine.
 */
public final class DemoApi implements AutoCloseable {

    /** One request as the API received it, for tests to assert on. */
    public record Received(String method, String path, Map<String, String> query, Map<String, String> headers, String body) {
    }

    private static final List<String> CATALOGUE = List.of("desk lamp", "floor lamp", "lamp shade", "desk chair");

    private final HttpServer server;
    private final String ordersToken;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private DemoApi(int port, String ordersToken) throws IOException {
        this.ordersToken = ordersToken;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/products", this::products);
        server.createContext("/orders", this::orders);
        server.start();
    }

    /** Starts the API on {@code port} (0 picks a free one); orders need {@code Authorization: Bearer <ordersToken>}. */
    public static DemoApi start(int port, String ordersToken) throws IOException {
        return new DemoApi(port, ordersToken);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void products(HttpExchange exchange) throws IOException {
        Received request = record(exchange);
        if (!request.method().equals("GET")) {
            respond(exchange, 405, "{\"error\":\"use GET\"}");
            return;
        }
        String text = request.query().getOrDefault("q", "");
        int limit;
        try {
            limit = Integer.parseInt(request.query().getOrDefault("limit", "10"));
        } catch (NumberFormatException e) {
            respond(exchange, 400, "{\"error\":\"limit must be a whole number\"}");
            return;
        }
        List<String> hits = CATALOGUE.stream().filter(name -> name.contains(text)).limit(limit).toList();
        StringBuilder json = new StringBuilder("{\"query\":").append(jsonString(text)).append(",\"products\":[");
        for (int i = 0; i < hits.size(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"sku\":\"SKU-").append(i + 1).append("\",\"name\":\"")
                    .append(hits.get(i)).append("\"}");
        }
        respond(exchange, 200, json.append("]}").toString());
    }

    /** The query is echoed back, so it is escaped: a JDK-only class, compiled without the project's libraries. */
    private static String jsonString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private void orders(HttpExchange exchange) throws IOException {
        Received request = record(exchange);
        if (!request.method().equals("POST")) {
            respond(exchange, 405, "{\"error\":\"use POST\"}");
        } else if (!("Bearer " + ordersToken).equals(request.headers().get("authorization"))) {
            respond(exchange, 401, "{\"error\":\"missing or wrong API token\"}");
        } else {
            respond(exchange, 201, "{\"orderId\":\"O-1001\",\"status\":\"CREATED\"}");
        }
    }

    private Received record(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
        Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                query(exchange.getRequestURI()), headers,
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        received.add(request);
        return request;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] nameValue = pair.split("=", 2);
                query.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                        nameValue.length > 1 ? URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8) : "");
            }
        }
        return query;
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** {@code java -cp target/test-classes <package>.DemoApi [port] [ordersToken]}: serves until stopped. */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        String token = args.length > 1 ? args[1] : "demo-token";
        DemoApi api = start(port, token);
        System.out.println("Demo API listening on " + api.baseUrl() + " (GET /products, POST /orders)");
        Thread.currentThread().join();
    }
}
