package dev.apitpl.core.engine.task;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code SdkHttpMetadata} and {@code SdkResponseMetadata} fields that Step Functions' optimized
 * integrations add to a service's response, so that paths such as
 * {@code $.SdkHttpMetadata.HttpStatusCode} work locally as they do on AWS.
 */
final class SdkMetadata {

    private SdkMetadata() {}

    static void addTo(ObjectNode response, int httpStatus, Map<String, List<String>> headers, String requestId) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode all = json.objectNode();
        ObjectNode single = json.objectNode();
        new TreeMap<>(headers).forEach((name, values) -> {
            all.set(name, json.arrayNode().addAll(values.stream().map(json::textNode).toList()));
            single.put(name, String.join(",", values));
        });
        ObjectNode http = response.putObject("SdkHttpMetadata");
        http.set("AllHttpHeaders", all);
        http.set("HttpHeaders", single);
        http.put("HttpStatusCode", httpStatus);
        response.putObject("SdkResponseMetadata").put("RequestId", requestId);
    }
}
