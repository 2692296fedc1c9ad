package dev.apitpl.core.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.AuthorizationType;
import software.amazon.awssdk.services.apigatewayv2.model.BadRequestException;
import software.amazon.awssdk.services.apigatewayv2.model.ConflictException;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.NotFoundException;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * The endpoint's API Gateway v2 control plane with the real SDK client: AWS's fields and errors, APIs kept in the
 * state folder; and its data plane's answers before any function is reached (unknown API, no stage, no route).
 */
class HttpApiTest {

    @TempDir
    Path state;

    @Test
    void apisIntegrationsRoutesAndStagesWithAwsErrors() throws Exception {
        String apiId;
        try (LocalEndpoint endpoint = LocalEndpoint.builder().stateDir(state).log(line -> { }).start();
             ApiGatewayV2Client api = client(endpoint)) {
            var created = api.createApi(b -> b.name("admin").protocolType(ProtocolType.HTTP));
            apiId = created.apiId();
            assertEquals(endpoint.url() + "/_aws/execute-api/" + apiId, created.apiEndpoint());
            assertEquals("admin", api.getApi(b -> b.apiId(apiId)).name());
            assertEquals(1, api.getApis(b -> { }).items().size());
            NotFoundException unknown = assertThrows(NotFoundException.class, () -> api.getApi(b -> b.apiId("nosuch1")));
            assertTrue(unknown.getMessage().contains("Invalid API identifier specified"), unknown.getMessage());
            assertEquals(404, unknown.statusCode());
            assertThrows(BadRequestException.class, () -> api.createIntegration(b -> b.apiId(apiId)
                    .integrationType(IntegrationType.AWS_PROXY).integrationUri("arn:aws:lambda:us-east-1:123456789012:function:f")));
            String integration = api.createIntegration(b -> b.apiId(apiId).integrationType(IntegrationType.AWS_PROXY)
                    .integrationUri("arn:aws:lambda:us-east-1:123456789012:function:f").payloadFormatVersion("2.0")).integrationId();
            assertThrows(BadRequestException.class, () -> api.createRoute(b -> b.apiId(apiId).routeKey("FETCH /x")));
            assertThrows(BadRequestException.class, () -> api.createRoute(b -> b.apiId(apiId).routeKey("GET /x")
                    .target("integrations/nosuch")));
            api.createRoute(b -> b.apiId(apiId).routeKey("ANY /templates").authorizationType(AuthorizationType.AWS_IAM)
                    .target("integrations/" + integration));
            assertThrows(ConflictException.class, () -> api.createRoute(b -> b.apiId(apiId).routeKey("ANY /templates")));
            HttpClient http = HttpClient.newHttpClient();
            assertEquals(404, get(http, created.apiEndpoint() + "/templates").statusCode(), "no stage yet");
            api.createStage(b -> b.apiId(apiId).stageName("$default").autoDeploy(true));
            assertThrows(ConflictException.class, () -> api.createStage(b -> b.apiId(apiId).stageName("$default")));
            assertEquals(403, get(http, created.apiEndpoint() + "/templates").statusCode(), "AWS_IAM: unsigned is refused");
            HttpResponse<String> noRoute = get(http, created.apiEndpoint() + "/other");
            assertEquals(404, noRoute.statusCode());
            assertEquals("{\"message\":\"Not Found\"}", noRoute.body());
            assertEquals(404, get(http, endpoint.url() + "/_aws/execute-api/nosuch1/templates").statusCode());
        }
        try (LocalEndpoint restarted = LocalEndpoint.builder().stateDir(state).log(line -> { }).start();
             ApiGatewayV2Client api = client(restarted)) {
            assertEquals(1, api.getRoutes(b -> b.apiId(apiId)).items().size(), "kept in the state folder");
            api.deleteApi(b -> b.apiId(apiId));
            assertThrows(NotFoundException.class, () -> api.getRoutes(b -> b.apiId(apiId)));
        }
    }

    private static ApiGatewayV2Client client(LocalEndpoint endpoint) {
        return ApiGatewayV2Client.builder().endpointOverride(endpoint.url()).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
