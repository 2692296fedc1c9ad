package dev.apitpl.core.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.apitpl.core.engine.ExecutionOptions;
import dev.apitpl.core.engine.Json;
import dev.apitpl.core.engine.LocalEngine;
import dev.apitpl.core.engine.StateMachine;
import dev.apitpl.core.engine.task.DynamoDbIntegration;
import dev.apitpl.core.engine.task.HttpIntegration;
import dev.apitpl.core.engine.task.LambdaFunctions;
import dev.apitpl.core.engine.task.LambdaIntegration;
import dev.apitpl.core.engine.task.TaskDispatcher;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * StartExecution to SUCCEEDED round trips per second of the reference workflow (DynamoDB GetItem, the generic Lambda
 * calling a local HTTP API, a Choice) over HTTP through the endpoint, against the same executions run in-process by
 * the engine with the same DynamoDB Local and handlers, in the same run. Sequential; 5 s warm-up, 10 s measured each.
 * Not a timed test: {@code mvn -B -pl core -am -Pbench test -Dtest=EndpointRoundTripBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class EndpointRoundTripBenchmark {

    private static final long WARM_UP_NANOS = 5_000_000_000L;
    private static final long MEASURE_NANOS = 10_000_000_000L;

    @Test
    void roundTripsOverHttpAgainstTheEngineInProcess() throws Exception {
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/users/", exchange -> {
            byte[] body = "{\"id\": 1, \"name\": \"bench\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        api.start();
        String input = "{\"templateName\": \"get-user\", \"method\": \"GET\", \"params\": {\"baseUrl\": "
                + "\"http://127.0.0.1:" + api.getAddress().getPort() + "\", \"id\": \"1\"}}";
        try (LocalEndpoint endpoint = LocalEndpoint.builder().functions(EndpointWorkflowTest.IN_PROCESS).start(); SfnClient sfn = EndpointClients.sfn(endpoint.url());
             DynamoDbClient tables = EndpointClients.dynamoDb(endpoint.dynamoDbUrl())) {
            String machineArn = EndpointWorkflowTest.seed(endpoint, "bench");
            Callable<Boolean> overHttp = () -> {
                String execution = sfn.startExecution(b -> b.stateMachineArn(machineArn).input(input)).executionArn();
                while (true) {
                    ExecutionStatus status = sfn.describeExecution(b -> b.executionArn(execution)).status();
                    if (status != ExecutionStatus.RUNNING) {
                        return status == ExecutionStatus.SUCCEEDED;
                    }
                    Thread.sleep(1);
                }
            };
            String definition = sfn.describeStateMachine(b -> b.stateMachineArn(machineArn)).definition();
            StateMachine machine = StateMachine.parse(definition);
            ObjectMapper handlerJson = new ObjectMapper().findAndRegisterModules();
            LocalEngine engine = LocalEngine.builder().taskInvoker(new TaskDispatcher(List.of(
                    new DynamoDbIntegration(tables),
                    new LambdaIntegration(LambdaFunctions.builder().build(), handlerJson, line -> { }),
                    new HttpIntegration(handlerJson, line -> { })))).build();
            Callable<Boolean> inProcess = () -> engine.execute(machine, Json.parse(input),
                    ExecutionOptions.defaults().withRecordHistory(false)).status()
                    == dev.apitpl.core.engine.ExecutionStatus.SUCCEEDED;

            double http = perSecond(overHttp);
            double engineOnly = perSecond(inProcess);
            System.out.printf("Endpoint round trips: %.1f/s over HTTP, %.1f/s in-process engine, ratio %.3f%n",
                    http, engineOnly, http / engineOnly);
            assertTrue(http > 0 && engineOnly > 0);
        } finally {
            api.stop(0);
        }
    }

    private static double perSecond(Callable<Boolean> execution) throws Exception {
        long warmUpEnd = System.nanoTime() + WARM_UP_NANOS;
        while (System.nanoTime() < warmUpEnd) {
            assertEquals(true, execution.call());
        }
        long count = 0;
        long start = System.nanoTime();
        while (System.nanoTime() - start < MEASURE_NANOS) {
            assertEquals(true, execution.call(), "an execution did not succeed");
            count++;
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }
}
