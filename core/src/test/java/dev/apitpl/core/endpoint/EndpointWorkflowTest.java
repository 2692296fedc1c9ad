package dev.apitpl.core.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.apitpl.core.engine.task.LambdaFunctions;
import dev.apitpl.runtime.template.TemplateCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * The seed workflow end to end over HTTP: the template table created and filled through the endpoint's DynamoDB, the
 * reference state machine created through its Step Functions, executions calling a real HTTP API on 127.0.0.1
 * through the generic Lambda (in-process here; on the endpoint's Lambda service in the Lambda tests); then many at once, a restart with a state folder, and a shutdown mid-flight.
 */
class EndpointWorkflowTest {

    /** The reference workflow's Lambda runs in-process (the generic Lambda), with no function to create first. */
    static final LambdaFunctions IN_PROCESS = LambdaFunctions.builder().build();
    private static final Path REFERENCE = Path.of("src/test/resources/local/reference-workflow.asl.json");
    private HttpServer api;
    private final AtomicInteger calls = new AtomicInteger();

    @BeforeEach
    void startApi() throws IOException {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.setExecutor(Executors.newFixedThreadPool(8));
        api.createContext("/users/", exchange -> {
            calls.incrementAndGet();
            String id = exchange.getRequestURI().getPath().substring("/users/".length());
            byte[] body = ("{\"id\": " + id + ", \"name\": \"user " + id + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        api.start();
    }

    @AfterEach
    void stopApi() {
        api.stop(0);
    }

    /** Creates and fills the template table and creates the reference state machine; returns its ARN. */
    static String seed(LocalEndpoint endpoint, String machineName) throws IOException {
        try (DynamoDbClient dynamoDb = EndpointClients.dynamoDb(endpoint.url());
             SfnClient sfn = EndpointClients.sfn(endpoint.url())) {
            dynamoDb.createTable(b -> b.tableName("ApiTemplates").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName("PK").attributeType(ScalarAttributeType.S),
                            a -> a.attributeName("SK").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("PK").keyType(KeyType.HASH),
                            k -> k.attributeName("SK").keyType(KeyType.RANGE)));
            dynamoDb.putItem(b -> b.tableName("ApiTemplates").item(TemplateCodec.toAttributeValues(TemplateCodec.fromJson(
                    "{\"name\": \"get-user\", \"method\": \"GET\", \"url\": \"{{ baseUrl }}/users/{{ id }}\","
                            + " \"allowedDestinations\": [\"127.0.0.1\"]}"))));
            String definition = Files.readString(REFERENCE).replace("${TemplateTableName}", "ApiTemplates")
                    .replace("${ApiCallFunctionArn}", "arn:aws:lambda:us-east-1:" + LocalEndpoint.ACCOUNT_ID
                            + ":function:api-call");
            return sfn.createStateMachine(b -> b.name(machineName).definition(definition)
                    .roleArn(StepFunctionsApiTest.ROLE)).stateMachineArn();
        }
    }

    private String input(int id) {
        return "{\"templateName\": \"get-user\", \"method\": \"GET\", \"params\": {\"baseUrl\": \"http://127.0.0.1:"
                + api.getAddress().getPort() + "\", \"id\": \"" + id + "\"}}";
    }

    @Test
    void theSeedWorkflowRunsEndToEndOverHttp() throws Exception {
        try (LocalEndpoint endpoint = LocalEndpoint.builder().functions(IN_PROCESS).start();
             SfnClient sfn = EndpointClients.sfn(endpoint.url())) {
            String machine = seed(endpoint, "reference");
            String execution = sfn.startExecution(b -> b.stateMachineArn(machine).input(input(7))).executionArn();
            DescribeExecutionResponse done = StepFunctionsApiTest.awaitEnd(sfn, execution);
            assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.error() + ": " + done.cause());
            assertTrue(done.output().contains("user 7"), done.output());
            List<HistoryEvent> events = sfn.getExecutionHistory(b -> b.executionArn(execution)).events();
            assertTrue(events.stream().anyMatch(e -> e.type() == HistoryEventType.TASK_SUCCEEDED
                    && e.taskSucceededEventDetails().resourceType().equals("dynamodb")), events.toString());
            assertTrue(events.stream().anyMatch(e -> e.type() == HistoryEventType.TASK_SUCCEEDED
                    && e.taskSucceededEventDetails().resourceType().equals("lambda")), events.toString());
            assertEquals(1, calls.get());
        }
    }

    @Test
    void fiftyExecutionsStartedAtOnceAllFinishWithTheirOwnOutputs() throws Exception {
        try (LocalEndpoint endpoint = LocalEndpoint.builder().functions(IN_PROCESS).start();
             SfnClient sfn = EndpointClients.sfn(endpoint.url())) {
            String machine = seed(endpoint, "reference");
            ExecutorService clients = Executors.newFixedThreadPool(50);
            try {
                List<Future<String>> started = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    int id = i;
                    started.add(clients.submit(() -> sfn.startExecution(b -> b.stateMachineArn(machine).input(input(id)))
                            .executionArn()));
                }
                for (int i = 0; i < 50; i++) {
                    DescribeExecutionResponse done = StepFunctionsApiTest.awaitEnd(sfn, started.get(i).get());
                    assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.cause());
                    assertTrue(done.output().contains("\"user " + i + "\""), done.output());
                }
            } finally {
                clients.shutdownNow();
            }
            assertEquals(50, calls.get());
        }
    }

    @Test
    void aRestartWithAStateFolderFindsMachinesVersionsAliasesAndTables(@TempDir Path state) throws Exception {
        String machine;
        try (LocalEndpoint endpoint = LocalEndpoint.builder().functions(IN_PROCESS).stateDir(state).start();
             SfnClient sfn = EndpointClients.sfn(endpoint.url())) {
            machine = seed(endpoint, "kept");
            String version = sfn.publishStateMachineVersion(b -> b.stateMachineArn(machine)).stateMachineVersionArn();
            sfn.createStateMachineAlias(b -> b.name("live").routingConfiguration(r -> r.stateMachineVersionArn(version)
                    .weight(100)));
        }
        try (LocalEndpoint endpoint = LocalEndpoint.builder().functions(IN_PROCESS).stateDir(state).start();
             SfnClient sfn = EndpointClients.sfn(endpoint.url())) {
            assertEquals(List.of(machine + ":1"), sfn.listStateMachineVersions(b -> b.stateMachineArn(machine))
                    .stateMachineVersions().stream().map(v -> v.stateMachineVersionArn()).toList());
            String execution = sfn.startExecution(b -> b.stateMachineArn(machine + ":live").input(input(3)))
                    .executionArn();
            DescribeExecutionResponse done = StepFunctionsApiTest.awaitEnd(sfn, execution);
            assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.cause());
            assertEquals(machine + ":1", done.stateMachineVersionArn());
        }
    }

    @Test
    void closingStopsExecutionsInFlightAndFreesThePorts() throws Exception {
        LocalEndpoint endpoint = LocalEndpoint.builder().functions(IN_PROCESS).start();
        int port = endpoint.port();
        int databasePort = endpoint.dynamoDbUrl().getPort();
        try (SfnClient sfn = EndpointClients.sfn(endpoint.url())) {
            String waiting = sfn.createStateMachine(b -> b.name("waiting").roleArn(StepFunctionsApiTest.ROLE).definition(
                    "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":300,\"End\":true}}}"))
                    .stateMachineArn();
            for (int i = 0; i < 5; i++) {
                sfn.startExecution(b -> b.stateMachineArn(waiting));
            }
            long before = threads("apitpl-endpoint-execution");
            assertTrue(before >= 5, "running execution threads: " + before);
            long started = System.nanoTime();
            endpoint.close();
            assertTrue(System.nanoTime() - started < 15_000_000_000L, "close took too long");
            assertEquals(0, threads("apitpl-endpoint-execution"));
            assertThrows(Exception.class, () -> sfn.listStateMachines());
        }
        for (int freed : new int[] {port, databasePort}) {
            try (ServerSocket again = new ServerSocket(freed, 1, InetAddress.getByName("127.0.0.1"))) {
                assertEquals(freed, again.getLocalPort());
            }
        }
    }

    private static long threads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(prefix) && thread.isAlive()).count();
    }
}
