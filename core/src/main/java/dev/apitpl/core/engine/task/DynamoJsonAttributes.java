package dev.apitpl.core.engine.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** DynamoDB JSON ({@code {"S": "x"}}, {@code {"M": {...}}}, ...) to and from the SDK's {@link AttributeValue}. */
final class DynamoJsonAttributes {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private DynamoJsonAttributes() {}

    static Map<String, AttributeValue> toMap(JsonNode object) {
        if (object == null || object.isNull()) {
            return null;
        }
        if (!object.isObject()) {
            throw new IllegalArgumentException("expected a map of attribute values, got " + object);
        }
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> map.put(e.getKey(), toValue(e.getKey(), e.getValue())));
        return map;
    }

    static ObjectNode fromMap(Map<String, AttributeValue> map) {
        ObjectNode object = JSON.objectNode();
        map.forEach((name, value) -> object.set(name, fromValue(value)));
        return object;
    }

    private static AttributeValue toValue(String name, JsonNode node) {
        if (node == null || !node.isObject() || node.size() != 1) {
            throw new IllegalArgumentException("attribute '" + name
                    + "' must be one typed value such as {\"S\": \"text\"} or {\"N\": \"1\"}, got " + node);
        }
        Map.Entry<String, JsonNode> typed = node.fields().next();
        JsonNode v = typed.getValue();
        return switch (typed.getKey()) {
            case "S" -> AttributeValue.fromS(v.asText());
            case "N" -> AttributeValue.fromN(v.asText());
            case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(v.asText())));
            case "BOOL" -> AttributeValue.fromBool(v.asBoolean());
            case "NULL" -> AttributeValue.fromNul(v.asBoolean());
            case "SS" -> AttributeValue.fromSs(texts(v));
            case "NS" -> AttributeValue.fromNs(texts(v));
            case "BS" -> AttributeValue.fromBs(texts(v).stream()
                    .map(b -> SdkBytes.fromByteArray(Base64.getDecoder().decode(b))).toList());
            case "M" -> AttributeValue.fromM(toMap(v));
            case "L" -> {
                List<AttributeValue> list = new ArrayList<>();
                v.forEach(element -> list.add(toValue(name, element)));
                yield AttributeValue.fromL(list);
            }
            default -> throw new IllegalArgumentException("attribute '" + name + "' has unknown type '"
                    + typed.getKey() + "'; use S, N, B, BOOL, NULL, SS, NS, BS, M or L");
        };
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }

    private static ObjectNode fromValue(AttributeValue value) {
        ObjectNode node = JSON.objectNode();
        switch (value.type()) {
            case S -> node.put("S", value.s());
            case N -> node.put("N", value.n());
            case B -> node.put("B", Base64.getEncoder().encodeToString(value.b().asByteArray()));
            case BOOL -> node.put("BOOL", value.bool());
            case NUL -> node.put("NULL", true);
            case SS -> value.ss().forEach(node.putArray("SS")::add);
            case NS -> value.ns().forEach(node.putArray("NS")::add);
            case BS -> {
                ArrayNode bs = node.putArray("BS");
                value.bs().forEach(b -> bs.add(Base64.getEncoder().encodeToString(b.asByteArray())));
            }
            case M -> node.set("M", fromMap(value.m()));
            case L -> {
                ArrayNode list = node.putArray("L");
                value.l().forEach(element -> list.add(fromValue(element)));
            }
            default -> throw new IllegalStateException("unknown attribute type " + value.type());
        }
        return node;
    }
}
