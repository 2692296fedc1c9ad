package dev.apitpl.core.local;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * DynamoDB Local 2.6 running inside this JVM, in memory: no port, no files, nothing to install.
 * Version 2.6 ships the sqlite4java native libraries inside its own jar and extracts the one for
 * this platform on first use, so a clean local Maven repository is enough. {@link #close()} shuts
 * it down; each instance is an independent, empty database.
 */
public final class LocalDynamoDb implements AutoCloseable {

    /** Partition key of the template table: the template name. */
    public static final String PARTITION_KEY = "PK";
    /** Sort key of the template table: the HTTP method. */
    public static final String SORT_KEY = "SK";

    private final AmazonDynamoDBLocal database;
    private final DynamoDbClient client;

    private LocalDynamoDb(AmazonDynamoDBLocal database) {
        this.database = database;
        this.client = database.dynamoDbClient();
    }

    /** Starts an empty in-memory database. */
    public static LocalDynamoDb start() {
        return new LocalDynamoDb(DynamoDBEmbedded.create(true));
    }

    /** A client of this database; valid until {@link #close()}. */
    public DynamoDbClient client() {
        return client;
    }

    /** Creates a table keyed like the template table: string {@value #PARTITION_KEY} and {@value #SORT_KEY}, on demand. */
    public void createTemplateTable(String tableName) {
        createTable(tableName, PARTITION_KEY, SORT_KEY);
    }

    /** Creates an on-demand table with string partition and sort keys of the given names. */
    public void createTable(String tableName, String partitionKey, String sortKey) {
        client.createTable(b -> b.tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName(partitionKey).attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName(sortKey).attributeType(ScalarAttributeType.S).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName(partitionKey).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(sortKey).keyType(KeyType.RANGE).build()));
    }

    /** Puts {@code item} into {@code tableName}. */
    public void put(String tableName, Map<String, AttributeValue> item) {
        client.putItem(b -> b.tableName(tableName).item(item));
    }

    @Override
    public void close() {
        database.shutdownNow();
    }
}
