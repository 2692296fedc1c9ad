package dev.apitpl.core.endpoint.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.apitpl.core.endpoint.LambdaInvoker;
import dev.apitpl.core.endpoint.LocalEndpoint;
import dev.apitpl.runtime.json.Json;
import dev.apitpl.runtime.template.TemplateCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The project's own deployable jar ({@code apitpl-runtime-<version>-lambda.jar}) uploaded to the endpoint and invoked
 * as AWS invokes it: its {@code APITPL_*} environment is honoured, it reads its template from the endpoint's DynamoDB
 * (through the injected {@code AWS_ENDPOINT_URL}) and calls a real HTTP server on 127.0.0.1. Skips when the jar was
 * not built ({@code mvn package} or {@code verify} build the runtime module before core's tests). Then the same
 * function, deployed by hand with a version and an alias, is called by a state machine on the endpoint.
 */
public class RuntimeLambdaJarTest {

    private static final String TABLE = "apitpl-templates";
    private static final String HANDLER = "dev.apitpl.runtime.handler.GenericApiCallLambda::handleRequest";

    @Test
    void theRuntimeJarReadsItsTemplateFromTheEndpointAndCallsTheApi() throws Exception {
        Optional<Path> jar = runtimeJar();
        assumeTrue(jar.isPresent(), "runtime/target/apitpl-runtime-*-lambda.jar is not built: run mvn package (or verify)");
        List<String> calls = new CopyOnWriteArrayList<>();
        HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/", exchange -> {
            calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            byte[] body = "{\"id\":\"u-7\",\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        api.start();
        try (LocalEndpoint endpoint = LocalEndpoint.builder().port(0).log(line -> { }).start();
             DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(endpoint.url()).region(Region.US_EAST_1)
                     .httpClient(UrlConnectionHttpClient.create())
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
             LambdaClient lambda = RunningLambda.client(endpoint.url().toString())) {
            createTable(dynamo);
            String url = "http://127.0.0.1:" + api.getAddress().getPort() + "/users/{{ id }}";
            dynamo.putItem(b -> b.tableName(TABLE).item(TemplateCodec.toAttributeValues(TemplateCodec.fromJson(
                    "{\"name\":\"getUser\",\"method\":\"GET\",\"url\":\"" + url + "\"}"))));
            byte[] code = Files.readAllBytes(jar.get());
            lambda.createFunction(b -> b.functionName("apitpl-generic").runtime(Runtime.JAVA21).handler(HANDLER)
                    .memorySize(512).timeout(30).role("arn:aws:iam::123456789012:role/apitpl-lambda")
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(code)))
                    .environment(e -> e.variables(Map.of("APITPL_TEMPLATE_TABLE", TABLE, "APITPL_ALLOWED_DESTINATIONS", "127.0.0.1"))));
            lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("apitpl-generic"));

            InvokeResponse response = lambda.invoke(b -> b.functionName("apitpl-generic").payload(SdkBytes.fromUtf8String(
                    "{\"templateName\":\"getUser\",\"method\":\"GET\",\"params\":{\"id\":\"u-7\"}}")));
            assertNull(response.functionError(), response.payload().asUtf8String());
            JsonNode result = Json.parse(response.payload().asUtf8String());
            assertEquals(200, result.get("statusCode").asInt());
            assertEquals("Ada", result.get("body").get("name").asText());
            assertEquals(List.of("GET /users/u-7"), calls);

            // the Step Functions path: same function, an unknown template, the error name a Catch sees
            LambdaInvoker.Invocation missing = endpoint.lambdaInvoker().invoke(
                    "arn:aws:lambda:us-east-1:123456789012:function:apitpl-generic", null,
                    "{\"templateName\":\"nope\",\"method\":\"GET\",\"params\":{}}");
            assertEquals("Unhandled", missing.functionError());
            assertEquals("dev.apitpl.runtime.error.TemplateNotFoundException",
                    Json.parse(missing.payload()).get("errorType").asText());

            // deployed by hand: a version, an alias and a state machine calling the alias; a Catch sees the error name
            String version = lambda.publishVersion(b -> b.functionName("apitpl-generic")).version();
            lambda.createAlias(b -> b.functionName("apitpl-generic").name("live").functionVersion(version));
            try (SfnClient sfn = SfnClient.builder().endpointOverride(endpoint.url()).region(Region.US_EAST_1)
                    .httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build()) {
                String machine = sfn.createStateMachine(b -> b.name("seed-workflow").definition(WORKFLOW)
                        .roleArn("arn:aws:iam::123456789012:role/apitpl-sfn")).stateMachineArn();
                JsonNode found = Json.parse(awaitOutput(sfn, sfn.startExecution(b -> b.stateMachineArn(machine)
                        .input("{\"template\":\"getUser\",\"params\":{\"id\":\"u-7\"}}")).executionArn()));
                assertEquals(200, found.get("apiResponse").get("statusCode").asInt());
                assertEquals("Ada", found.get("apiResponse").get("body").get("name").asText());
                assertEquals(List.of("GET /users/u-7", "GET /users/u-7"), calls);
                JsonNode caught = Json.parse(awaitOutput(sfn, sfn.startExecution(b -> b.stateMachineArn(machine)
                        .input("{\"template\":\"nope\",\"params\":{}}")).executionArn()));
                assertEquals("dev.apitpl.runtime.error.TemplateNotFoundException", caught.get("error").get("Error").asText());
            }
        } finally {
            api.stop(0);
        }
    }

    /** Calls the function through its alias and branches on the status; an unknown template is caught by name. */
    private static final String WORKFLOW = "{\"StartAt\":\"CallApi\",\"States\":{"
            + "\"CallApi\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\",\"Parameters\":{"
            + "\"FunctionName\":\"arn:aws:lambda:us-east-1:123456789012:function:apitpl-generic:live\","
            + "\"Payload\":{\"templateName.$\":\"$.template\",\"method\":\"GET\",\"params.$\":\"$.params\"}},"
            + "\"ResultSelector\":{\"statusCode.$\":\"$.Payload.statusCode\",\"body.$\":\"$.Payload.body\"},"
            + "\"ResultPath\":\"$.apiResponse\",\"Next\":\"Branch\","
            + "\"Catch\":[{\"ErrorEquals\":[\"dev.apitpl.runtime.error.TemplateNotFoundException\"],\"ResultPath\":\"$.error\","
            + "\"Next\":\"NotFound\"}]},"
            + "\"Branch\":{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$.apiResponse.statusCode\",\"NumericEquals\":200,"
            + "\"Next\":\"Done\"}],\"Default\":\"Failed\"},"
            + "\"NotFound\":{\"Type\":\"Pass\",\"End\":true},"
            + "\"Done\":{\"Type\":\"Succeed\"},\"Failed\":{\"Type\":\"Fail\",\"Error\":\"ApiFailed\"}}}";

    private static String awaitOutput(SfnClient sfn, String execution) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            DescribeExecutionResponse described = sfn.describeExecution(b -> b.executionArn(execution));
            if (described.status() != ExecutionStatus.RUNNING) {
                assertEquals(ExecutionStatus.SUCCEEDED, described.status(), described.error() + ": " + described.cause());
                return described.output();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("execution still running after 120 s: " + execution);
    }

    private static void createTable(DynamoDbClient dynamo) {
        dynamo.createTable(b -> b.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName(TemplateCodec.PARTITION_KEY).attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName(TemplateCodec.SORT_KEY).attributeType(ScalarAttributeType.S).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName(TemplateCodec.PARTITION_KEY).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(TemplateCodec.SORT_KEY).keyType(KeyType.RANGE).build()));
    }

    /** The shaded jar in the reactor (runtime/target), else in the local Maven repository; or -Dapitpl.runtime.jar. */
    public static Optional<Path> runtimeJar() throws IOException {
        String configured = System.getProperty("apitpl.runtime.jar");
        if (configured != null) {
            return Optional.of(Paths.get(configured)).filter(Files::isRegularFile);
        }
        for (Path dir : List.of(Paths.get("..", "runtime", "target"), Paths.get("runtime", "target"),
                Paths.get(System.getProperty("user.home"), ".m2", "repository", "dev", "apitpl", "apitpl-runtime"))) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.walk(dir, 2)) {
                    Optional<Path> found = files.filter(p -> p.getFileName().toString().matches("apitpl-runtime-.*-lambda\\.jar"))
                            .max(Comparator.comparing(p -> p.toFile().lastModified()));
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
        }
        return Optional.empty();
    }
}
