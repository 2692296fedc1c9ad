package dev.apitpl.core.engine.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apitpl.core.engine.Json;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lambda tasks run by in-process handlers: the Invoke envelope, bare ARNs, and the Java runtime's error shape. */
class LambdaIntegrationTest {

    private static final ObjectMapper JSON = Json.MAPPER;
    private final List<String> functionLog = new ArrayList<>();

    /** A typed handler: Jackson converts the payload into the record and the result back. */
    public static final class Greeter implements RequestHandler<Greeter.Person, Map<String, Object>> {
        public record Person(String name, int age) {}

        @Override
        public Map<String, Object> handleRequest(Person person, Context context) {
            context.getLogger().log("greeting " + person.name());
            return Map.of("greeting", "hello " + person.name(), "nextAge", person.age() + 1,
                    "function", context.getFunctionName());
        }
    }

    public static final class Failing implements RequestHandler<Object, Object> {
        @Override
        public Object handleRequest(Object input, Context context) {
            throw new IllegalStateException("upstream said no");
        }
    }

    public static final class Upper implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws java.io.IOException {
            output.write(new String(input.readAllBytes(), StandardCharsets.UTF_8).toUpperCase().getBytes(StandardCharsets.UTF_8));
        }
    }

    public static final class Echo implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws java.io.IOException {
            input.transferTo(output);
        }
    }

    private LambdaIntegration lambda(LambdaFunctions functions) {
        return new LambdaIntegration(functions, JSON, functionLog::add);
    }

    private final LambdaIntegration lambda = lambda(LambdaFunctions.builder()
            .handler("greeter", Greeter.class.getName())
            .handler("failing", Failing.class.getName())
            .handler("upper", Upper.class.getName())
            .handler("echo", Echo.class.getName())
            .handler("missing", "com.example.NoSuchHandler")
            .defaultHandler(null)
            .build());

    private JsonNode invoke(String resource, String input) throws Exception {
        return lambda.invoke(new TaskRequest("Call", resource, JSON.readTree(input), 0, null));
    }

    @Test
    void lambdaInvokeWrapsTheResultInTheInvokeEnvelope() throws Exception {
        JsonNode result = invoke("arn:aws:states:::lambda:invoke", """
                {"FunctionName": "arn:aws:lambda:eu-west-1:123456789012:function:greeter:$LATEST",
                 "Payload": {"name": "Ada", "age": 36}}""");

        assertEquals(JSON.readTree("{\"greeting\": \"hello Ada\", \"nextAge\": 37, \"function\": \"greeter\"}"),
                result.get("Payload"));
        assertEquals(200, result.get("StatusCode").asInt());
        assertEquals("$LATEST", result.get("ExecutedVersion").asText());
        assertEquals(200, result.at("/SdkHttpMetadata/HttpStatusCode").asInt());
        assertEquals(List.of("greeting Ada"), functionLog);
    }

    @Test
    void aBareFunctionArnReturnsTheRawResult() throws Exception {
        JsonNode result = invoke("arn:aws:lambda:us-east-1:123456789012:function:greeter", """
                {"name": "Grace", "age": 85}""");

        assertEquals("hello Grace", result.get("greeting").asText());
        assertFalse(result.has("Payload"));
    }

    @Test
    void aDecimalAHandlerWritesKeepsItsDigits() throws Exception {
        JsonNode echoed = invoke("arn:aws:states:::lambda:invoke", """
                {"FunctionName": "echo", "Payload": {"amount": 1.10}}""");

        assertEquals("{\"amount\":1.10}", echoed.get("Payload").toString());
    }

    @Test
    void aStreamHandlerReadsAndWritesJson() throws Exception {
        JsonNode result = invoke("arn:aws:states:::lambda:invoke", """
                {"FunctionName": "upper", "Payload": {"word": "quiet"}}""");

        assertEquals(JSON.readTree("{\"WORD\": \"QUIET\"}"), result.get("Payload"));
    }

    @Test
    void aThrownExceptionIsReportedAsTheJavaRuntimeDoes() throws Exception {
        TaskFailedException failure = assertThrows(TaskFailedException.class,
                () -> invoke("arn:aws:states:::lambda:invoke", "{\"FunctionName\": \"failing\", \"Payload\": {}}"));

        assertEquals("java.lang.IllegalStateException", failure.error());
        JsonNode cause = JSON.readTree(failure.cause());
        assertEquals("upstream said no", cause.get("errorMessage").asText());
        assertEquals("java.lang.IllegalStateException", cause.get("errorType").asText());
        assertTrue(cause.get("stackTrace").get(0).asText().contains("Failing.handleRequest"), cause.toString());
    }

    @Test
    void aHandlerClassThatCannotBeLoadedNamesTheClassAndTheFunction() {
        TaskFailedException failure = assertThrows(TaskFailedException.class,
                () -> invoke("arn:aws:states:::lambda:invoke", "{\"FunctionName\": \"missing\", \"Payload\": {}}"));

        assertEquals("States.Runtime", failure.error());
        assertTrue(failure.cause().contains("'missing'") && failure.cause().contains("com.example.NoSuchHandler"),
                failure.cause());
    }

    @Test
    void anUnmappedFunctionWithoutADefaultHandlerSaysHowToMapIt() {
        TaskFailedException failure = assertThrows(TaskFailedException.class,
                () -> invoke("arn:aws:lambda:us-east-1:123456789012:function:unmapped", "{}"));

        assertTrue(failure.cause().contains("'unmapped' has no handler"), failure.cause());
    }

    @Test
    void unmappedFunctionsRunTheGenericApiCallLambdaByDefault() {
        LambdaFunctions functions = LambdaFunctions.builder().build();

        assertEquals(LambdaFunctions.GENERIC_API_CALL_HANDLER, functions.handlerClassFor("anything"));
    }

    @Test
    void loadAllReportsAMisspeltHandlerBeforeAnythingRuns() {
        LambdaFunctions functions = LambdaFunctions.builder().handler("f", "com.example.Typo").build();

        Exception failure = assertThrows(LambdaFunctions.HandlerUnavailableException.class, functions::loadAll);
        assertTrue(failure.getMessage().contains("com.example.Typo"), failure.getMessage());
    }
}
