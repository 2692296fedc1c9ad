package dev.apitpl.core.endpoint.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import dev.apitpl.core.endpoint.LocalEndpoint;
import dev.apitpl.core.engine.ExecutionStatus;
import dev.apitpl.core.local.LocalRun;
import dev.apitpl.core.local.LocalSetup;
import dev.apitpl.runtime.admin.AdminLog;
import dev.apitpl.runtime.template.TemplateCodec;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
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

/**
 * A template written and then changed through the admin API on the local endpoint is what the workflow reads from the
 * endpoint's DynamoDB and sends, to a real HTTP server on 127.0.0.1: a change without a redeploy.
 */
class TemplateChangedThroughApiRunsTest {

    private static final Path DEFINITION = Path.of("src/test/resources/local/reference-workflow.asl.json");
    private static final String TEMPLATE = """
            {"url": "{{ baseUrl }}/users/{{ id }}%s", "allowedDestinations": ["127.0.0.1"],
             "parameters": {"properties": {"baseUrl": {"type": "string"}, "id": {"type": "string"}}}}""";

    private static DynamoDbClient dynamoDb(URI endpoint) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Test
    void theWorkflowSendsWhatTheAdminApiWroteAndThenChanged() throws Exception {
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", exchange -> {
            byte[] body = ("{\"path\": \"" + exchange.getRequestURI() + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        api.start();
        AtomicReference<LocalEndpoint> started = new AtomicReference<>();
        try (LocalEndpoint endpoint = LocalEndpoint.builder().handler(AdminApiService.onLoopback("ApiTemplates",
                        () -> started.get().dynamoDbUrl(), new AdminLog(line -> { }))).start();
             DynamoDbClient client = dynamoDb(endpoint.url())) {
            started.set(endpoint);
            client.createTable(b -> b.tableName("ApiTemplates").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName(TemplateCodec.PARTITION_KEY).attributeType(ScalarAttributeType.S),
                            a -> a.attributeName(TemplateCodec.SORT_KEY).attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName(TemplateCodec.PARTITION_KEY).keyType(KeyType.HASH),
                            k -> k.attributeName(TemplateCodec.SORT_KEY).keyType(KeyType.RANGE)));
            URI admin = endpoint.url().resolve("/admin/templates/get-user/GET");
            HttpResponse<String> created = put(admin, TEMPLATE.formatted(""), null);
            assertEquals(201, created.statusCode(), created.body());
            assertEquals("/users/7", run(endpoint, api).result().output().at("/apiResponse/body/path").asText());

            HttpResponse<String> changed = put(admin, TEMPLATE.formatted("?view=full"),
                    created.headers().firstValue("ETag").orElseThrow());
            assertEquals(200, changed.statusCode(), changed.body());
            assertEquals("/users/7?view=full", run(endpoint, api).result().output().at("/apiResponse/body/path").asText());
        } finally {
            api.stop(0);
        }
    }

    private static HttpResponse<String> put(URI uri, String template, String ifMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(template));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static LocalRun.Outcome run(LocalEndpoint endpoint, HttpServer api) throws Exception {
        String input = """
                {"templateName": "get-user", "method": "GET", "params": {"baseUrl": "http://127.0.0.1:%d", "id": "7"}}"""
                .formatted(api.getAddress().getPort());
        LocalSetup setup = LocalSetup.defaults().withDynamoDbEndpoint(endpoint.url()).withSubstitutions(Map.of(
                "TemplateTableName", "ApiTemplates",
                "ApiCallFunctionArn", "arn:aws:lambda:eu-west-1:123456789012:function:api-call"));
        LocalRun.Outcome outcome = LocalRun.run(new LocalRun.Request(DEFINITION, input, setup), line -> { });
        assertEquals(ExecutionStatus.SUCCEEDED, outcome.result().status(), outcome.summary());
        return outcome;
    }
}
