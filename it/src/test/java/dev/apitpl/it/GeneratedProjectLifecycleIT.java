package dev.apitpl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;

/**
 * The whole life of a generated project, as its developer lives it: generate, build, start the local endpoint in one
 * terminal, deploy to it from another, run the workflow there, change a template, plan, seed, deploy again (nothing
 * to do), destroy, and stop the endpoint with Ctrl-C.
 */
@Tag("slow")
class GeneratedProjectLifecycleIT {

    private static final Pattern ENDPOINT_URL = Pattern.compile("(http://127\\.0\\.0\\.1:(\\d+))");

    @TempDir
    Path workspace;

    @Test
    void generateBuildDeployRunChangePlanSeedRedeployDestroyStop() throws Exception {
        MavenRun maven = MavenRun.forNestedBuilds();
        String version = System.getProperty("apitpl.version");

        MavenRun.Result generate = maven.run(workspace, "generate", Map.of(),
                "org.apache.maven.plugins:maven-archetype-plugin:3.3.1:generate", "-DinteractiveMode=false",
                "-DarchetypeGroupId=dev.apitpl", "-DarchetypeArtifactId=apitpl-archetype", "-DarchetypeVersion=" + version,
                "-DgroupId=com.example.shop", "-DartifactId=shop", "-Dversion=1.0.0-SNAPSHOT");
        assertEquals(0, generate.exit(), generate.describe());
        Path project = workspace.resolve("shop");

        MavenRun.Result verify = maven.run(project, "verify", Map.of(), "verify");
        assertEquals(0, verify.exit(), verify.describe());
        assertTrue(Files.isRegularFile(project.resolve("target/shop-1.0.0-SNAPSHOT-lambda.jar")), verify.describe());

        Process endpoint = maven.start(project, "start", Map.of(), "apitpl:start", "-Dapitpl.port=0");
        try {
            URI url = awaitEndpointUrl(project.resolve("start.log"), endpoint);
            String endpointFlag = "-Dapitpl.endpoint=" + url;
            Map<String, String> awsEnvironment = Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                    "AWS_REGION", "us-east-1");

            MavenRun.Result deploy = maven.run(project, "deploy", awsEnvironment, "apitpl:deploy", endpointFlag,
                    "-Dapitpl.createTable=true", "-Dapitpl.createRoles=true", "-Dapitpl.allowedDestinations=127.0.0.1");
            assertEquals(0, deploy.exit(), deploy.describe());

            try (SfnClient sfn = SfnClient.builder().endpointOverride(url).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .build()) {
                runTheWorkflowOnTheEndpoint(project, sfn);

                Path template = project.resolve("src/main/templates/search-products.json");
                Files.writeString(template, Files.readString(template)
                        .replaceFirst("\"description\": \"[^\"]*\"", "\"description\": \"Searches the catalogue (v2).\""));

                MavenRun.Result plan = maven.run(project, "plan", awsEnvironment, "apitpl:plan", endpointFlag);
                assertEquals(0, plan.exit(), plan.describe());
                assertTrue(plan.log().contains("search-products"), plan.describe());
                assertTrue(plan.log().contains("description"), "plan names the changed field: " + plan.describe());

                MavenRun.Result seed = maven.run(project, "seed", awsEnvironment, "apitpl:seed", endpointFlag);
                assertEquals(0, seed.exit(), seed.describe());
                assertTrue(Pattern.compile("1 updated").matcher(seed.log()).find(), seed.describe());

                MavenRun.Result redeploy = maven.run(project, "redeploy", awsEnvironment, "apitpl:deploy", endpointFlag,
                        "-Dapitpl.createRoles=true", "-Dapitpl.allowedDestinations=127.0.0.1");
                assertEquals(0, redeploy.exit(), redeploy.describe());
                assertTrue(redeploy.log().toLowerCase().contains("unchanged"), redeploy.describe());

                MavenRun.Result destroy = maven.run(project, "destroy", awsEnvironment, "apitpl:destroy", endpointFlag);
                assertEquals(0, destroy.exit(), destroy.describe());
                List<StateMachineListItem> left = sfn.listStateMachines().stateMachines();
                assertEquals(List.of(), left, "destroy removes the state machine");
            }
        } finally {
            List<ProcessHandle> processes = endpoint.descendants().toList();
            new ProcessBuilder("kill", "-INT", Long.toString(endpoint.pid())).start().waitFor();
            boolean ended = endpoint.waitFor(60, TimeUnit.SECONDS);
            processes.forEach(ProcessHandle::destroyForcibly);
            assertTrue(ended, "Ctrl-C stops apitpl:start");
            assertTrue(processes.stream().noneMatch(ProcessHandle::isAlive), "no process of the endpoint outlives it");
        }
    }

    private static URI awaitEndpointUrl(Path log, Process endpoint) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            Matcher url = ENDPOINT_URL.matcher(text);
            if (url.find()) {
                return URI.create(url.group(1));
            }
            assertTrue(endpoint.isAlive(), "apitpl:start ended early:\n" + text);
            Thread.sleep(250);
        }
        throw new AssertionError("apitpl:start printed no URL within 3 minutes, log " + log);
    }

    /** The generated project's DemoApi (its test classes) on 127.0.0.1, called by the deployed workflow. */
    private static void runTheWorkflowOnTheEndpoint(Path project, SfnClient sfn) throws Exception {
        URL testClasses = project.resolve("target/test-classes").toUri().toURL();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {testClasses}, GeneratedProjectLifecycleIT.class.getClassLoader())) {
            Class<?> demoApi = loader.loadClass("com.example.shop.DemoApi");
            AutoCloseable api = (AutoCloseable) demoApi.getMethod("start", int.class, String.class).invoke(null, 0, "demo-token");
            try {
                String baseUrl = (String) demoApi.getMethod("baseUrl").invoke(api);
                String stateMachineArn = sfn.listStateMachines().stateMachines().get(0).stateMachineArn();
                String input = "{\"templateName\":\"search-products\",\"method\":\"GET\",\"params\":{\"apiBaseUrl\":\""
                        + baseUrl + "\",\"query\":\"lamp\",\"limit\":2}}";
                String executionArn = sfn.startExecution(start -> start.stateMachineArn(stateMachineArn).input(input))
                        .executionArn();
                DescribeExecutionResponse execution = awaitEnd(sfn, executionArn);
                assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.toString());
                assertTrue(execution.output().contains("floor lamp"), execution.output());
                assertFalse(((List<?>) demoApi.getMethod("received").invoke(api)).isEmpty(), "the API was called");
            } finally {
                api.close();
            }
        }
    }

    private static DescribeExecutionResponse awaitEnd(SfnClient sfn, String executionArn) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            DescribeExecutionResponse execution = sfn.describeExecution(describe -> describe.executionArn(executionArn));
            if (execution.status() != ExecutionStatus.RUNNING || System.nanoTime() > deadline) {
                return execution;
            }
            Thread.sleep(200);
        }
    }

    static boolean portIsFree(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return false;
        } catch (IOException refused) {
            return true;
        }
    }
}
