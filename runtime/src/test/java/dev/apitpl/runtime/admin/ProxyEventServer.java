package dev.apitpl.runtime.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * API Gateway in miniature, on 127.0.0.1: each HTTP request becomes a proxy event in the given payload format, the
 * handler answers it, and its proxy response becomes the HTTP response.
 */
final class ProxyEventServer implements AutoCloseable {

    private final HttpServer server;

    ProxyEventServer(TemplateAdminLambda handler, String format) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> answer(exchange, handler, format));
        server.start();
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
    }

    private static void answer(HttpExchange exchange, TemplateAdminLambda handler, String format) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode event = ProxyEvents.event(format, exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
            JsonNode response = handler.handle(event);
            response.path("headers").fields().forEachRemaining(header ->
                    exchange.getResponseHeaders().add(header.getKey(), header.getValue().asText()));
            String text = response.path("body").asText("");
            byte[] bytes = response.path("isBase64Encoded").asBoolean()
                    ? Base64.getDecoder().decode(text) : text.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(response.path("statusCode").asInt(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
