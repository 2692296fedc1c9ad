package dev.apitpl.core.endpoint.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.core.endpoint.LambdaInvoker;
import dev.apitpl.runtime.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Invoke runs the uploaded jar in a JVM of its own, with the real {@link LambdaClient} over HTTP: the event reaches the
 * handler and its answer comes back, the environment is the function's, and a handler that throws, hangs or exits
 * fails that invocation only, in AWS's error shapes.
 */
class LambdaInvokeTest {

    @TempDir
    static Path scratch;
    static RunningLambda running;
    static LambdaService service;
    static ServiceServer server;
    static LambdaClient lambda;
    static byte[] jar;

    @BeforeAll
    static void start() {
        jar = TestFunctions.jar(scratch.resolve("build"));
        running = new RunningLambda(Duration.ofMillis(100));
        service = running.service;
        server = running.server;
        lambda = running.client;
    }

    @AfterAll
    static void stop() {
        running.close();
        assertEquals(0, Sandbox.liveProcesses(), "no function JVM outlives the service");
    }

    static void create(String name, String handler, Runtime runtime, int timeout, int memory, Map<String, String> env) {
        lambda.createFunction(b -> b.functionName(name).runtime(runtime).handler(handler).timeout(timeout).memorySize(memory)
                .role("arn:aws:iam::000000000000:role/apitpl-test").code(c -> c.zipFile(SdkBytes.fromByteArray(jar)))
                .environment(e -> e.variables(env)));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
    }

    static InvokeResponse invoke(String name, String event) {
        return lambda.invoke(b -> b.functionName(name).logType(LogType.TAIL).payload(SdkBytes.fromUtf8String(event)));
    }

    static JsonNode json(InvokeResponse response) throws Exception {
        return Json.parse(response.payload().asUtf8String());
    }

    @Test
    void theEventReachesTheHandlerAndItsAnswerComesBackWithTheLogTail() {
        create("echo", "example.Handler::handleRequest", Runtime.JAVA21, 10, 128, Map.of());
        InvokeResponse first = invoke("echo", "{\"hello\":\"world\"}");
        assertEquals(200, first.statusCode());
        assertNull(first.functionError());
        assertEquals("$LATEST", first.executedVersion());
        assertEquals("{\"hello\":\"world\"}", first.payload().asUtf8String());
        String log = new String(Base64.getDecoder().decode(first.logResult()), StandardCharsets.UTF_8);
        assertTrue(log.contains("START RequestId: ") && log.contains("echo handler called") && log.contains("REPORT RequestId: "), log);
        assertTrue(log.contains("Init Duration"), "the first invocation is a cold start: " + log);

        InvokeResponse warm = invoke("echo", "[1,2,3]");
        assertEquals("[1,2,3]", warm.payload().asUtf8String());
        String warmLog = new String(Base64.getDecoder().decode(warm.logResult()), StandardCharsets.UTF_8);
        assertTrue(!warmLog.contains("Init Duration"), "the second invocation reuses the warm JVM: " + warmLog);
    }

    @Test
    void theHandlerSeesItsEnvironmentTheEndpointAndItsMemoryAsHeap() throws Exception {
        create("env", "example.Env::handleRequest", Runtime.JAVA21, 10, 256, Map.of("GREETING", "hello"));
        JsonNode env = json(invoke("env", "{}"));
        assertEquals("hello", env.get("GREETING").asText());
        assertEquals("env", env.get("AWS_LAMBDA_FUNCTION_NAME").asText());
        assertEquals("$LATEST", env.get("AWS_LAMBDA_FUNCTION_VERSION").asText());
        assertEquals("us-east-1", env.get("AWS_REGION").asText());
        assertEquals(server.url(), env.get("AWS_ENDPOINT_URL").asText());
        assertEquals("256", env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").asText());
        long heap = env.get("maxHeapMb").asLong();
        assertTrue(heap > 200 && heap <= 256, "MemorySize 256 is the heap limit, got " + heap + " MB");
    }

    @Test
    void aJava25FunctionRunsOnJdk25WhereItIsInstalled() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/usr/lib/jvm/temurin-25-jdk-amd64")),
                "JDK 25 is not installed under /usr/lib/jvm");
        create("env25", "example.Env::handleRequest", Runtime.JAVA25, 10, 128, Map.of());
        assertTrue(json(invoke("env25", "{}")).get("javaVersion").asText().startsWith("25"));
    }

    @Test
    void aHandlerThatThrowsFailsThatInvocationWithItsErrorTypeAndTheNextWorks() throws Exception {
        create("fails", "example.Fails::handleRequest", Runtime.JAVA21, 10, 128, Map.of());
        InvokeResponse failed = invoke("fails", "{\"fail\":true}");
        assertEquals(200, failed.statusCode());
        assertEquals("Unhandled", failed.functionError());
        JsonNode error = json(failed);
        assertEquals("java.lang.IllegalStateException", error.get("errorType").asText());
        assertEquals("the handler failed on purpose", error.get("errorMessage").asText());
        assertTrue(error.get("stackTrace").isArray());
        assertEquals("\"fine\"", invoke("fails", "{}").payload().asUtf8String());
    }

    @Test
    void aHandlerThatExceedsItsTimeoutIsKilledAndTheNextInvocationWorks() throws Exception {
        create("sleeps", "example.Sleeps::handleRequest", Runtime.JAVA21, 2, 128, Map.of());
        invoke("sleeps", "{}");
        long start = System.nanoTime();
        InvokeResponse timedOut = invoke("sleeps", "{\"sleep\":true}");
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        assertTrue(seconds >= 2 && seconds < 10, "the timeout of 2 s is enforced, took " + seconds + " s");
        assertEquals("Unhandled", timedOut.functionError());
        JsonNode error = json(timedOut);
        assertEquals("Sandbox.Timedout", error.get("errorType").asText());
        assertTrue(error.get("errorMessage").asText().endsWith("Error: Task timed out after 2.00 seconds"), error.toString());
        assertEquals("\"awake\"", invoke("sleeps", "{}").payload().asUtf8String());
    }

    @Test
    void aHandlerThatExitsTheJvmFailsThatInvocationAndTheNextWorks() throws Exception {
        create("exits", "example.Exits::handleRequest", Runtime.JAVA21, 10, 128, Map.of());
        InvokeResponse exited = invoke("exits", "{\"exit\":true}");
        assertEquals("Unhandled", exited.functionError());
        JsonNode error = json(exited);
        assertEquals("Runtime.ExitError", error.get("errorType").asText());
        assertTrue(error.get("errorMessage").asText().endsWith("Error: Runtime exited with error: exit status 3"), error.toString());
        assertEquals("\"alive\"", invoke("exits", "{}").payload().asUtf8String());
    }

    @Test
    void aMissingHandlerClassFailsAsAwsReportsAnInitError() throws Exception {
        create("missing", "example.Missing::handleRequest", Runtime.JAVA21, 10, 128, Map.of());
        InvokeResponse failed = invoke("missing", "{}");
        assertEquals("Unhandled", failed.functionError());
        assertTrue(json(failed).get("errorMessage").asText().contains("example.Missing"), failed.payload().asUtf8String());
    }

    @Test
    void versionsAndAliasesRunTheCodeTheyPointAtAndStepFunctionsUseTheSamePath() throws Exception {
        create("versioned", "example.Handler::handleRequest", Runtime.JAVA21, 10, 128, Map.of());
        String version = lambda.publishVersion(b -> b.functionName("versioned")).version();
        lambda.createAlias(b -> b.functionName("versioned").name("live").functionVersion(version));
        InvokeResponse viaAlias = lambda.invoke(b -> b.functionName("versioned").qualifier("live").payload(SdkBytes.fromUtf8String("{}")));
        assertEquals(version, viaAlias.executedVersion());

        LambdaInvoker.Invocation task = service.invoke("arn:aws:lambda:us-east-1:000000000000:function:versioned:live", null, "{\"a\":1}");
        assertEquals("{\"a\":1}", task.payload());
        assertEquals(version, task.executedVersion());
        assertNull(task.functionError());
        LambdaInvoker.LambdaInvocationException missing = assertThrows(LambdaInvoker.LambdaInvocationException.class,
                () -> service.invoke("nope", null, "{}"));
        assertEquals("ResourceNotFoundException", missing.errorName());
        assertEquals(404, missing.status());
    }

    @Test
    void anUnknownOrStillPendingFunctionIsRefusedAsAwsRefusesIt() {
        ResourceNotFoundException unknown = assertThrows(ResourceNotFoundException.class, () -> invoke("unknown", "{}"));
        assertTrue(unknown.awsErrorDetails().errorMessage().endsWith(":function:unknown:$LATEST"));
        try (RunningLambda slow = new RunningLambda(Duration.ofSeconds(30))) {
            LambdaClient client = slow.client;
            client.createFunction(b -> b.functionName("pending").runtime(Runtime.JAVA21).handler("example.Handler::handleRequest")
                    .role("arn:aws:iam::000000000000:role/apitpl-test").code(c -> c.zipFile(SdkBytes.fromByteArray(jar))));
            ResourceConflictException pending = assertThrows(ResourceConflictException.class,
                    () -> client.invoke(b -> b.functionName("pending")));
            assertEquals("The operation cannot be performed at this time. The function is currently in the following state: Pending",
                    pending.awsErrorDetails().errorMessage());
        }
    }
}
