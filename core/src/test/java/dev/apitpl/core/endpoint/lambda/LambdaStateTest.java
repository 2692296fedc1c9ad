package dev.apitpl.core.endpoint.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.State;

/** With a state folder, functions, versions and aliases survive a restart of the service and still run. */
class LambdaStateTest {

    @TempDir
    Path scratch;

    private ServiceServer serve(LambdaService service) {
        try {
            return new ServiceServer(service);
        } catch (IOException e) {
            service.close();
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void functionsVersionsAndAliasesSurviveARestart() throws Exception {
        byte[] jar = TestFunctions.jar(scratch.resolve("build"));
        Path state = scratch.resolve("state");
        String revision;
        try (LambdaService service = LambdaService.builder().stateDir(state).settleDelay(Duration.ofMillis(100)).build();
             ServiceServer server = serve(service);
             LambdaClient lambda = RunningLambda.client(server.url())) {
            lambda.createFunction(b -> b.functionName("kept").runtime(Runtime.JAVA21).handler("example.Handler::handleRequest")
                    .role("arn:aws:iam::000000000000:role/apitpl-test").code(c -> c.zipFile(SdkBytes.fromByteArray(jar))));
            lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("kept"));
            lambda.publishVersion(b -> b.functionName("kept"));
            lambda.createAlias(b -> b.functionName("kept").name("live").functionVersion("1"));
            Thread.sleep(300);
            revision = lambda.getFunction(b -> b.functionName("kept")).configuration().revisionId();
        }
        assertTrue(Files.isRegularFile(state.resolve("lambda.json")));
        try (LambdaService service = LambdaService.builder().stateDir(state).build();
             ServiceServer server = serve(service);
             LambdaClient lambda = RunningLambda.client(server.url())) {
            GetFunctionResponse got = lambda.getFunction(b -> b.functionName("kept"));
            assertEquals(State.ACTIVE, got.configuration().state());
            assertEquals(revision, got.configuration().revisionId());
            assertEquals("1", lambda.getAlias(b -> b.functionName("kept").name("live")).functionVersion());
            assertEquals("{\"kept\":true}", lambda.invoke(b -> b.functionName("kept").qualifier("live")
                    .payload(SdkBytes.fromUtf8String("{\"kept\":true}"))).payload().asUtf8String());
        }
    }
}
