package dev.apitpl.runtime.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.runtime.http.ApiCaller;
import dev.apitpl.runtime.json.Json;
import dev.apitpl.runtime.store.LocalDynamoDb;
import dev.apitpl.runtime.template.TemplateCodec;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The admin API over real HTTP on 127.0.0.1, each request turned into an API Gateway proxy event of payload format
 * 1.0 (REST API) or 2.0 (HTTP API), against a fresh table in DynamoDB Local.
 */
abstract class AdminApiFixture {

    static {
        // The JDK's HttpClient reads jdk.httpclient.allowRestrictedHeaders once, when its first client is built;
        // ApiCaller sets it for its pinned Host header, so it must come first in this test JVM too, as in the Lambda.
        try {
            Class.forName(ApiCaller.class.getName(), true, AdminApiFixture.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    static final String GET_USER = """
            {
              "url": "https://api.example.com/users/{{ userId }}",
              "headers": {"Authorization": "Bearer {{ secret('API_TOKEN') }}", "Accept": "application/json"},
              "parameters": {"type": "object", "required": ["userId"], "properties": {"userId": {"type": "string"}}},
              "description": "one user"
            }
            """;

    final DynamoDbClient dynamo = LocalDynamoDb.client();
    final String table = LocalDynamoDb.newTemplateTable("admin");
    final List<String> logLines = new CopyOnWriteArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();
    ProxyEventServer server;

    ProxyEventServer start(String format) throws IOException {
        server = new ProxyEventServer(new TemplateAdminLambda(dynamo, table, new AdminLog(logLines::add)), format);
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> putJson(String path, String body, String... headers) throws Exception {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/json";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return send("PUT", path, body, all);
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.parse(response.body());
    }

    Map<String, AttributeValue> item(String name, String method) {
        return dynamo.getItem(request -> request.tableName(table).key(TemplateCodec.key(name, method)).consistentRead(true)).item();
    }

}
