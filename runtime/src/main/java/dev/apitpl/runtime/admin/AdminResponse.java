package dev.apitpl.runtime.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.runtime.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One admin API answer: a status, headers and a JSON body ({@code null} for none, as for 204).
 *
 * @param error the error code of an error answer (also in its body), for the request's log line; null on success
 */
public record AdminResponse(int status, Map<String, String> headers, JsonNode body, String error) {

    public AdminResponse {
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    static AdminResponse json(int status, JsonNode body) {
        return new AdminResponse(status, Map.of(), body, null);
    }

    static AdminResponse empty(int status) {
        return new AdminResponse(status, Map.of(), null, null);
    }

    /** An error answer: {@code {"error": code, "message": message}}; messages never hold secrets or stack traces. */
    static AdminResponse error(int status, String code, String message) {
        return error(status, code, message, Json.object());
    }

    /** An error answer with more fields ({@code problems}, {@code etag}) after the code and message. */
    static AdminResponse error(int status, String code, String message, ObjectNode extra) {
        ObjectNode body = Json.object();
        body.put("error", code);
        body.put("message", message);
        body.setAll(extra);
        return new AdminResponse(status, Map.of(), body, code);
    }

    /** This answer with one more header. */
    AdminResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new AdminResponse(status, copy, body, error);
    }
}
