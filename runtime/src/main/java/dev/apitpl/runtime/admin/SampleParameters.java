package dev.apitpl.runtime.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.runtime.json.Json;

/**
 * A value for each parameter a template declares, taken from its schema: {@code const}, the first {@code enum}
 * value, {@code default} or the first of {@code examples}, else a value of its {@code type}.
 */
final class SampleParameters {

    private SampleParameters() {
    }

    /** Samples for {@code schema}'s properties and required names; empty for no schema. */
    static ObjectNode of(JsonNode schema) {
        ObjectNode params = Json.object();
        if (schema == null) {
            return params;
        }
        schema.path("properties").fields().forEachRemaining(property ->
                params.set(property.getKey(), sample(property.getValue())));
        for (JsonNode required : schema.path("required")) {
            if (!params.has(required.asText())) {
                params.put(required.asText(), "x");
            }
        }
        return params;
    }

    private static JsonNode sample(JsonNode property) {
        if (property.has("const")) {
            return property.get("const");
        }
        if (property.path("enum").size() > 0) {
            return property.get("enum").get(0);
        }
        if (property.has("default")) {
            return property.get("default");
        }
        if (property.path("examples").size() > 0) {
            return property.get("examples").get(0);
        }
        JsonNode type = property.path("type");
        String name = type.isArray() ? type.path(0).asText("string") : type.asText("string");
        return switch (name) {
            case "integer", "number" -> Json.nodes().numberNode(1);
            case "boolean" -> Json.nodes().booleanNode(true);
            case "array" -> Json.nodes().arrayNode();
            case "object" -> Json.object();
            default -> Json.nodes().textNode("uri".equals(property.path("format").asText()) ? "https://example.com" : "x");
        };
    }
}
