package dev.apitpl.runtime.store;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import dev.apitpl.runtime.template.TemplateCodec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * DynamoDB Local 2.6.1, embedded in the test JVM and in memory: no port, no process. Its jar carries the
 * sqlite4java native libraries and unpacks the one for this platform itself, so a clean ~/.m2 needs no
 * extra Maven step. Started once per test JVM because it takes seconds.
 */
public final class LocalDynamoDb {

    private static AmazonDynamoDBLocal local;

    private LocalDynamoDb() {
    }

    public static synchronized DynamoDbClient client() {
        if (local == null) {
            local = DynamoDBEmbedded.create(true);
            Runtime.getRuntime().addShutdownHook(new Thread(local::shutdownNow));
        }
        return local.dynamoDbClient();
    }

    /** Creates a template table (PK = name, SK = method) under a fresh name and returns the name. */
    public static String newTemplateTable(String prefix) {
        String table = prefix + "-" + System.nanoTime();
        client().createTable(request -> request.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName(TemplateCodec.PARTITION_KEY).attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName(TemplateCodec.SORT_KEY).attributeType(ScalarAttributeType.S).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName(TemplateCodec.PARTITION_KEY).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(TemplateCodec.SORT_KEY).keyType(KeyType.RANGE).build()));
        return table;
    }
}
