package dev.apitpl.core.endpoint.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.core.endpoint.EndpointResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** What API Gateway does on either side of a Lambda proxy integration: the query string it passes, the answer it sends. */
public final class ProxyIntegration {

    private ProxyIntegration() {}

    /** The query string API Gateway passes on, from the endpoint's decoded parameters. */
    public static String rawQuery(Map<String, List<String>> query) {
        StringJoiner raw = new StringJoiner("&");
        query.forEach((name, values) -> values.forEach(value -> raw.add(URLEncoder.encode(name, StandardCharsets.UTF_8)
                + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8))));
        return raw.toString();
    }

    /**
     * The HTTP answer for a function's proxy response: {@code statusCode}, {@code headers}, {@code cookies},
     * {@code body} ({@code isBase64Encoded}); any other JSON is, as in payload format 2.0, a 200 with that JSON as body.
     */
    public static EndpointResponse response(JsonNode proxyResponse, String payload) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (proxyResponse == null || !proxyResponse.isObject() || !proxyResponse.has("statusCode")) {
            headers.put("Content-Type", "application/json");
            return new EndpointResponse(200, headers, payload.getBytes(StandardCharsets.UTF_8));
        }
        proxyResponse.path("headers").fields().forEachRemaining(header -> headers.put(header.getKey(), header.getValue().asText()));
        if (proxyResponse.path("cookies").isArray() && !proxyResponse.path("cookies").isEmpty()) {
            headers.put("Set-Cookie", proxyResponse.path("cookies").get(0).asText());
        }
        String body = proxyResponse.path("body").asText("");
        byte[] bytes = proxyResponse.path("isBase64Encoded").asBoolean()
                ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        return new EndpointResponse(proxyResponse.path("statusCode").asInt(500), headers, bytes);
    }
}
