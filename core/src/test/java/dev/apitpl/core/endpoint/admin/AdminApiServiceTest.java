package dev.apitpl.core.endpoint.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.core.endpoint.LocalEndpoint;
import dev.apitpl.runtime.admin.AdminLog;
import dev.apitpl.runtime.json.Json;
import dev.apitpl.runtime.template.TemplateCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The admin API on the local endpoint's one URL, under /admin, beside DynamoDB, over plain HTTP as curl sends it. */
class AdminApiServiceTest {

    private static DynamoDbClient dynamoDb(URI endpoint) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Test
    void curlReachesTheAdminApiAndTheSdkStillReachesDynamoDb() throws Exception {
        AtomicReference<URI> url = new AtomicReference<>();
        List<String> log = new CopyOnWriteArrayList<>();
        AdminApiService admin = new AdminApiService("templates", () -> dynamoDb(url.get()), new AdminLog(log::add));
        try (LocalEndpoint endpoint = LocalEndpoint.builder().handler(admin).start();
             DynamoDbClient client = dynamoDb(endpoint.url())) {
            url.set(endpoint.url());
            client.createTable(b -> b.tableName("templates").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName(TemplateCodec.PARTITION_KEY).attributeType(ScalarAttributeType.S),
                            a -> a.attributeName(TemplateCodec.SORT_KEY).attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName(TemplateCodec.PARTITION_KEY).keyType(KeyType.HASH),
                            k -> k.attributeName(TemplateCodec.SORT_KEY).keyType(KeyType.RANGE)));
            HttpClient http = HttpClient.newHttpClient();

            HttpResponse<String> created = http.send(HttpRequest.newBuilder(endpoint.url().resolve("/admin/templates/ping/GET"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"url\": \"https://api.example.com/ping?q={{ q }}\","
                            + " \"parameters\": {\"properties\": {\"q\": {\"type\": \"string\"}}}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            String etag = created.headers().firstValue("ETag").orElseThrow();

            HttpResponse<String> listed = http.send(HttpRequest.newBuilder(endpoint.url().resolve("/admin/templates?limit=5"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, listed.statusCode(), listed.body());
            JsonNode page = Json.parse(listed.body());
            assertEquals("ping", page.get("templates").get(0).get("name").asText());

            HttpResponse<String> preview = http.send(HttpRequest.newBuilder(
                            endpoint.url().resolve("/admin/templates/ping/GET/render"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"params\": {\"q\": \"a&b\"}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("https://api.example.com/ping?q=a%26b", Json.parse(preview.body()).get("url").asText(), preview.body());

            HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(endpoint.url().resolve("/admin/nothing")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, unknown.statusCode());
            assertEquals("NotFound", Json.parse(unknown.body()).get("error").asText());

            var item = client.getItem(b -> b.tableName("templates").key(TemplateCodec.key("ping", "GET"))).item();
            assertEquals(etag, "\"" + item.get(TemplateCodec.CONTENT_HASH_ATTRIBUTE).s() + "\"");
            assertEquals(4, log.size(), "one line per admin request: " + log);
            assertTrue(log.get(0).contains("\"status\":201"), log.get(0));
        }
    }
}
