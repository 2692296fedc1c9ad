package dev.apitpl.core.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitpl.core.endpoint.dynamodb.DynamoDbFaults;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** DynamoDB through the endpoint's one URL with the real SDK client: one shared database, faults, restarts. */
class LocalEndpointDynamoDbTest {

    private static void createTable(DynamoDbClient client, String table) {
        client.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("PK").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("PK").keyType(KeyType.HASH)));
    }

    private static Map<String, AttributeValue> item(String key) {
        return Map.of("PK", AttributeValue.fromS(key), "v", AttributeValue.fromN("1"));
    }

    @Test
    void oneSharedDatabaseWhateverTheRegionAndCredentials() throws Exception {
        try (LocalEndpoint endpoint = LocalEndpoint.builder().start();
             DynamoDbClient client = EndpointClients.dynamoDb(endpoint.url())) {
            createTable(client, "templates");
            client.putItem(b -> b.tableName("templates").item(item("a")));
            // A raw request signed for another region and key still sees the same table.
            HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.url())
                    .header("X-Amz-Target", "DynamoDB_20120810.GetItem")
                    .header("Content-Type", "application/x-amz-json-1.0")
                    .header("Authorization", "AWS4-HMAC-SHA256 Credential=OTHERKEY/20260101/ap-south-1/dynamodb/"
                            + "aws4_request, SignedHeaders=host, Signature=00")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"TableName\":\"templates\",\"Key\":{\"PK\":{\"S\":\"a\"}}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, raw.statusCode(), raw.body());
            assertTrue(raw.body().contains("\"v\":{\"N\":\"1\"}"), raw.body());
            assertNotNull(raw.headers().firstValue("x-amzn-RequestId").orElse(null));
        }
    }

    @Test
    void throttledWritesAreRefusedAsAwsDoes() throws Exception {
        try (LocalEndpoint endpoint = LocalEndpoint.builder().dynamoDbFaults(new DynamoDbFaults(1, 0, 7)).start();
             DynamoDbClient client = EndpointClients.dynamoDb(endpoint.url())) {
            createTable(client, "items");
            ProvisionedThroughputExceededException thrown = assertThrows(ProvisionedThroughputExceededException.class,
                    () -> client.putItem(b -> b.tableName("items").item(item("a"))));
            assertEquals(400, thrown.statusCode());
            // Reads are never throttled.
            assertEquals(0, client.scan(b -> b.tableName("items")).count());
        }
    }

    @Test
    void batchWritesHandBackUnprocessedItemsThatARetryThenWrites() throws Exception {
        try (LocalEndpoint endpoint = LocalEndpoint.builder().dynamoDbFaults(new DynamoDbFaults(0, 0.5, 42)).start();
             DynamoDbClient client = EndpointClients.dynamoDb(endpoint.url())) {
            createTable(client, "items");
            List<WriteRequest> writes = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item("k" + i)).build()).build());
            }
            Map<String, List<WriteRequest>> pending = Map.of("items", writes);
            int rounds = 0;
            int heldBackFirstTime = -1;
            while (!pending.isEmpty() && rounds++ < 50) {
                Map<String, List<WriteRequest>> batch = pending;
                BatchWriteItemResponse answer = client.batchWriteItem(b -> b.requestItems(batch));
                pending = answer.unprocessedItems();
                if (heldBackFirstTime < 0) {
                    heldBackFirstTime = pending.getOrDefault("items", List.of()).size();
                }
            }
            assertTrue(heldBackFirstTime > 0 && heldBackFirstTime < 20, "held back " + heldBackFirstTime);
            assertTrue(pending.isEmpty(), "still unprocessed after retries: " + pending);
            assertEquals(20, client.scan(b -> b.tableName("items")).count());
        }
    }

    @Test
    void tablesSurviveARestartWithAStateFolder(@TempDir Path state) throws Exception {
        try (LocalEndpoint endpoint = LocalEndpoint.builder().stateDir(state).start();
             DynamoDbClient client = EndpointClients.dynamoDb(endpoint.url())) {
            createTable(client, "kept");
            client.putItem(b -> b.tableName("kept").item(item("a")));
        }
        try (LocalEndpoint endpoint = LocalEndpoint.builder().stateDir(state).start();
             DynamoDbClient client = EndpointClients.dynamoDb(endpoint.url())) {
            assertEquals(List.of("kept"), client.listTables().tableNames());
            assertEquals("1", client.getItem(b -> b.tableName("kept").key(Map.of("PK", AttributeValue.fromS("a"))))
                    .item().get("v").n());
        }
    }

    @Test
    void closingFreesThePortAndATakenPortIsNamed() throws Exception {
        int port;
        try (LocalEndpoint endpoint = LocalEndpoint.builder().start()) {
            port = endpoint.port();
            URI url = endpoint.url();
            assertEquals("http://127.0.0.1:" + port, url.toString());
            java.io.IOException taken = assertThrows(java.io.IOException.class,
                    () -> LocalEndpoint.builder().port(port).start());
            assertTrue(taken.getMessage().contains("Port " + port + " on 127.0.0.1 is in use"), taken.getMessage());
        }
        try (ServerSocket again = new ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertEquals(port, again.getLocalPort());
        }
    }
}
