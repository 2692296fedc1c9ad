package dev.apitpl.core.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.core.endpoint.LocalEndpoint;
import dev.apitpl.core.endpoint.lambda.RuntimeLambdaJarTest;
import dev.apitpl.core.policy.PolicyService;
import dev.apitpl.runtime.admin.AdminApi;
import dev.apitpl.runtime.json.Json;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.apigatewayv2.model.AuthorizationType;
import software.amazon.awssdk.services.apigatewayv2.model.NotFoundException;

/**
 * Deploy publishes the template admin API on the project's local endpoint, through the counting proxy, with the real
 * SDK clients: its role (exactly the admin policy), its function (the runtime jar, its handler), an HTTP API with IAM
 * auth in front of it. Then templates are written and read through the deployed API over real HTTP, signed with
 * SigV4; an unchanged rerun writes nothing; a lost permission is put back; destroy removes the API and the function.
 */
class AdminApiDeployOnLocalEndpointTest {

    @TempDir
    Path project;
    private final List<String> log = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void deployServesTheAdminApiOverIamAuthAndDestroyRemovesIt() throws Exception {
        Optional<Path> jar = RuntimeLambdaJarTest.runtimeJar();
        assumeTrue(jar.isPresent(), "runtime/target/apitpl-runtime-*-lambda.jar is not built: run mvn package (or verify)");
        try (LocalEndpoint endpoint = LocalEndpoint.builder().log(log::add).start();
             FaultProxy proxy = new FaultProxy(endpoint.url());
             AwsClients aws = AwsClients.create(new AwsConnection(null, null, proxy.endpoint()))) {
            WorkflowPublisher publisher = new WorkflowPublisher(aws, log::add, project.resolve("report"));
            WorkflowDeployment deployment = adminDeployment(jar.get());
            publisher.deploy(deployment, WorkflowPublisherTest.CREATE_TABLE);
            String url = Json.mapper().readTree(project.resolve("report/deploy-report.json").toFile()).path("adminApiUrl").asText();
            assertTrue(url.startsWith(endpoint.url() + "/_aws/execute-api/"), url);

            // the role: exactly the DynamoDB actions the handler uses, on the one table
            String roleName = RolePublisher.roleName("api-call-adm-admin", PolicyService.ADMIN_API_ROLE);
            JsonNode policy = Json.parse(URLDecoder.decode(aws.iam().getRolePolicy(b -> b.roleName(roleName)
                    .policyName(PolicyService.ADMIN_API_ROLE)).policyDocument(), StandardCharsets.UTF_8));
            JsonNode manage = statement(policy, PolicyService.SID_MANAGE_TEMPLATES);
            assertEquals(AdminApi.DYNAMODB_ACTIONS, Json.mapper().convertValue(manage.get("Action"), List.class));
            assertEquals("arn:aws:dynamodb:us-east-1:" + LocalEndpoint.ACCOUNT_ID + ":table/templates-adm",
                    manage.path("Resource").isArray() ? manage.path("Resource").get(0).asText() : manage.path("Resource").asText());
            var function = aws.lambda().getFunction(b -> b.functionName("api-call-adm-admin")).configuration();
            assertEquals("dev.apitpl.runtime.admin.TemplateAdminLambda::handleRequest", function.handler());
            assertTrue(function.role().endsWith("role/" + roleName), function.role());
            assertEquals(Map.of("APITPL_TEMPLATE_TABLE", "templates-adm"), function.environment().variables());

            // the API: IAM auth on every route, a $default stage that deploys itself
            String apiId = url.substring(url.lastIndexOf('/') + 1);
            var routes = aws.apiGateway().getRoutes(b -> b.apiId(apiId)).items();
            assertEquals(Set.of("ANY /templates", "ANY /templates/{proxy+}"),
                    Set.copyOf(routes.stream().map(r -> r.routeKey()).toList()));
            routes.forEach(route -> assertEquals(AuthorizationType.AWS_IAM, route.authorizationType(), route.routeKey()));

            assertEquals(403, send("GET", url + "/templates", null, false).statusCode(), "unsigned: refused");
            String template = "{\"url\": \"https://api.example.com/orders/{{ id }}\", \"parameters\": {\"type\": \"object\","
                    + " \"properties\": {\"id\": {\"type\": \"string\"}}, \"required\": [\"id\"]}}";
            HttpResponse<String> created = send("PUT", url + "/templates/getOrder/GET", template, true);
            assertEquals(201, created.statusCode(), created.body());
            String etag = created.headers().firstValue("ETag").orElseThrow();
            HttpResponse<String> read = send("GET", url + "/templates/getOrder/GET", null, true);
            assertEquals(200, read.statusCode(), read.body());
            assertEquals(etag, read.headers().firstValue("ETag").orElseThrow());
            assertEquals("https://api.example.com/orders/{{ id }}", Json.parse(read.body()).path("url").asText());
            assertNotNull(aws.dynamoDb().getItem(b -> b.tableName("templates-adm").consistentRead(true).key(Map.of(
                    "PK", av("getOrder"), "SK", av("GET")))).item().get("url"), "written through the deployed API");
            HttpResponse<String> listed = send("GET", url + "/templates?limit=10", null, true);
            assertEquals(2, Json.parse(listed.body()).path("templates").size(), listed.body());

            proxy.resetCounts();
            DeployPlan again = publisher.deploy(deployment, WorkflowPublisherTest.CREATE_TABLE);
            assertTrue(again.unchanged(), again.lines().toString());
            assertEquals(0, proxy.mutatingCalls(), "an unchanged deploy makes no write call: " + proxy.calls());
            assertTrue(again.lines().stream().anyMatch(line -> line.startsWith("admin API api-call-adm-admin: unchanged")),
                    again.lines().toString());

            // API Gateway may invoke the function only with its permission: without it the API answers 500
            aws.lambda().removePermission(b -> b.functionName("api-call-adm-admin").qualifier("live")
                    .statementId(AdminApiPublisher.STATEMENT_ID));
            assertEquals(500, send("GET", url + "/templates/getOrder/GET", null, true).statusCode());
            DeployPlan plan = publisher.plan(deployment, TemplateSeeder.Options.DEFAULT);
            assertTrue(plan.lines().stream().anyMatch(line -> line.contains("permission for apigateway.amazonaws.com from "
                    + "arn:aws:execute-api:us-east-1:" + LocalEndpoint.ACCOUNT_ID + ":" + apiId + "/*")), plan.lines().toString());
            publisher.deploy(deployment, WorkflowPublisherTest.CREATE_TABLE);
            assertEquals(200, send("GET", url + "/templates/getOrder/GET", null, true).statusCode());

            List<String> destroyed = publisher.destroy(deployment, false, false);
            assertTrue(destroyed.stream().anyMatch(line -> line.startsWith("admin API api-call-adm-admin deleted")), destroyed.toString());
            assertThrows(NotFoundException.class, () -> aws.apiGateway().getApi(b -> b.apiId(apiId)));
            assertEquals(404, send("GET", url + "/templates", null, true).statusCode());
            assertThrows(Exception.class, () -> aws.lambda().getFunction(b -> b.functionName("api-call-adm-admin")));
        }
    }

    @Test
    void withoutCreateRolesTheAdminFunctionNeedsItsRole() throws Exception {
        WorkflowDeployment declared = WorkflowPublisherTest.deployment(project, "n", "v1", 512, null, "arn:aws:iam::1:role/f",
                "arn:aws:iam::1:role/s").withAdminApi(new WorkflowDeployment.AdminApi(true, null));
        PublishException e = assertThrows(PublishException.class, () -> WorkflowPublisher.check(declared));
        assertTrue(e.getMessage().contains("<adminFunctionRoleArn> (-Dapitpl.adminFunctionRoleArn=")
                && e.getMessage().contains("-Dapitpl.createRoles=true"), e.getMessage());
    }

    /** The reference workflow with the runtime jar, roles created by deploy and the admin API on. */
    private WorkflowDeployment adminDeployment(Path jar) throws Exception {
        WorkflowDeployment base = WorkflowPublisherTest.deployment(project, "adm", "v1", 512, null, null, null);
        WorkflowDeployment.LambdaFunction f = base.function();
        return new WorkflowDeployment(base.definition(), base.substitutions(), base.templatesDirectory(), base.templateTable(),
                new WorkflowDeployment.LambdaFunction(f.name(), jar, f.handler(), f.runtime(), f.memoryMb(),
                        f.timeoutSeconds(), null, f.environment(), f.alias(), false),
                base.stateMachine(), base.placeholders(), base.allowedDestinations(), true,
                new WorkflowDeployment.AdminApi(true, null));
    }

    private static JsonNode statement(JsonNode policy, String sid) {
        for (JsonNode statement : policy.path("Statement")) {
            if (sid.equals(statement.path("Sid").asText())) {
                return statement;
            }
        }
        throw new AssertionError("no statement " + sid + " in " + policy);
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue av(String value) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(value);
    }

    /** One request to the deployed API, signed with SigV4 for execute-api when {@code sign}. */
    private HttpResponse<String> send(String method, String url, String body, boolean sign) throws Exception {
        URI uri = URI.create(url);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (sign) {
            SdkHttpFullRequest.Builder unsigned = SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
            if (body != null) {
                unsigned.putHeader("Content-Type", "application/json");
            }
            SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                    .identity(AwsCredentialsIdentity.create("AKIDLOCALTEST", "local-secret"))
                    .request(unsigned.build())
                    .payload(body == null ? null : ContentStreamProvider.fromUtf8String(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
            signed.request().headers().forEach((name, values) -> {
                if (!Set.of("host", "content-type", "content-length").contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(value -> request.header(name, value));
                }
            });
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
