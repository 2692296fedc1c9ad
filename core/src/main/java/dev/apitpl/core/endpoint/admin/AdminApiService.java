package dev.apitpl.core.endpoint.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.core.endpoint.EndpointRequest;
import dev.apitpl.core.endpoint.EndpointResponse;
import dev.apitpl.core.endpoint.ServiceHandler;
import dev.apitpl.core.endpoint.apigateway.ProxyIntegration;
import dev.apitpl.runtime.admin.AdminLog;
import dev.apitpl.runtime.admin.ProxyEvents;
import dev.apitpl.runtime.admin.TemplateAdminLambda;
import java.net.URI;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Serves the template admin API ({@link TemplateAdminLambda}) on the local endpoint under {@value #PATH_PREFIX}, as API
 * Gateway would: each request becomes an HTTP API (payload format 2.0) proxy event with the prefix taken off, and the
 * handler's proxy response becomes the HTTP answer. No AWS service is addressed by a path under {@value #PATH_PREFIX}
 * (they use {@code /} with a target header or action, or versioned paths such as {@code /2015-03-31/}), so
 * {@code curl http://127.0.0.1:PORT/admin/templates} never reaches another service.
 */
public final class AdminApiService implements ServiceHandler {

    /** Where the admin API lives on the endpoint: {@code /admin/templates}, {@code /admin/templates/{name}/{method}}. */
    public static final String PATH_PREFIX = "/admin";

    private final Supplier<TemplateAdminLambda> handler;
    private volatile TemplateAdminLambda built;

    /**
     * @param table  the template table
     * @param client a client of the endpoint's DynamoDB, asked for on the first request (the endpoint's URL is known
     *               only once it has started)
     * @param log    where the one JSON line per request goes
     */
    public AdminApiService(String table, Supplier<DynamoDbClient> client, AdminLog log) {
        this.handler = () -> new TemplateAdminLambda(client.get(), table, log);
    }

    /**
     * The admin API over a DynamoDB on this machine (the endpoint's own DynamoDB Local), which takes any credentials.
     *
     * @param dynamoDbUrl the loopback DynamoDB's URL, asked for on the first request
     */
    public static AdminApiService onLoopback(String table, Supplier<URI> dynamoDbUrl, AdminLog log) {
        return new AdminApiService(table, () -> DynamoDbClient.builder().endpointOverride(dynamoDbUrl.get())
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build(), log);
    }

    @Override
    public boolean accepts(EndpointRequest request) {
        String path = request.path();
        return path != null && (path.equals(PATH_PREFIX) || path.startsWith(PATH_PREFIX + "/"));
    }

    @Override
    public EndpointResponse handle(EndpointRequest request) {
        String path = request.path().substring(PATH_PREFIX.length());
        JsonNode response = handler().handle(ProxyEvents.event(ProxyEvents.HTTP_API_FORMAT, request.method(),
                path.isEmpty() ? "/" : path.replace("%", "%25"), ProxyIntegration.rawQuery(request.query()),
                request.headers(), request.body()));
        return ProxyIntegration.response(response, "");
    }

    private TemplateAdminLambda handler() {
        TemplateAdminLambda current = built;
        if (current == null) {
            synchronized (this) {
                if (built == null) {
                    built = handler.get();
                }
                current = built;
            }
        }
        return current;
    }
}
