package dev.apitpl.runtime.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Template items written and read through a real (embedded, in-memory) DynamoDB Local. */
class TemplateItemDynamoDbLocalTest {

    private static AmazonDynamoDBLocal database;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void startDynamoDbLocal() {
        database = DynamoDBEmbedded.create(true);
        dynamo = database.dynamoDbClient();
        dynamo.createTable(b -> b.tableName("Templates").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName(TemplateCodec.PARTITION_KEY).attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName(TemplateCodec.SORT_KEY).attributeType(ScalarAttributeType.S).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName(TemplateCodec.PARTITION_KEY).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(TemplateCodec.SORT_KEY).keyType(KeyType.RANGE).build()));
    }

    @AfterAll
    static void stopDynamoDbLocal() {
        database.shutdownNow();
    }

    private static ApiTemplate storeAndRead(ApiTemplate template) {
        dynamo.putItem(b -> b.tableName("Templates").item(TemplateCodec.toAttributeValues(template)));
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName("Templates")
                .key(TemplateCodec.key(template.name(), template.method()))).item();
        return TemplateCodec.fromAttributeValues(item);
    }

    @Test
    void everySampleTemplateComesBackFromDynamoDbLocalUnchanged() {
        for (var file : TemplateFiles.valid()) {
            ApiTemplate template = TemplateCodec.fromJson(TemplateFiles.read(file));

            assertEquals(template, storeAndRead(template), file.toString());
        }
    }
}
