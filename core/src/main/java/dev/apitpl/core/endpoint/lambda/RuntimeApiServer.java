package dev.apitpl.core.endpoint.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API (version 2018-06-01) on a loopback port, for one child JVM: the runtime client long-polls
 * {@code GET /runtime/invocation/next}, answers with {@code POST /runtime/invocation/{id}/response} or
 * {@code /error}, and reports a failed initialisation with {@code POST /runtime/init/error}, exactly as it talks to
 * the Lambda service inside an AWS sandbox.
 */
final class RuntimeApiServer implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final String ERROR_TYPE = "Lambda-Runtime-Function-Error-Type";

    private final HttpServer server;
    private final ExecutorService threads;
    private final BlockingQueue<Invocation> queue = new LinkedBlockingQueue<>();
    private final String functionArn;
    private volatile Invocation current;
    private volatile boolean closed;

    /**
     * One invocation on its way through the runtime.
     *
     * @param requestId the request id the runtime sees
     * @param payload   the event
     * @param timeoutMillis the function's timeout, from delivery
     */
    record Invocation(String requestId, byte[] payload, long timeoutMillis, CompletableFuture<Long> delivered,
                      CompletableFuture<Outcome> done) {
        Invocation(String requestId, byte[] payload, long timeoutMillis) {
            this(requestId, payload, timeoutMillis, new CompletableFuture<>(), new CompletableFuture<>());
        }
    }

    /**
     * What the runtime reported.
     *
     * @param body      the response, or the error object when {@code errorType} is set
     * @param errorType null on success
     */
    record Outcome(byte[] body, String errorType) {
    }

    RuntimeApiServer(String functionArn) throws IOException {
        this.functionArn = functionArn;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "apitpl-lambda-runtime-api");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    void submit(Invocation invocation) {
        queue.add(invocation);
    }

    /** The invocation the runtime holds or has not fetched yet, or null. */
    Invocation inFlight() {
        Invocation c = current;
        return c != null && !c.done().isDone() ? c : queue.peek();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.equals("invocation/next") && "GET".equals(exchange.getRequestMethod())) {
                next(exchange);
            } else if (path.startsWith("invocation/") && path.endsWith("/response")) {
                finish(exchange, id(path, "/response"), new Outcome(body, null));
            } else if (path.startsWith("invocation/") && path.endsWith("/error")) {
                String type = exchange.getRequestHeaders().getFirst(ERROR_TYPE);
                finish(exchange, id(path, "/error"), new Outcome(body, type == null ? "Unhandled" : type));
            } else if (path.equals("init/error")) {
                String type = exchange.getRequestHeaders().getFirst(ERROR_TYPE);
                Invocation waiting = queue.poll();
                if (waiting != null) {
                    waiting.done().complete(new Outcome(body, type == null ? "Runtime.InitError" : type));
                }
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                send(exchange, 404, "{\"errorMessage\":\"unknown runtime API path " + path + "\",\"errorType\":\"InvalidRequest\"}");
            }
        } finally {
            exchange.close();
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        while (!closed) {
            Invocation invocation;
            try {
                invocation = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (invocation == null) {
                continue;
            }
            long now = System.currentTimeMillis();
            current = invocation;
            var headers = exchange.getResponseHeaders();
            headers.add("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
            headers.add("Lambda-Runtime-Deadline-Ms", String.valueOf(now + invocation.timeoutMillis()));
            headers.add("Lambda-Runtime-Invoked-Function-Arn", functionArn);
            headers.add("Lambda-Runtime-Trace-Id", "Root=1-" + Long.toHexString(now / 1000) + "-"
                    + invocation.requestId().replace("-", "").substring(0, 24) + ";Sampled=0");
            headers.add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, invocation.payload().length == 0 ? -1 : invocation.payload().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(invocation.payload());
            }
            invocation.delivered().complete(now);
            return;
        }
        send(exchange, 500, "{\"errorMessage\":\"the sandbox is shutting down\",\"errorType\":\"Runtime.Shutdown\"}");
    }

    private void finish(HttpExchange exchange, String requestId, Outcome outcome) throws IOException {
        Invocation c = current;
        if (c == null || !c.requestId().equals(requestId)) {
            send(exchange, 400, "{\"errorMessage\":\"unknown request id " + requestId + "\",\"errorType\":\"InvalidRequestID\"}");
            return;
        }
        c.done().complete(outcome);
        send(exchange, 202, "{\"status\":\"OK\"}");
    }

    private static String id(String path, String suffix) {
        return path.substring("invocation/".length(), path.length() - suffix.length());
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        threads.shutdownNow();
    }
}
