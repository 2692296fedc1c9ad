package dev.apitpl.core.endpoint.server;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.apitpl.core.endpoint.EndpointRequest;
import dev.apitpl.core.endpoint.EndpointResponse;
import dev.apitpl.core.endpoint.ServiceHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The endpoint's HTTP side, on the JDK's server bound to loopback: reads each request whole, hands it to the first
 * {@link ServiceHandler} that accepts it and writes the answer with {@code x-amzn-RequestId}. Signatures and the
 * {@code Host} header are not checked, so any SigV4 credentials and host prefixes ({@code sync-}) reach the services.
 */
public final class EndpointServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService workers;
    private final List<ServiceHandler> handlers;
    private final Consumer<String> log;

    private EndpointServer(HttpServer server, ExecutorService workers, List<ServiceHandler> handlers,
                           Consumer<String> log) {
        this.server = server;
        this.workers = workers;
        this.handlers = handlers;
        this.log = log;
    }

    /** Binds {@code 127.0.0.1:port} (0 picks a free port) and starts answering. */
    public static EndpointServer start(int port, List<ServiceHandler> handlers, Consumer<String> log) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService workers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "apitpl-endpoint-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        EndpointServer endpoint = new EndpointServer(server, workers, List.copyOf(handlers), log);
        server.createContext("/", endpoint::exchange);
        server.setExecutor(workers);
        server.start();
        return endpoint;
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            EndpointResponse response;
            try {
                response = route(read(exchange));
            } catch (RuntimeException | IOException e) {
                log.accept("apitpl endpoint: internal error answering " + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI() + ": " + e);
                response = AwsErrors.json10(500, "InternalFailure", "The local endpoint failed: " + e);
            }
            write(exchange, response);
        }
    }

    private EndpointResponse route(EndpointRequest request) {
        for (ServiceHandler handler : handlers) {
            if (handler.accepts(request)) {
                return handler.handle(request);
            }
        }
        String target = request.header("X-Amz-Target");
        return AwsErrors.json10(400, target == null ? "UnknownOperationException" : "UnknownOperationException",
                "The local endpoint serves Step Functions (X-Amz-Target AWSStepFunctions.*), DynamoDB "
                        + "(DynamoDB_20120810.*), Lambda (/2015-03-31/functions), API Gateway v2 (/v2/apis, deployed APIs under "
                        + "/_aws/execute-api/), IAM and STS (Action=...); it has no "
                        + "service for " + request.method() + " " + request.path()
                        + (target == null ? "" : " with X-Amz-Target " + target));
    }

    private static EndpointRequest read(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values));
        return new EndpointRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                exchange.getRequestURI().getPath(), parseQuery(exchange.getRequestURI().getRawQuery()), headers, body);
    }

    /** Decodes {@code a=1&b=x%20y} (a query string or a form body) into ordered parameters. */
    public static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static void write(HttpExchange exchange, EndpointResponse response) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        boolean hasRequestId = false;
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            if (header.getKey().equalsIgnoreCase("Content-Length")) {
                continue;
            }
            hasRequestId |= header.getKey().equalsIgnoreCase("x-amzn-RequestId");
            headers.set(header.getKey(), header.getValue());
        }
        if (!hasRequestId) {
            headers.set("x-amzn-RequestId", UUID.randomUUID().toString());
        }
        byte[] body = response.body();
        boolean noBody = body.length == 0 || exchange.getRequestMethod().equalsIgnoreCase("HEAD")
                || response.status() == 204 || response.status() == 304;
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Stops accepting, drops open exchanges and stops the worker threads. */
    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
