package dev.apitpl.runtime.admin;

import dev.apitpl.runtime.template.ApiTemplate;
import dev.apitpl.runtime.template.TemplateCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The admin API's reads and writes of the template table. Every write is conditional on the item being exactly as
 * the request read it (or absent), so a change made meanwhile, by apitpl or by anyone else, fails the write with
 * {@link software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException} instead of being overwritten.
 * Its DynamoDB actions are {@link AdminApi#DYNAMODB_ACTIONS}.
 */
final class TemplateTable {

    /** Attributes a list page shows: keys and description, never whole templates (a page stays small). */
    private static final String LIST_PROJECTION = "#pk, #sk, #description";

    private final DynamoDbClient client;
    private final String table;

    TemplateTable(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    String name() {
        return table;
    }

    /** The item now, read strongly consistent: a conditional write compares against it. */
    Optional<StoredTemplate> read(String name, String method) {
        GetItemResponse response = client.getItem(request -> request.tableName(table)
                .key(TemplateCodec.key(name, method)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(StoredTemplate.of(response.item())) : Optional.empty();
    }

    /** A page of at most {@code limit} items after {@code start} (null for the first); one Scan call. */
    Page list(int limit, Map<String, AttributeValue> start) {
        ScanResponse response = client.scan(request -> request.tableName(table).limit(limit)
                .exclusiveStartKey(start)
                .projectionExpression(LIST_PROJECTION)
                .expressionAttributeNames(Map.of("#pk", TemplateCodec.PARTITION_KEY, "#sk", TemplateCodec.SORT_KEY,
                        "#description", "description")));
        Map<String, AttributeValue> last = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? response.lastEvaluatedKey() : null;
        return new Page(response.items(), last);
    }

    /** Writes {@code template} with its content hash, if the item is still {@code expected} (absent when empty). */
    void put(ApiTemplate template, String contentHash, Optional<StoredTemplate> expected) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(TemplateCodec.toAttributeValues(template));
        item.put(TemplateCodec.CONTENT_HASH_ATTRIBUTE, AttributeValue.fromS(contentHash));
        Condition condition = unchanged(expected);
        client.putItem(request -> request.tableName(table).item(item)
                .conditionExpression(condition.expression())
                .expressionAttributeNames(condition.names())
                .expressionAttributeValues(condition.values().isEmpty() ? null : condition.values()));
    }

    /** Deletes the item if it is still {@code expected}. */
    void delete(StoredTemplate expected) {
        Condition condition = unchanged(Optional.of(expected));
        client.deleteItem(request -> request.tableName(table)
                .key(Map.of(TemplateCodec.PARTITION_KEY, expected.item().get(TemplateCodec.PARTITION_KEY),
                        TemplateCodec.SORT_KEY, expected.item().get(TemplateCodec.SORT_KEY)))
                .conditionExpression(condition.expression())
                .expressionAttributeNames(condition.names())
                .expressionAttributeValues(condition.values().isEmpty() ? null : condition.values()));
    }

    /**
     * A condition true only while the item is as read: every attribute read has the same value, and no template
     * attribute it lacked (nor the content hash) has appeared. For an absent item: the item still does not exist.
     */
    private static Condition unchanged(Optional<StoredTemplate> expected) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        if (expected.isEmpty()) {
            names.put("#pk", TemplateCodec.PARTITION_KEY);
            return new Condition("attribute_not_exists(#pk)", names, values);
        }
        Map<String, AttributeValue> item = expected.get().item();
        List<String> terms = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            names.put("#a" + i, attribute.getKey());
            values.put(":v" + i, attribute.getValue());
            terms.add("#a" + i + " = :v" + i);
            i++;
        }
        List<String> absent = new ArrayList<>(TemplateCodec.FIELDS.subList(2, TemplateCodec.FIELDS.size()));
        absent.add(TemplateCodec.CONTENT_HASH_ATTRIBUTE);
        for (String attribute : absent) {
            if (!item.containsKey(attribute)) {
                names.put("#a" + i, attribute);
                terms.add("attribute_not_exists(#a" + i + ")");
                i++;
            }
        }
        return new Condition(String.join(" AND ", terms), names, values);
    }

    private record Condition(String expression, Map<String, String> names, Map<String, AttributeValue> values) {
    }

    /** One page of a list: its items (keys and description) and the key to continue after, or null at the end. */
    record Page(List<Map<String, AttributeValue>> items, Map<String, AttributeValue> lastKey) {
    }
}
