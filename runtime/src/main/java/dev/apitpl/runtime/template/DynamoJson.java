package dev.apitpl.runtime.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.runtime.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Converts between the three shapes a DynamoDB value takes:
 * <ul>
 *   <li>{@link AttributeValue} — what the AWS SDK reads and writes;</li>
 *   <li>DynamoDB JSON — the typed JSON the DynamoDB API and Step Functions' {@code dynamodb:getItem} integration
 *       use: {@code {"S": "x"}}, {@code {"N": "1.50"}}, {@code {"M": {...}}}, {@code {"L": [...]}},
 *       {@code {"BOOL": true}}, {@code {"NULL": true}}, {@code {"SS"|"NS"|"BS": [...]}}, {@code {"B": "base64"}};</li>
 *   <li>plain JSON — ordinary JSON: S is a string, N a number with its exact digits ({@code "1.50"} stays 1.50),
 *       BOOL a boolean, NULL null, M an object, L/SS/NS an array, B a {@link com.fasterxml.jackson.databind.node.BinaryNode}
 *       (base64 text when written).</li>
 * </ul>
 * Plain JSON maps back to S, N, BOOL, NULL, M and L (never to sets, which plain JSON cannot tell from lists),
 * and binary nodes to B. Errors are {@link InvalidDynamoJsonException}s that name the path of the bad value.
 */
public final class DynamoJson {

    private static final JsonNodeFactory NODES = Json.nodes();

    private DynamoJson() {
    }

    // ---- AttributeValue <-> plain JSON ----

    /** The plain JSON of an SDK attribute value. */
    public static JsonNode toPlain(AttributeValue value) {
        return toPlain(value, "");
    }

    /** The SDK attribute value of plain JSON (objects become M, arrays L, numbers N with their exact digits). */
    public static AttributeValue fromPlain(JsonNode plain) {
        return fromPlain(plain, "");
    }

    /** A whole item (attribute name to value) as one plain JSON object, attributes in the item's order. */
    public static ObjectNode itemToPlain(Map<String, AttributeValue> item) {
        ObjectNode object = NODES.objectNode();
        item.forEach((attribute, value) -> object.set(attribute, toPlain(value, attribute)));
        return object;
    }

    /** A plain JSON object as an item; each field becomes one attribute. */
    public static Map<String, AttributeValue> itemFromPlain(JsonNode plainObject) {
        requireObject(plainObject, "", "an item must be a JSON object");
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        plainObject.fields().forEachRemaining(field -> item.put(field.getKey(), fromPlain(field.getValue(), field.getKey())));
        return item;
    }

    // ---- AttributeValue <-> DynamoDB JSON ----

    /** The DynamoDB JSON of an SDK attribute value, in the exact shape the DynamoDB API returns. */
    public static ObjectNode toDynamoJson(AttributeValue value) {
        return toDynamoJson(value, "");
    }

    /** The SDK attribute value of a DynamoDB JSON value such as {@code {"S": "x"}}. */
    public static AttributeValue fromDynamoJson(JsonNode typed) {
        return fromDynamoJson(typed, "");
    }

    /** A whole item as DynamoDB JSON: {@code {"PK": {"S": "getUser"}, ...}}, as {@code GetItem} returns in {@code Item}. */
    public static ObjectNode itemToDynamoJson(Map<String, AttributeValue> item) {
        ObjectNode object = NODES.objectNode();
        item.forEach((attribute, value) -> object.set(attribute, toDynamoJson(value, attribute)));
        return object;
    }

    /** An item written in DynamoDB JSON as SDK attribute values. */
    public static Map<String, AttributeValue> itemFromDynamoJson(JsonNode typedItem) {
        requireObject(typedItem, "", "an item must be a JSON object of attribute name to typed value");
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        typedItem.fields().forEachRemaining(field -> item.put(field.getKey(), fromDynamoJson(field.getValue(), field.getKey())));
        return item;
    }

    // ---- DynamoDB JSON <-> plain JSON ----

    /** Plain JSON of one DynamoDB JSON value. */
    public static JsonNode dynamoJsonToPlain(JsonNode typed) {
        return toPlain(fromDynamoJson(typed, ""), "");
    }

    /** DynamoDB JSON of plain JSON. */
    public static ObjectNode plainToDynamoJson(JsonNode plain) {
        return toDynamoJson(fromPlain(plain, ""), "");
    }

    /** A DynamoDB JSON item ({@code {"url": {"S": "..."}}}) as a plain JSON object ({@code {"url": "..."}}). */
    public static ObjectNode dynamoJsonItemToPlain(JsonNode typedItem) {
        return itemToPlain(itemFromDynamoJson(typedItem));
    }

    // ---- implementation ----

    private static JsonNode toPlain(AttributeValue value, String path) {
        if (value == null) {
            throw new InvalidDynamoJsonException(path, "attribute value is null");
        }
        switch (value.type()) {
            case S:
                return NODES.textNode(value.s());
            case N:
                return number(value.n(), path);
            case BOOL:
                return NODES.booleanNode(value.bool());
            case NUL:
                return NODES.nullNode();
            case B:
                return NODES.binaryNode(value.b().asByteArray());
            case M: {
                ObjectNode object = NODES.objectNode();
                value.m().forEach((key, member) -> object.set(key, toPlain(member, path + ".M." + key)));
                return object;
            }
            case L: {
                ArrayNode array = NODES.arrayNode();
                List<AttributeValue> list = value.l();
                for (int i = 0; i < list.size(); i++) {
                    array.add(toPlain(list.get(i), path + ".L[" + i + "]"));
                }
                return array;
            }
            case SS: {
                ArrayNode array = NODES.arrayNode();
                value.ss().forEach(array::add);
                return array;
            }
            case NS: {
                ArrayNode array = NODES.arrayNode();
                List<String> numbers = value.ns();
                for (int i = 0; i < numbers.size(); i++) {
                    array.add(number(numbers.get(i), path + ".NS[" + i + "]"));
                }
                return array;
            }
            case BS: {
                ArrayNode array = NODES.arrayNode();
                value.bs().forEach(bytes -> array.add(NODES.binaryNode(bytes.asByteArray())));
                return array;
            }
            default:
                throw new InvalidDynamoJsonException(path, "attribute value has no type this runtime knows: " + value);
        }
    }

    private static AttributeValue fromPlain(JsonNode plain, String path) {
        if (plain == null || plain.isMissingNode()) {
            throw new InvalidDynamoJsonException(path, "value is missing");
        }
        switch (plain.getNodeType()) {
            case STRING:
                return AttributeValue.fromS(plain.textValue());
            case NUMBER:
                return AttributeValue.fromN(numberText(plain));
            case BOOLEAN:
                return AttributeValue.fromBool(plain.booleanValue());
            case NULL:
                return AttributeValue.fromNul(true);
            case BINARY:
                return AttributeValue.fromB(SdkBytes.fromByteArray(binary(plain)));
            case OBJECT: {
                Map<String, AttributeValue> members = new LinkedHashMap<>();
                plain.fields().forEachRemaining(field ->
                        members.put(field.getKey(), fromPlain(field.getValue(), path + "." + field.getKey())));
                return AttributeValue.fromM(members);
            }
            case ARRAY: {
                List<AttributeValue> elements = new ArrayList<>(plain.size());
                for (int i = 0; i < plain.size(); i++) {
                    elements.add(fromPlain(plain.get(i), path + "[" + i + "]"));
                }
                return AttributeValue.fromL(elements);
            }
            default:
                throw new InvalidDynamoJsonException(path, "a " + plain.getNodeType() + " node cannot be stored in DynamoDB");
        }
    }

    private static ObjectNode toDynamoJson(AttributeValue value, String path) {
        if (value == null) {
            throw new InvalidDynamoJsonException(path, "attribute value is null");
        }
        ObjectNode typed = NODES.objectNode();
        switch (value.type()) {
            case S -> typed.put("S", value.s());
            case N -> typed.put("N", value.n());
            case BOOL -> typed.put("BOOL", value.bool());
            case NUL -> typed.put("NULL", true);
            case B -> typed.put("B", Base64.getEncoder().encodeToString(value.b().asByteArray()));
            case M -> {
                ObjectNode members = typed.putObject("M");
                value.m().forEach((key, member) -> members.set(key, toDynamoJson(member, path + ".M." + key)));
            }
            case L -> {
                ArrayNode elements = typed.putArray("L");
                List<AttributeValue> list = value.l();
                for (int i = 0; i < list.size(); i++) {
                    elements.add(toDynamoJson(list.get(i), path + ".L[" + i + "]"));
                }
            }
            case SS -> value.ss().forEach(typed.putArray("SS")::add);
            case NS -> value.ns().forEach(typed.putArray("NS")::add);
            case BS -> {
                ArrayNode sets = typed.putArray("BS");
                value.bs().forEach(bytes -> sets.add(Base64.getEncoder().encodeToString(bytes.asByteArray())));
            }
            default -> throw new InvalidDynamoJsonException(path, "attribute value has no type this runtime knows: " + value);
        }
        return typed;
    }

    private static AttributeValue fromDynamoJson(JsonNode typed, String path) {
        requireObject(typed, path, "a DynamoDB JSON value must be an object with one type key, e.g. {\"S\": \"text\"}");
        if (typed.size() != 1) {
            throw new InvalidDynamoJsonException(path, "a DynamoDB JSON value must have exactly one type key "
                    + "(S, N, B, BOOL, NULL, M, L, SS, NS, BS); found " + fieldNames(typed));
        }
        Map.Entry<String, JsonNode> only = typed.fields().next();
        String type = only.getKey();
        JsonNode content = only.getValue();
        String at = path.isEmpty() ? type : path + "." + type;
        switch (type) {
            case "S":
                return AttributeValue.fromS(text(content, at, "a string"));
            case "N":
                return AttributeValue.fromN(numberString(content, at));
            case "BOOL":
                if (!content.isBoolean()) {
                    throw new InvalidDynamoJsonException(at, "must be true or false; got " + content);
                }
                return AttributeValue.fromBool(content.booleanValue());
            case "NULL":
                if (!content.isBoolean() || !content.booleanValue()) {
                    throw new InvalidDynamoJsonException(at, "must be true ({\"NULL\": true}); got " + content);
                }
                return AttributeValue.fromNul(true);
            case "B":
                return AttributeValue.fromB(SdkBytes.fromByteArray(base64(content, at)));
            case "M": {
                requireObject(content, at, "must be an object of member name to typed value");
                Map<String, AttributeValue> members = new LinkedHashMap<>();
                content.fields().forEachRemaining(field ->
                        members.put(field.getKey(), fromDynamoJson(field.getValue(), at + "." + field.getKey())));
                return AttributeValue.fromM(members);
            }
            case "L": {
                requireArray(content, at);
                List<AttributeValue> elements = new ArrayList<>(content.size());
                for (int i = 0; i < content.size(); i++) {
                    elements.add(fromDynamoJson(content.get(i), at + "[" + i + "]"));
                }
                return AttributeValue.fromL(elements);
            }
            case "SS": {
                requireArray(content, at);
                List<String> strings = new ArrayList<>(content.size());
                for (int i = 0; i < content.size(); i++) {
                    strings.add(text(content.get(i), at + "[" + i + "]", "a string"));
                }
                return AttributeValue.fromSs(strings);
            }
            case "NS": {
                requireArray(content, at);
                List<String> numbers = new ArrayList<>(content.size());
                for (int i = 0; i < content.size(); i++) {
                    numbers.add(numberString(content.get(i), at + "[" + i + "]"));
                }
                return AttributeValue.fromNs(numbers);
            }
            case "BS": {
                requireArray(content, at);
                List<SdkBytes> blobs = new ArrayList<>(content.size());
                for (int i = 0; i < content.size(); i++) {
                    blobs.add(SdkBytes.fromByteArray(base64(content.get(i), at + "[" + i + "]")));
                }
                return AttributeValue.fromBs(blobs);
            }
            default:
                throw new InvalidDynamoJsonException(path, "unknown DynamoDB type key '" + type
                        + "'; use one of S, N, B, BOOL, NULL, M, L, SS, NS, BS");
        }
    }

    /** A DynamoDB number as the JSON number node a parser would make of the same digits. */
    private static JsonNode number(String digits, String path) {
        BigDecimal exact;
        try {
            exact = new BigDecimal(digits);
        } catch (NumberFormatException | NullPointerException e) {
            throw new InvalidDynamoJsonException(path, "'" + digits + "' is not a number");
        }
        boolean integral = digits.indexOf('.') < 0 && digits.indexOf('e') < 0 && digits.indexOf('E') < 0;
        if (!integral) {
            return NODES.numberNode(exact);
        }
        BigInteger whole = exact.toBigIntegerExact();
        if (whole.bitLength() < 32) {
            return NODES.numberNode(whole.intValue());
        }
        if (whole.bitLength() < 64) {
            return NODES.numberNode(whole.longValue());
        }
        return NODES.numberNode(whole);
    }

    private static String numberText(JsonNode number) {
        if (number.isBigDecimal()) {
            return number.decimalValue().toString();
        }
        if (number.isFloatingPointNumber()) {
            // A double or float from code, not from parsed JSON: its shortest exact decimal form.
            return BigDecimal.valueOf(number.doubleValue()).toString();
        }
        return number.bigIntegerValue().toString();
    }

    private static String numberString(JsonNode content, String at) {
        String digits = text(content, at, "a string holding a number, e.g. {\"N\": \"42\"}");
        number(digits, at);
        return digits;
    }

    private static byte[] binary(JsonNode node) {
        try {
            return node.binaryValue();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("binary node without bytes", e);
        }
    }

    private static byte[] base64(JsonNode content, String at) {
        String encoded = text(content, at, "base64 text");
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new InvalidDynamoJsonException(at, "is not valid base64: " + e.getMessage());
        }
    }

    private static String text(JsonNode content, String at, String expected) {
        if (content == null || !content.isTextual()) {
            throw new InvalidDynamoJsonException(at, "must be " + expected + "; got " + content);
        }
        return content.textValue();
    }

    private static void requireObject(JsonNode node, String path, String problem) {
        if (node == null || !node.isObject()) {
            throw new InvalidDynamoJsonException(path, problem + "; got " + node);
        }
    }

    private static void requireArray(JsonNode node, String at) {
        if (!node.isArray()) {
            throw new InvalidDynamoJsonException(at, "must be an array; got " + node);
        }
    }

    private static String fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
