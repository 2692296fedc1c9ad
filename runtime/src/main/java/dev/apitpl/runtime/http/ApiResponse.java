package dev.apitpl.runtime.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The API's answer.
 *
 * @param statusCode HTTP status of the final response (after redirects, when followed)
 * @param headers    response headers, names lower-cased
 * @param body       parsed JSON when the content type is JSON and the body parses, else a text node; null node when empty
 * @param durationMs wall time of the whole call, redirects included
 */
public record ApiResponse(int statusCode, Map<String, List<String>> headers, JsonNode body, long durationMs) {
}
