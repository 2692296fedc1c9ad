package dev.apitpl.runtime.template;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.runtime.error.InvalidTemplateException;
import dev.apitpl.runtime.json.Json;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads and writes {@link ApiTemplate}s in their three stored forms. All three share one field set,
 * {@link #FIELDS}, with the same meaning; an unknown field is an error (a typo must not silently drop a header).
 *
 * <ul>
 *   <li><b>Template file</b> (plain JSON, {@link #fromJson(String)}): {@code {"name": "getUser", "method": "GET",
 *       "url": "https://api.example.com/users/{{ id }}", "headers": {"Accept": "application/json"}}}.
 *       A {@code "$schema"} field is allowed (for IDE completion) and ignored.</li>
 *   <li><b>DynamoDB item</b> ({@link #fromAttributeValues}, {@link #toAttributeValues}): the table's partition key
 *       attribute {@value #PARTITION_KEY} holds the template's name and its sort key {@value #SORT_KEY} the HTTP method;
 *       every other field is one attribute of the same name (an item has no {@code name} or {@code method} attribute). {@code headers}, {@code query} and {@code parameters} are M;
 *       {@code allowedDestinations} is L of S (SS accepted); {@code followRedirects} is BOOL; {@code timeout} is S
 *       (ISO-8601, {@code "PT10S"}) or N (seconds). The body keeps its JSON shape: a JSON body is M (or L) with
 *       string leaves as S and numbers as N; a text body is S and is always a text template, never parsed as JSON.</li>
 *   <li><b>DynamoDB JSON</b> ({@link #fromDynamoJson}): the same item as the DynamoDB API and Step Functions'
 *       {@code getItem} return it, {@code {"url": {"S": "..."}, "headers": {"M": {...}}}}.</li>
 * </ul>
 *
 * Every problem is an {@link InvalidTemplateException} naming the template, the field path and the fix.
 */
public final class TemplateCodec {

    /** Partition key attribute of the templates table: the template's name. */
    public static final String PARTITION_KEY = "PK";
    /** Sort key attribute of the templates table: the template's HTTP method. */
    public static final String SORT_KEY = "SK";

    /** The template fields, in the order they are written. */
    public static final List<String> FIELDS = List.of("name", "method", "url", "headers", "query", "body", "parameters",
            "timeout", "description", "followRedirects", "allowedDestinations");

    /**
     * Item attribute holding the content hash ({@link TemplateContentHash}) of the template as apitpl last wrote it
     * (seed or the admin API). A writer compares it with the item's current content to tell a remote edit from its
     * own write, so that no one's change is silently overwritten. Bookkeeping only: ignored when reading a template.
     */
    public static final String CONTENT_HASH_ATTRIBUTE = "apitplContentHash";

    /** Field a template file may carry to point editors at the JSON Schema; ignored when reading. */
    public static final String SCHEMA_FIELD = "$schema";

    private TemplateCodec() {
    }

    /** Reads a template file's JSON text. Malformed JSON is reported with its line and column. */
    public static ApiTemplate fromJson(String json) {
        JsonNode tree;
        try {
            tree = Json.parse(json);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String at = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
            throw new InvalidTemplateException(null, null, "is not valid JSON" + at + ": " + e.getOriginalMessage(), e);
        }
        return fromJson(tree);
    }

    /** Reads a template from plain JSON (a parsed template file, or an item converted to plain JSON). */
    public static ApiTemplate fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new InvalidTemplateException(null, null, "must be a JSON object with at least name, method and url; got "
                    + (json == null ? "nothing" : json.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        String name = json.path("name").isTextual() ? json.get("name").textValue() : null;
        json.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field) && !SCHEMA_FIELD.equals(field)) {
                throw new InvalidTemplateException(name, field, "is not a template field" + suggestion(field)
                        + "; the fields are " + String.join(", ", FIELDS));
            }
        });
        return new ApiTemplate(
                string(json, name, "name"),
                string(json, name, "method"),
                string(json, name, "url"),
                stringMap(json, name, "headers"),
                stringMap(json, name, "query"),
                json.get("body"),
                json.get("parameters"),
                timeout(json, name),
                string(json, name, "description"),
                flag(json, name, "followRedirects"),
                stringList(json, name, "allowedDestinations"));
    }

    /** Reads a template item as the AWS SDK returns it ({@code GetItemResponse.item()}). */
    public static ApiTemplate fromAttributeValues(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            throw new InvalidTemplateException(null, null, "no item: the template was not found in the table");
        }
        ObjectNode plain = Json.object();
        String name = item.get(PARTITION_KEY) != null ? item.get(PARTITION_KEY).s() : null;
        item.forEach((attribute, value) -> {
            try {
                plain.set(attribute, DynamoJson.toPlain(value));
            } catch (InvalidDynamoJsonException e) {
                throw new InvalidTemplateException(name, attribute + e.path(), e.problem(), e);
            }
        });
        return fromJson(fieldsOfItem(plain, name));
    }

    /**
     * Reads a template item in DynamoDB JSON, as Step Functions passes {@code $.template.Item} of a
     * {@code dynamodb:getItem} result: {@code {"PK": {"S": "getUser"}, "SK": {"S": "GET"}, "url": {"S": "..."}, ...}}.
     */
    public static ApiTemplate fromDynamoJson(JsonNode item) {
        if (item == null || item.isNull() || item.isMissingNode()) {
            throw new InvalidTemplateException(null, null, "no item: the template was not found in the table "
                    + "(a getItem result without 'Item' means no template has that name and method)");
        }
        if (!item.isObject()) {
            throw new InvalidTemplateException(null, null, "must be a DynamoDB item object such as "
                    + "{\"PK\": {\"S\": \"getUser\"}, \"SK\": {\"S\": \"GET\"}, ...}; got " + item.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        String name = item.path(PARTITION_KEY).path("S").textValue();
        ObjectNode plain = Json.object();
        item.fields().forEachRemaining(field -> {
            try {
                plain.set(field.getKey(), DynamoJson.dynamoJsonToPlain(field.getValue()));
            } catch (InvalidDynamoJsonException e) {
                String path = e.path().isEmpty() ? field.getKey() : field.getKey() + "." + e.path();
                throw new InvalidTemplateException(name, path, "is not valid DynamoDB JSON: " + e.problem(), e);
            }
        });
        return fromJson(fieldsOfItem(plain, name));
    }

    /** The template file form of a template: plain JSON, defaults left out, fields in {@link #FIELDS} order. */
    public static ObjectNode toJson(ApiTemplate template) {
        ObjectNode json = Json.object();
        json.put("name", template.name());
        json.put("method", template.method());
        json.put("url", template.url());
        if (!template.headers().isEmpty()) {
            ObjectNode headers = json.putObject("headers");
            template.headers().forEach(headers::put);
        }
        if (!template.query().isEmpty()) {
            ObjectNode query = json.putObject("query");
            template.query().forEach(query::put);
        }
        if (template.body() != null) {
            json.set("body", template.body().deepCopy());
        }
        if (template.parameters() != null) {
            json.set("parameters", template.parameters().deepCopy());
        }
        if (template.timeout() != null) {
            json.put("timeout", template.timeout().toString());
        }
        if (template.description() != null) {
            json.put("description", template.description());
        }
        if (template.followRedirects()) {
            json.put("followRedirects", true);
        }
        if (!template.allowedDestinations().isEmpty()) {
            ArrayNode destinations = json.putArray("allowedDestinations");
            template.allowedDestinations().forEach(destinations::add);
        }
        return json;
    }

    /** The DynamoDB item of a template, for {@code PutItem} (seeding a table): keys first, then the other fields. */
    public static Map<String, AttributeValue> toAttributeValues(ApiTemplate template) {
        ObjectNode fields = toJson(template);
        ObjectNode item = Json.object();
        item.set(PARTITION_KEY, fields.remove("name"));
        item.set(SORT_KEY, fields.remove("method"));
        item.setAll(fields);
        return DynamoJson.itemFromPlain(item);
    }

    /** The key of a template's item, for {@code GetItem}: {@value #PARTITION_KEY} = name, {@value #SORT_KEY} = method. */
    public static Map<String, AttributeValue> key(String name, String method) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put(PARTITION_KEY, AttributeValue.fromS(name));
        key.put(SORT_KEY, AttributeValue.fromS(method));
        return key;
    }

    /** An item's attributes (plain JSON) as template fields: the keys become {@code name} and {@code method}. */
    private static ObjectNode fieldsOfItem(ObjectNode item, String name) {
        for (String field : List.of("name", "method")) {
            if (item.has(field)) {
                throw new InvalidTemplateException(name, field, "is not an item attribute: in DynamoDB the template's name is the "
                        + "partition key " + PARTITION_KEY + " and its method the sort key " + SORT_KEY + "; remove '" + field + "'");
            }
        }
        ObjectNode fields = Json.object();
        if (item.has(PARTITION_KEY)) {
            fields.set("name", item.get(PARTITION_KEY));
        }
        if (item.has(SORT_KEY)) {
            fields.set("method", item.get(SORT_KEY));
        }
        item.fields().forEachRemaining(attribute -> {
            if (!attribute.getKey().equals(PARTITION_KEY) && !attribute.getKey().equals(SORT_KEY)
                    && !attribute.getKey().equals(CONTENT_HASH_ATTRIBUTE)) {
                fields.set(attribute.getKey(), attribute.getValue());
            }
        });
        return fields;
    }

    /** The DynamoDB JSON item of a template, as {@code GetItem} would return it in {@code Item}. */
    public static ObjectNode toDynamoJson(ApiTemplate template) {
        return DynamoJson.itemToDynamoJson(toAttributeValues(template));
    }

    private static String string(JsonNode json, String name, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidTemplateException(name, field, "must be a string; got " + kind(value));
        }
        return value.textValue();
    }

    private static boolean flag(JsonNode json, String name, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new InvalidTemplateException(name, field, "must be true or false; got " + kind(value));
        }
        return value.booleanValue();
    }

    private static Map<String, String> stringMap(JsonNode json, String name, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw new InvalidTemplateException(name, field, "must be an object of name to string template; got " + kind(value));
        }
        Map<String, String> entries = new LinkedHashMap<>();
        value.fields().forEachRemaining(entry -> {
            if (!entry.getValue().isTextual()) {
                throw new InvalidTemplateException(name, field + "." + entry.getKey(), "must be a string template; got "
                        + kind(entry.getValue()) + (entry.getValue().isValueNode() ? " (write it as \"" + entry.getValue().asText() + "\")" : ""));
            }
            entries.put(entry.getKey(), entry.getValue().textValue());
        });
        return entries;
    }

    private static List<String> stringList(JsonNode json, String name, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new InvalidTemplateException(name, field, "must be an array of strings; got " + kind(value));
        }
        List<String> strings = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                throw new InvalidTemplateException(name, field + "[" + i + "]", "must be a string; got " + kind(value.get(i)));
            }
            strings.add(value.get(i).textValue());
        }
        return strings;
    }

    private static Duration timeout(JsonNode json, String name) {
        JsonNode value = json.get("timeout");
        if (value == null || value.isNull()) {
            return null;
        }
        String fix = "must be an ISO-8601 duration such as \"PT10S\" or a number of seconds such as 10";
        if (value.isNumber()) {
            BigDecimal seconds = value.decimalValue();
            if (seconds.signum() <= 0 || seconds.compareTo(BigDecimal.valueOf(ApiTemplate.MAX_TIMEOUT.toSeconds())) > 0) {
                throw new InvalidTemplateException(name, "timeout", "must be more than 0 and at most 900 seconds; got " + seconds);
            }
            return Duration.ofNanos(seconds.movePointRight(9).longValue());
        }
        if (!value.isTextual()) {
            throw new InvalidTemplateException(name, "timeout", fix + "; got " + kind(value));
        }
        try {
            return Duration.parse(value.textValue());
        } catch (DateTimeParseException e) {
            throw new InvalidTemplateException(name, "timeout", fix + "; got \"" + value.textValue() + "\"");
        }
    }

    private static String suggestion(String unknown) {
        for (String field : FIELDS) {
            if (field.equalsIgnoreCase(unknown) || field.equalsIgnoreCase(unknown + "s") || unknown.equalsIgnoreCase(field + "s")) {
                return " (did you mean '" + field + "'?)";
            }
        }
        return "";
    }

    private static String kind(JsonNode value) {
        return value.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
