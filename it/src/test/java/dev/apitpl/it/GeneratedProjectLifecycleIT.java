package dev.apitpl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/**
 * The whole life of a generated project, as its README tells its developer to live it: generate, build, start the
 * local endpoint in one terminal ({@code mvn apitpl:start}), deploy to it from another, run the workflow there, change
 * a template, plan, seed, deploy again (nothing to do), destroy, and stop the endpoint with {@code mvn apitpl:stop}.
 * One generated project serves every step.
 */
@Tag("slow")
class GeneratedProjectLifecycleIT {

    private static final Pattern ENDPOINT_URL = Pattern.compile("apitpl local AWS endpoint on (http://127\\.0\\.0\\.1:(\\d+))");

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

        // terminal 1 of the README: the endpoint in the foreground, here a process in the background
        Process endpoint = maven.start(project, "start", Map.of(), "apitpl:start");
        List<ProcessHandle> endpointProcesses = List.of();
        int port = -1;
        try {
            Matcher started = MavenRun.awaitLine(project.resolve("start.log"), ENDPOINT_URL, endpoint);
            URI url = URI.create(started.group(1));
            port = Integer.parseInt(started.group(2));
            String endpointFlag = "-Dapitpl.endpoint=" + url;

            // terminal 2: the README's command as it is written there, the port filled in
            MavenRun.Result deploy = maven.run(project, "deploy", Map.of(), readmeCommand(project, "mvn apitpl:deploy ", port));
            assertEquals(0, deploy.exit(), deploy.describe());
            assertTrue(deploy.log().contains("seed api-templates: 2 created"), deploy.describe());

            try (SfnClient sfn = SfnClient.builder().endpointOverride(url).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .build();
                 DemoApi api = DemoApi.start(project)) {
                String alias = sfn.listStateMachines().stateMachines().get(0).stateMachineArn() + ":live";
                List<String> firstCall = api.executeAndReceive(sfn, alias,
                        "{\"templateName\":\"search-products\",\"method\":\"GET\",\"params\":{\"apiBaseUrl\":\""
                                + api.baseUrl() + "\",\"query\":\"lamp\"}}");
                assertEquals(List.of("GET /products q=lamp limit=10"), firstCall, "the template's default page size");
                endpointProcesses = endpoint.descendants().toList();

                Path template = project.resolve("src/main/templates/search-products.json");
                String before = Files.readString(template);
                String after = before.replace("default(10)", "default(5)");
                assertTrue(!after.equals(before), "the template's default page size is 10");
                Files.writeString(template, after);

                MavenRun.Result plan = maven.run(project, "plan", Map.of(), "apitpl:plan", endpointFlag,
                        "-Dapitpl.allowedDestinations=127.0.0.1");
                assertEquals(0, plan.exit(), plan.describe());
                assertTrue(plan.log().contains("templates in api-templates: 0 to create, 1 to update, 1 unchanged, "
                        + "0 in conflict, 0 to delete"), plan.describe());
                assertTrue(plan.log().contains("~ search-products GET (update: query)"), plan.describe());
                assertTrue(plan.log().contains("function shop-api-call: unchanged"), plan.describe());
                assertTrue(plan.log().contains("state machine shop: unchanged"), plan.describe());

                MavenRun.Result seed = maven.run(project, "seed", Map.of(), "apitpl:seed", endpointFlag);
                assertEquals(0, seed.exit(), seed.describe());
                assertTrue(seed.log().contains("seed api-templates: 0 created, 1 updated, 1 unchanged, 0 conflicts, 0 deleted"),
                        seed.describe());
                List<String> secondCall = api.executeAndReceive(sfn, alias,
                        "{\"templateName\":\"search-products\",\"method\":\"GET\",\"params\":{\"apiBaseUrl\":\""
                                + api.baseUrl() + "\",\"query\":\"desk\"}}");
                assertEquals(List.of("GET /products q=desk limit=5"), secondCall, "the seeded template serves at once");

                MavenRun.Result redeploy = maven.run(project, "redeploy", Map.of(), "apitpl:deploy", endpointFlag,
                        "-Dapitpl.allowedDestinations=127.0.0.1");
                assertEquals(0, redeploy.exit(), redeploy.describe());
                assertTrue(redeploy.log().contains("deploy: unchanged (no write made)"), redeploy.describe());

                MavenRun.Result destroy = maven.run(project, "destroy", Map.of(), "apitpl:destroy", endpointFlag);
                assertEquals(0, destroy.exit(), destroy.describe());
                assertEquals(List.of(), sfn.listStateMachines().stateMachines(), "destroy removes the state machine");
            }

            MavenRun.Result stop = maven.run(project, "stop", Map.of(), "apitpl:stop");
            assertEquals(0, stop.exit(), stop.describe());
            assertTrue(stop.log().contains("apitpl local AWS endpoint stopped"), stop.describe());
            assertTrue(endpoint.waitFor(30, TimeUnit.SECONDS), "apitpl:stop ends the apitpl:start of the other terminal");
        } finally {
            if (endpoint.isAlive()) {
                endpoint.descendants().forEach(ProcessHandle::destroyForcibly);
                endpoint.destroyForcibly();
            }
        }
        assertTrue(endpointProcesses.stream().noneMatch(ProcessHandle::isAlive),
                "no process of the endpoint (the function's JVM) outlives it: " + endpointProcesses);
        assertTrue(Ports.isFree(port), "the endpoint's port is free again");
    }

    /** The arguments of the README's line that starts with {@code prefix}, {@code <port>} replaced. */
    private static String[] readmeCommand(Path project, String prefix, int port) throws Exception {
        String line = Files.readString(project.resolve("README.md")).lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("the generated README shows no '" + prefix + "...' command"));
        String command = line.replaceFirst("\\s+#.*$", "").replace("<port>", Integer.toString(port));
        List<String> words = List.of(command.trim().split("\\s+"));
        return words.subList(1, words.size()).toArray(String[]::new);
    }

    /** The generated project's own DemoApi (its test classes) on 127.0.0.1, which the deployed workflow calls. */
    private static final class DemoApi implements AutoCloseable {
        private final URLClassLoader loader;
        private final Class<?> type;
        private final AutoCloseable api;

        private DemoApi(URLClassLoader loader, Class<?> type, AutoCloseable api) {
            this.loader = loader;
            this.type = type;
            this.api = api;
        }

        static DemoApi start(Path project) throws Exception {
            URL testClasses = project.resolve("target/test-classes").toUri().toURL();
            URLClassLoader loader = new URLClassLoader(new URL[] {testClasses}, GeneratedProjectLifecycleIT.class.getClassLoader());
            Class<?> type = loader.loadClass("com.example.shop.DemoApi");
            return new DemoApi(loader, type, (AutoCloseable) type.getMethod("start", int.class, String.class)
                    .invoke(null, 0, "demo-token"));
        }

        String baseUrl() throws Exception {
            return (String) type.getMethod("baseUrl").invoke(api);
        }

        /** Runs one execution to its end, checks it succeeded with the API's answer, and returns the new requests. */
        List<String> executeAndReceive(SfnClient sfn, String stateMachineArn, String input) throws Exception {
            int seen = received().size();
            String executionArn = sfn.startExecution(start -> start.stateMachineArn(stateMachineArn).input(input)).executionArn();
            DescribeExecutionResponse execution = awaitEnd(sfn, executionArn);
            assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.toString());
            assertTrue(execution.output().contains("\"statusCode\":200") && execution.output().contains("products"),
                    execution.output());
            List<?> all = received();
            return all.subList(seen, all.size()).stream().map(DemoApi::describe).toList();
        }

        private List<?> received() throws Exception {
            return (List<?>) type.getMethod("received").invoke(api);
        }

        private static String describe(Object request) {
            try {
                Class<?> record = request.getClass();
                Map<?, ?> query = (Map<?, ?>) record.getMethod("query").invoke(request);
                return record.getMethod("method").invoke(request) + " " + record.getMethod("path").invoke(request)
                        + " q=" + query.get("q") + " limit=" + query.get("limit");
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
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

        @Override
        public void close() throws Exception {
            try {
                api.close();
            } finally {
                loader.close();
            }
        }
    }
}
