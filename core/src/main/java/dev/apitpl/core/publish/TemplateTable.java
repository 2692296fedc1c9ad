package dev.apitpl.core.publish;

import dev.apitpl.runtime.template.TemplateCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The template table as seed reads and writes it: every read consistent, every write that could lose someone's
 * change conditional on the item being exactly as it was read.
 */
final class TemplateTable {

    /** BatchWriteItem's limit. */
    private static final int BATCH_SIZE = 25;
    /** TransactWriteItems' limit on actions per call. */
    static final int TRANSACTION_SIZE = 100;
    /** Rounds of UnprocessedItems (or transactions cancelled with no failed condition) retried before giving up. */
    private static final int UNPROCESSED_ROUNDS = 12;

    private final AwsClients aws;
    private final DynamoDbClient dynamoDb;
    private final String name;

    TemplateTable(AwsClients aws, String name) {
        this.aws = aws;
        this.dynamoDb = aws.dynamoDb();
        this.name = name;
    }

    String name() {
        return name;
    }

    /** Whether the table exists; one keyed otherwise than {@code PK}/{@code SK} strings is an error. */
    boolean exists() throws PublishException {
        TableDescription table;
        try {
            table = aws.call("DynamoDB", "DescribeTable", () -> dynamoDb.describeTable(b -> b.tableName(name)).table());
        } catch (AwsException e) {
            if (e.getCause() instanceof ResourceNotFoundException) {
                return false;
            }
            throw e;
        }
        List<String> keys = table.keySchema().stream().map(k -> k.attributeName() + ":" + k.keyTypeAsString()).toList();
        if (!keys.equals(List.of(TemplateCodec.PARTITION_KEY + ":HASH", TemplateCodec.SORT_KEY + ":RANGE"))
                && !keys.equals(List.of(TemplateCodec.SORT_KEY + ":RANGE", TemplateCodec.PARTITION_KEY + ":HASH"))) {
            throw new PublishException("Table " + name + " is keyed " + keys + ", but a template table has the partition key "
                    + TemplateCodec.PARTITION_KEY + " and the sort key " + TemplateCodec.SORT_KEY + " (strings); "
                    + "choose another table with -Dapitpl.templateTable (<templateTable>)");
        }
        return true;
    }

    /** Creates the table (string {@code PK}/{@code SK}, on-demand) and waits until it is active. */
    void create() {
        aws.call("DynamoDB", "CreateTable", () -> dynamoDb.createTable(b -> b.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(stringAttribute(TemplateCodec.PARTITION_KEY), stringAttribute(TemplateCodec.SORT_KEY))
                .keySchema(KeySchemaElement.builder().attributeName(TemplateCodec.PARTITION_KEY).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(TemplateCodec.SORT_KEY).keyType(KeyType.RANGE).build())));
        aws.call("DynamoDB", "DescribeTable", () -> dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(name)));
    }

    private static AttributeDefinition stringAttribute(String attribute) {
        return AttributeDefinition.builder().attributeName(attribute).attributeType(ScalarAttributeType.S).build();
    }

    /** Every item, read consistently. */
    List<Map<String, AttributeValue>> readAll() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        aws.call("DynamoDB", "Scan", () -> {
            dynamoDb.scanPaginator(b -> b.tableName(name).consistentRead(true)).items().forEach(items::add);
            return null;
        });
        return items;
    }

    /** Puts {@code item} if no item has its key; false when one appeared meanwhile. */
    boolean putIfAbsent(Map<String, AttributeValue> item) {
        try {
            aws.call("DynamoDB", "PutItem", () -> dynamoDb.putItem(b -> b.tableName(name).item(item)
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", TemplateCodec.PARTITION_KEY))));
            return true;
        } catch (AwsException e) {
            return conditionFailed(e);
        }
    }

    /** Puts {@code item} if the table's item is still exactly {@code remote}; false when it changed meanwhile. */
    boolean putIfUnchanged(Map<String, AttributeValue> item, Map<String, AttributeValue> remote) {
        Condition condition = unchanged(remote);
        try {
            aws.call("DynamoDB", "PutItem", () -> dynamoDb.putItem(b -> b.tableName(name).item(item)
                    .conditionExpression(condition.expression).expressionAttributeNames(condition.names)
                    .expressionAttributeValues(condition.values)));
            return true;
        } catch (AwsException e) {
            return conditionFailed(e);
        }
    }

    /** Deletes the item if it is still exactly {@code remote}; false when it changed meanwhile. */
    boolean deleteIfUnchanged(Map<String, AttributeValue> remote) {
        Condition condition = unchanged(remote);
        Map<String, AttributeValue> key = TemplateCodec.key(remote.get(TemplateCodec.PARTITION_KEY).s(),
                remote.get(TemplateCodec.SORT_KEY).s());
        try {
            aws.call("DynamoDB", "DeleteItem", () -> dynamoDb.deleteItem(b -> b.tableName(name).key(key)
                    .conditionExpression(condition.expression).expressionAttributeNames(condition.names)
                    .expressionAttributeValues(condition.values)));
            return true;
        } catch (AwsException e) {
            return conditionFailed(e);
        }
    }

    /**
     * Writes {@code changes} (creates, updates, deletes; at most {@link #TRANSACTION_SIZE}, together under 4 MB) in one
     * TransactWriteItems, each under the condition its single write would carry. A failed condition cancels the whole
     * transaction; the others are then sent again without it. Returns, per change, whether it was written (false: its
     * item changed since it was read).
     */
    boolean[] writeAll(List<TemplateChange> changes) {
        boolean[] written = new boolean[changes.size()];
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            pending.add(i);
        }
        for (int idle = 0; !pending.isEmpty(); ) {
            if (idle == UNPROCESSED_ROUNDS) {
                throw new AwsException("DynamoDB", "TransactWriteItems", "TransactionCanceled", null, pending.size()
                        + " writes stayed cancelled after " + idle + " rounds",
                        "the table is busy (other transactions on the same templates); rerun later (it resumes safely)", null);
            }
            List<TransactWriteItem> actions = pending.stream().map(i -> action(changes.get(i))).toList();
            try {
                aws.call("DynamoDB", "TransactWriteItems", () -> dynamoDb.transactWriteItems(b -> b.transactItems(actions)));
                pending.forEach(i -> written[i] = true);
                return written;
            } catch (AwsException e) {
                if (!(e.getCause() instanceof TransactionCanceledException cancelled) || !cancelled.hasCancellationReasons()) {
                    throw e;
                }
                List<CancellationReason> reasons = cancelled.cancellationReasons();
                List<Integer> again = new ArrayList<>();
                for (int j = 0; j < pending.size(); j++) {
                    if (!"ConditionalCheckFailed".equals(reasons.get(j).code())) {
                        again.add(pending.get(j));
                    }
                }
                if (again.size() == pending.size()) {
                    Backoff.sleep(++idle);
                }
                pending = again;
            }
        }
        return written;
    }

    private TransactWriteItem action(TemplateChange change) {
        return switch (change.action()) {
            case CREATE -> TransactWriteItem.builder().put(Put.builder().tableName(name).item(change.item())
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", TemplateCodec.PARTITION_KEY)).build()).build();
            case UPDATE -> {
                Condition condition = unchanged(change.remote());
                yield TransactWriteItem.builder().put(Put.builder().tableName(name).item(change.item())
                        .conditionExpression(condition.expression).expressionAttributeNames(condition.names)
                        .expressionAttributeValues(condition.values).build()).build();
            }
            case DELETE -> {
                Condition condition = unchanged(change.remote());
                yield TransactWriteItem.builder().delete(Delete.builder().tableName(name).key(TemplateCodec.key(
                                change.remote().get(TemplateCodec.PARTITION_KEY).s(), change.remote().get(TemplateCodec.SORT_KEY).s()))
                        .conditionExpression(condition.expression).expressionAttributeNames(condition.names)
                        .expressionAttributeValues(condition.values).build()).build();
            }
            default -> throw new IllegalArgumentException(change.action().name());
        };
    }

    /** About the bytes an item counts for in a request's size limits: names and values. */
    static long size(Map<String, AttributeValue> item) {
        long bytes = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            bytes += attribute.getKey().length() + size(attribute.getValue());
        }
        return bytes;
    }

    private static long size(AttributeValue value) {
        if (value.s() != null) {
            return value.s().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        if (value.n() != null) {
            return value.n().length();
        }
        if (value.hasM()) {
            return 3 + size(value.m());
        }
        if (value.hasL()) {
            return 3 + value.l().stream().mapToLong(TemplateTable::size).sum();
        }
        if (value.hasSs()) {
            return value.ss().stream().mapToLong(String::length).sum();
        }
        return 1 + (value.b() == null ? 0 : value.b().asByteArray().length);
    }

    /**
     * Puts items without conditions ({@code apitpl.force}), 25 per BatchWriteItem, retrying UnprocessedItems with
     * exponential backoff until all are written.
     */
    void putAll(List<Map<String, AttributeValue>> items, Runnable onWritten) {
        for (int from = 0; from < items.size(); from += BATCH_SIZE) {
            List<WriteRequest> pending = new ArrayList<>();
            for (Map<String, AttributeValue> item : items.subList(from, Math.min(items.size(), from + BATCH_SIZE))) {
                pending.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            }
            for (int round = 0; !pending.isEmpty(); round++) {
                if (round == UNPROCESSED_ROUNDS) {
                    throw new AwsException("DynamoDB", "BatchWriteItem", "UnprocessedItems", null, pending.size()
                            + " items stayed unprocessed after " + round + " rounds",
                            "the table is overloaded; rerun later (it resumes safely)", null);
                }
                if (round > 0) {
                    Backoff.sleep(round);
                }
                List<WriteRequest> batch = pending;
                BatchWriteItemResponse response = aws.call("DynamoDB", "BatchWriteItem",
                        () -> dynamoDb.batchWriteItem(b -> b.requestItems(Map.of(name, batch))));
                List<WriteRequest> unprocessed = response.unprocessedItems().getOrDefault(name, List.of());
                for (int i = 0; i < batch.size() - unprocessed.size(); i++) {
                    onWritten.run();
                }
                pending = unprocessed;
            }
        }
    }

    private static boolean conditionFailed(AwsException e) {
        if (e.getCause() instanceof ConditionalCheckFailedException) {
            return false;
        }
        throw e;
    }

    /** A condition true only while the item is exactly {@code remote}: every attribute equal, no template field added. */
    private static Condition unchanged(Map<String, AttributeValue> remote) {
        Condition condition = new Condition();
        List<String> clauses = new ArrayList<>();
        Set<String> absent = new LinkedHashSet<>(TemplateCodec.FIELDS);
        absent.removeAll(List.of("name", "method"));
        absent.add(TemplateCodec.CONTENT_HASH_ATTRIBUTE);
        int i = 0;
        for (Map.Entry<String, AttributeValue> attribute : remote.entrySet()) {
            absent.remove(attribute.getKey());
            if (attribute.getKey().equals(TemplateCodec.PARTITION_KEY) || attribute.getKey().equals(TemplateCodec.SORT_KEY)) {
                continue;
            }
            condition.names.put("#a" + i, attribute.getKey());
            condition.values.put(":v" + i, attribute.getValue());
            clauses.add("#a" + i + " = :v" + i);
            i++;
        }
        for (String field : absent) {
            condition.names.put("#a" + i, field);
            clauses.add("attribute_not_exists(#a" + i + ")");
            i++;
        }
        condition.names.put("#pk", TemplateCodec.PARTITION_KEY);
        clauses.add("attribute_exists(#pk)");
        condition.expression = String.join(" AND ", clauses);
        return condition;
    }

    private static final class Condition {
        final Map<String, String> names = new HashMap<>();
        final Map<String, AttributeValue> values = new HashMap<>();
        String expression;
    }
}
