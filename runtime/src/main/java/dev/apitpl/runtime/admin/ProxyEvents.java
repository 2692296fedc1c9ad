package dev.apitpl.runtime.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.runtime.json.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.net.URLDecoder;
import java.util.Base64;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Reads API Gateway Lambda proxy events and writes their responses, in both payload formats: REST API (format 1.0:
 * {@code httpMethod}, {@code path}, {@code headers}, {@code queryStringParameters}) and HTTP API (format 2.0:
 * {@code version: "2.0"}, {@code rawPath}, {@code requestContext.http.method}). The answer is written in the format
 * the event came in.
 */
public final class ProxyEvents {

    /** Payload format 2.0 (HTTP API); format 1.0 events carry no {@code version} or {@code "1.0"}. */
    public static final String HTTP_API_FORMAT = "2.0";

    private ProxyEvents() {
    }

    /** Whether {@code event} is in payload format 2.0. */
    public static boolean isHttpApiFormat(JsonNode event) {
        return HTTP_API_FORMAT.equals(event.path("version").asText());
    }

    /**
     * The request an event describes.
     *
     * @throws IllegalArgumentException when the event is not an API Gateway proxy event (no method or path)
     */
    public static AdminRequest read(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw new IllegalArgumentException("the event is not an API Gateway proxy event (a JSON object)");
        }
        boolean v2 = isHttpApiFormat(event);
        JsonNode context = event.path("requestContext");
        String method = v2 ? context.path("http").path("method").asText(null) : event.path("httpMethod").asText(null);
        String path = v2 ? event.path("rawPath").asText(null) : event.path("path").asText(null);
        if (method == null || path == null) {
            throw new IllegalArgumentException("the event is not an API Gateway proxy event: it has no "
                    + (v2 ? "requestContext.http.method or rawPath" : "httpMethod or path"));
        }
        if (v2) {
            path = percentDecoded(withoutStage(path, context.path("stage").asText("")));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        event.path("headers").fields().forEachRemaining(header ->
                headers.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue().asText()));
        Map<String, String> query = new LinkedHashMap<>();
        event.path("queryStringParameters").fields().forEachRemaining(parameter ->
                query.put(parameter.getKey(), parameter.getValue().asText()));
        String requestId = context.path("requestId").asText("");
        return new AdminRequest(method.toUpperCase(Locale.ROOT), path, query, headers, body(event),
                requestId.isEmpty() ? UUID.randomUUID().toString() : requestId);
    }

    /** The proxy integration's response for {@code response}, in the payload format of {@code event}. */
    public static ObjectNode write(AdminResponse response, JsonNode event) {
        ObjectNode out = Json.object();
        out.put("statusCode", response.status());
        ObjectNode headers = out.putObject("headers");
        if (response.body() != null) {
            headers.put("Content-Type", "application/json");
        }
        response.headers().forEach(headers::put);
        out.put("body", response.body() == null ? "" : Json.write(response.body()));
        out.put("isBase64Encoded", false);
        return out;
    }

    /**
     * The event API Gateway sends for one HTTP request: payload format 2.0 (HTTP API, {@code $default} stage) or 1.0
     * (REST API). The local endpoint and tests use it to serve the admin API over plain HTTP.
     *
     * @param rawQuery the query string as sent (percent-encoded, without '?'), or null
     * @param headers  header names (any case) to their values
     */
    public static ObjectNode event(String format, String method, String path, String rawQuery,
                                   Map<String, List<String>> headers, byte[] body) {
        boolean v2 = HTTP_API_FORMAT.equals(format);
        ObjectNode event = Json.object();
        ObjectNode context = Json.object();
        context.put("requestId", UUID.randomUUID().toString());
        if (v2) {
            event.put("version", HTTP_API_FORMAT);
            event.put("routeKey", "$default");
            event.put("rawPath", path);
            event.put("rawQueryString", rawQuery == null ? "" : rawQuery);
            context.put("stage", "$default");
            context.putObject("http").put("method", method).put("path", path).put("sourceIp", "127.0.0.1");
        } else {
            event.put("resource", "/{proxy+}");
            event.put("path", percentDecoded(path));
            event.put("httpMethod", method);
            context.put("stage", "local");
            context.put("httpMethod", method);
        }
        ObjectNode headerValues = event.putObject("headers");
        headers.forEach((name, values) -> headerValues.put(v2 ? name.toLowerCase(Locale.ROOT) : name, String.join(",", values)));
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                String[] parts = pair.split("=", 2);
                query.merge(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        parts.length < 2 ? "" : URLDecoder.decode(parts[1], StandardCharsets.UTF_8),
                        (first, next) -> v2 ? first + "," + next : next);
            }
        }
        if (query.isEmpty()) {
            event.putNull("queryStringParameters");
        } else {
            ObjectNode parameters = event.putObject("queryStringParameters");
            query.forEach(parameters::put);
        }
        event.set("requestContext", context);
        String text = new String(body, StandardCharsets.UTF_8);
        boolean isText = java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), body);
        if (body.length == 0) {
            event.putNull("body");
        } else {
            event.put("body", isText ? text : Base64.getEncoder().encodeToString(body));
        }
        event.put("isBase64Encoded", body.length > 0 && !isText);
        return event;
    }

    /** HTTP API paths carry a named stage ({@code /prod/templates}); {@code $default} adds nothing. */
    private static String withoutStage(String path, String stage) {
        String prefix = "/" + stage;
        if (!stage.isEmpty() && !stage.equals("$default") && (path.equals(prefix) || path.startsWith(prefix + "/"))) {
            return path.substring(prefix.length());
        }
        return path;
    }

    private static byte[] body(JsonNode event) {
        JsonNode body = event.get("body");
        if (body == null || body.isNull()) {
            return new byte[0];
        }
        if (event.path("isBase64Encoded").asBoolean(false)) {
            try {
                return Base64.getDecoder().decode(body.asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the event's body is marked isBase64Encoded but is not base64");
            }
        }
        return body.asText().getBytes(StandardCharsets.UTF_8);
    }

    /** %XX sequences as UTF-8; a '+' stays a '+', as in any path. */
    private static String percentDecoded(String path) {
        if (path.indexOf('%') < 0) {
            return path;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length() && Character.digit(path.charAt(i + 1), 16) >= 0
                    && Character.digit(path.charAt(i + 2), 16) >= 0) {
                bytes.write(Integer.parseInt(path.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
