package dev.apitpl.core.engine.task;

import dev.apitpl.core.engine.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apitpl.core.local.LocalDynamoDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The optimized DynamoDB integration against DynamoDB Local: AWS's request and response shapes and error names. */
class DynamoDbIntegrationTest {

    private static final ObjectMapper JSON = Json.MAPPER;
    private static LocalDynamoDb database;
    private static DynamoDbIntegration dynamoDb;

    @BeforeAll
    static void startDatabase() {
        database = LocalDynamoDb.start();
        database.createTemplateTable("Templates");
        dynamoDb = new DynamoDbIntegration(database.client());
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    private static JsonNode call(String operation, String parameters) throws Exception {
        return dynamoDb.invoke(new TaskRequest("State", "arn:aws:states:::dynamodb:" + operation,
                JSON.readTree(parameters), 0, null));
    }

    @Test
    void putThenGetReturnsTheItemInDynamoDbJson() throws Exception {
        call("putItem", """
                {"TableName": "Templates", "Item": {"PK": {"S": "users"}, "SK": {"S": "GET"},
                 "retries": {"N": "3"}, "tags": {"SS": ["a", "b"]}, "spec": {"M": {"url": {"S": "https://x"}}}}}""");

        JsonNode result = call("getItem", """
                {"TableName": "Templates", "Key": {"PK": {"S": "users"}, "SK": {"S": "GET"}}}""");

        assertEquals(JSON.readTree("""
                {"PK": {"S": "users"}, "SK": {"S": "GET"}, "retries": {"N": "3"}, "tags": {"SS": ["a", "b"]},
                 "spec": {"M": {"url": {"S": "https://x"}}}}"""), result.get("Item"));
        assertEquals(200, result.at("/SdkHttpMetadata/HttpStatusCode").asInt());
        assertTrue(result.at("/SdkResponseMetadata/RequestId").isTextual());
    }

    @Test
    void getOfAnAbsentItemHasNoItemKey() throws Exception {
        JsonNode result = call("getItem", """
                {"TableName": "Templates", "Key": {"PK": {"S": "nobody"}, "SK": {"S": "GET"}}}""");

        assertFalse(result.has("Item"), result.toString());
    }

    @Test
    void updateAndDeleteReturnTheRequestedAttributes() throws Exception {
        call("putItem", """
                {"TableName": "Templates", "Item": {"PK": {"S": "orders"}, "SK": {"S": "POST"}, "count": {"N": "1"}}}""");

        JsonNode updated = call("updateItem", """
                {"TableName": "Templates", "Key": {"PK": {"S": "orders"}, "SK": {"S": "POST"}},
                 "UpdateExpression": "SET #c = #c + :one", "ExpressionAttributeNames": {"#c": "count"},
                 "ExpressionAttributeValues": {":one": {"N": "1"}}, "ReturnValues": "UPDATED_NEW"}""");
        JsonNode deleted = call("deleteItem", """
                {"TableName": "Templates", "Key": {"PK": {"S": "orders"}, "SK": {"S": "POST"}}, "ReturnValues": "ALL_OLD"}""");
        JsonNode afterDelete = call("getItem", """
                {"TableName": "Templates", "Key": {"PK": {"S": "orders"}, "SK": {"S": "POST"}}}""");

        assertEquals(JSON.readTree("{\"count\": {\"N\": \"2\"}}"), updated.get("Attributes"));
        assertEquals("2", deleted.at("/Attributes/count/N").asText());
        assertFalse(afterDelete.has("Item"));
    }

    @Test
    void aMissingTableIsReportedAsAwsNamesIt() {
        TaskFailedException failure = assertThrows(TaskFailedException.class, () -> call("getItem", """
                {"TableName": "NoSuchTable", "Key": {"PK": {"S": "a"}, "SK": {"S": "b"}}}"""));

        assertEquals("DynamoDB.ResourceNotFoundException", failure.error());
        assertTrue(failure.cause().contains("Error Code: ResourceNotFoundException"), failure.cause());
    }

    @Test
    void aFailedConditionIsReportedAsAwsNamesIt() throws Exception {
        call("putItem", """
                {"TableName": "Templates", "Item": {"PK": {"S": "taken"}, "SK": {"S": "GET"}}}""");

        TaskFailedException failure = assertThrows(TaskFailedException.class, () -> call("putItem", """
                {"TableName": "Templates", "Item": {"PK": {"S": "taken"}, "SK": {"S": "GET"}},
                 "ConditionExpression": "attribute_not_exists(PK)"}"""));

        assertEquals("DynamoDB.ConditionalCheckFailedException", failure.error());
    }

    @Test
    void anUnknownParameterNamesTheAllowedOnes() {
        TaskFailedException failure = assertThrows(TaskFailedException.class, () -> call("getItem", """
                {"TableName": "Templates", "Keys": {}}"""));

        assertEquals("States.Runtime", failure.error());
        assertTrue(failure.cause().contains("'Keys'") && failure.cause().contains("Key"), failure.cause());
    }

    @Test
    void handlesOnlyTheFourItemOperations() {
        assertTrue(dynamoDb.handles("arn:aws:states:::dynamodb:updateItem"));
        assertFalse(dynamoDb.handles("arn:aws:states:::dynamodb:query"));
        assertFalse(dynamoDb.handles("arn:aws:states:::lambda:invoke"));
    }
}
