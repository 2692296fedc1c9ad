package dev.apitpl.core.endpoint;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP answer of the local endpoint. The server adds {@code x-amzn-RequestId} (and {@code Content-Length})
 * itself when a handler did not set it.
 *
 * @param status  the HTTP status
 * @param headers response headers (name as AWS spells it)
 * @param body    the body bytes (empty, never null)
 */
public record EndpointResponse(int status, Map<String, String> headers, byte[] body) {

    /** A JSON answer with the given content type ({@code application/x-amz-json-1.0}, {@code application/json}). */
    public static EndpointResponse json(int status, String contentType, String json) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        return new EndpointResponse(status, headers, json.getBytes(StandardCharsets.UTF_8));
    }

    /** This answer with one more header. */
    public EndpointResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new EndpointResponse(status, copy, body);
    }
}
