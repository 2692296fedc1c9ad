package dev.apitpl.runtime.admin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.runtime.json.Json;
import dev.apitpl.runtime.render.TemplateRenderer;
import dev.apitpl.runtime.store.DynamoDbTemplateStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The admin API's Lambda handler, {@code dev.apitpl.runtime.admin.TemplateAdminLambda::handleRequest}, behind an API
 * Gateway proxy integration (REST API or HTTP API, payload format 1.0 or 2.0). It reads the table named by
 * {@value #TABLE_ENV}, the same variable the generic Lambda reads, and answers in the format the event came in.
 */
public final class TemplateAdminLambda implements RequestStreamHandler {

    /** The handler string a function configuration names. */
    public static final String HANDLER = "dev.apitpl.runtime.admin.TemplateAdminLambda::handleRequest";
    /** The template table's name; shared with the generic Lambda. */
    public static final String TABLE_ENV = DynamoDbTemplateStore.TABLE_ENV;

    private final AdminApi api;
    private final AdminLog log;
    /** Why the handler cannot work (no table configured), answered to every request; null when configured. */
    private final String misconfiguration;

    /**
     * The Lambda runtime's constructor: the table from {@value #TABLE_ENV}, the SDK's default chains. Without the
     * variable, initialisation still succeeds and every request is answered 500 naming it (a failed initialisation
     * would reach the caller as a bare 502 from API Gateway).
     */
    public TemplateAdminLambda() {
        this(System.getenv().getOrDefault(TABLE_ENV, "").trim(), AdminLog.stdout());
    }

    private TemplateAdminLambda(String table, AdminLog log) {
        this.log = log;
        this.misconfiguration = table.isEmpty()
                ? TABLE_ENV + " is not set; set it to the template table's name in the function's environment" : null;
        this.api = table.isEmpty() ? null : api(DynamoDbTemplateStore.defaultClient(), table, log);
    }

    /** For tests and the local endpoint: a given client and table. */
    public TemplateAdminLambda(DynamoDbClient client, String table, AdminLog log) {
        this.log = log;
        this.misconfiguration = null;
        this.api = api(client, table, log);
    }

    private static AdminApi api(DynamoDbClient client, String table, AdminLog log) {
        return new AdminApi(new TemplateTable(client, table), new TemplateRenderer(), log, Clock.systemUTC());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event;
        try {
            event = Json.mapper().readTree(input);
        } catch (JsonProcessingException e) {
            event = null;
        }
        output.write(Json.write(handle(event)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The proxy response to one proxy event (JSON in, JSON out), in the event's payload format. */
    public JsonNode handle(JsonNode event) {
        AdminRequest request;
        try {
            request = ProxyEvents.read(event);
        } catch (IllegalArgumentException e) {
            return refused(event, AdminResponse.error(400, "InvalidEvent", "The admin API handles API Gateway proxy"
                    + " events (payload format 1.0 or 2.0); " + e.getMessage()));
        }
        if (misconfiguration != null) {
            return refused(event, AdminResponse.error(500, "NotConfigured", misconfiguration));
        }
        return ProxyEvents.write(api.handle(request), event);
    }

    /** An answer given before the API sees the request, with its log line. */
    private JsonNode refused(JsonNode event, AdminResponse refusal) {
        AdminLog.Entry entry = new AdminLog.Entry();
        entry.requestId = UUID.randomUUID().toString();
        log.write(entry, refusal, 0);
        return ProxyEvents.write(refusal, event == null || !event.isObject() ? Json.object() : event);
    }
}
