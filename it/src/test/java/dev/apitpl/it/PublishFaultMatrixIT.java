package dev.apitpl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Publishing's faults as a user meets them: {@code mvn apitpl:seed} against an endpoint that is not there, an endpoint
 * killed in the middle of a seed and restarted from its state folder, a template edited in the table by someone else,
 * and Ctrl-C on {@code mvn apitpl:start}. The endpoint is the command-line jar's {@code serve}, a process of its own
 * that can be killed; each case checks the error names the property and the fix, and that nothing was lost,
 * duplicated or half-written.
 */
@Tag("slow")
class PublishFaultMatrixIT {

    private static final Pattern ENDPOINT_URL = Pattern.compile("apitpl local AWS endpoint on (http://127\\.0\\.0\\.1:(\\d+))");
    private static final String TABLE = "it-templates";

    @TempDir
    Path dir;

    private SampleProject project;
    private MavenRun maven;

    @BeforeEach
    void aProjectThatPublishesTheSampleWorkflow() throws Exception {
        project = SampleProject.copyInto(dir.resolve("project"));
        project.write("pom.xml", """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>dev.apitpl.it</groupId>
                  <artifactId>publish-faults</artifactId>
                  <version>1.0</version>
                  <packaging>pom</packaging>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>dev.apitpl</groupId>
                        <artifactId>apitpl-maven-plugin</artifactId>
                        <version>%s</version>
                        <configuration>
                          <statemachineDirectory>${project.basedir}/statemachine</statemachineDirectory>
                          <templates>${project.basedir}/templates</templates>
                          <templateTable>%s</templateTable>
                          <region>eu-west-1</region>
                          <createTable>true</createTable>
                          <substitutions>
                            <TemplateTableName>%s</TemplateTableName>
                            <ApiCallFunctionArn>arn:aws:lambda:eu-west-1:123456789012:function:it-api-call</ApiCallFunctionArn>
                          </substitutions>
                        </configuration>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(System.getProperty("apitpl.version"), TABLE, TABLE));
        maven = MavenRun.forNestedBuilds();
    }

    private MavenRun.Result seed(String name, String endpoint, String... more) throws Exception {
        String[] args = new String[more.length + 2];
        args[0] = "apitpl:seed";
        args[1] = "-Dapitpl.endpoint=" + endpoint;
        System.arraycopy(more, 0, args, 2, more.length);
        return maven.run(project.root, name, Map.of(), args);
    }

    private static void assertLogHas(String expected, MavenRun.Result result) {
        assertTrue(result.log().contains(expected), "expected '" + expected + "' in " + result.describe());
    }

    @Test
    void seedWithTheEndpointUnreachableNamesTheEndpointAndHowToStartItAndChangesNothing() throws Exception {
        Map<String, String> before = project.contentDigests();
        int port = Ports.free();

        MavenRun.Result result = seed("unreachable", "http://127.0.0.1:" + port);

        assertEquals(1, result.exit(), result.describe());
        assertLogHas("cannot reach http://127.0.0.1:" + port, result);
        assertLogHas("start the endpoint (mvn apitpl:start", result);
        assertLogHas("-Dapitpl.endpoint", result);
        assertEquals(before, project.contentDigests(), "a failed seed leaves the project's files as they were");
    }

    @Test
    void theEndpointKilledMidSeedAndRestartedFromItsStateFolderLosesAndDuplicatesNothing() throws Exception {
        int templates = 3000;
        for (int i = 0; i < templates; i++) {
            String name = String.format("item-%04d", i);
            project.write("templates/" + name + ".json", "{\"name\": \"" + name + "\", \"method\": \"GET\", "
                    + "\"url\": \"https://api.example.com/items/" + i + "\"}");
        }
        Path state = dir.resolve("endpoint-state");
        int port = Ports.free();
        Endpoint endpoint = Endpoint.serve(dir.resolve("endpoint"), port, state);
        Process seed;
        try {
            seed = maven.start(project.root, "seed-killed", Map.of(), "apitpl:seed", "-Dapitpl.endpoint=" + endpoint.url);
            Path log = project.root.resolve("seed-killed.log");
            MavenRun.awaitLine(log, Pattern.compile("seed: \\d+/" + (templates + 1) + " written"), seed);
        } finally {
            endpoint.process.destroyForcibly(); // SIGKILL: no chance to finish anything
            endpoint.process.waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(seed.waitFor(3, TimeUnit.MINUTES), "seed ends when its endpoint is gone");
        String killedLog = Files.readString(project.root.resolve("seed-killed.log"));
        assertEquals(1, seed.exitValue(), killedLog);
        assertTrue(killedLog.contains("cannot reach " + endpoint.url) && killedLog.contains("a rerun resumes safely"),
                killedLog);

        Endpoint restarted = Endpoint.serve(dir.resolve("endpoint"), port, state);
        try {
            MavenRun.Result rerun = seed("seed-rerun", restarted.url);
            assertEquals(0, rerun.exit(), rerun.describe());
            Matcher summary = Pattern.compile("seed " + TABLE + ": (\\d+) created, 0 updated, (\\d+) unchanged, 0 conflicts, "
                    + "0 deleted").matcher(rerun.log());
            assertTrue(summary.find(), rerun.describe());
            int created = Integer.parseInt(summary.group(1));
            int unchanged = Integer.parseInt(summary.group(2));
            assertEquals(templates + 1, created + unchanged, "every template is either kept from before the kill or written now");
            assertTrue(unchanged > 0 && created > 0, "the kill landed mid-seed: " + summary.group());

            try (DynamoDbClient dynamoDb = dynamoDb(restarted.url)) {
                Map<String, String> urls = new HashMap<>();
                dynamoDb.scanPaginator(b -> b.tableName(TABLE).consistentRead(true)).items().forEach(item -> {
                    String previous = urls.put(item.get("PK").s() + " " + item.get("SK").s(), item.get("url").s());
                    assertEquals(null, previous, "one item per template");
                    assertTrue(item.containsKey("apitplContentHash"), "every item is whole: " + item);
                });
                assertEquals(templates + 1, urls.size(), "nothing lost, nothing extra");
                for (int i = 0; i < templates; i++) {
                    assertEquals("https://api.example.com/items/" + i, urls.get(String.format("item-%04d GET", i)));
                }
            }
        } finally {
            restarted.stop();
        }
    }

    @Test
    void aTemplateEditedInTheTableIsReportedNotOverwrittenUntilForced() throws Exception {
        Endpoint endpoint = Endpoint.serve(dir.resolve("endpoint"), 0, null);
        try (DynamoDbClient dynamoDb = dynamoDb(endpoint.url)) {
            MavenRun.Result first = seed("seed-first", endpoint.url);
            assertEquals(0, first.exit(), first.describe());
            assertLogHas("seed " + TABLE + ": 1 created", first);

            Map<String, AttributeValue> key = Map.of("PK", AttributeValue.fromS("greeting"), "SK", AttributeValue.fromS("GET"));
            String edited = "https://elsewhere.example.com/greeting";
            dynamoDb.updateItem(b -> b.tableName(TABLE).key(key).updateExpression("SET #u = :u")
                    .expressionAttributeNames(Map.of("#u", "url")).expressionAttributeValues(Map.of(":u", AttributeValue.fromS(edited))));

            MavenRun.Result refused = seed("seed-conflict", endpoint.url);
            assertEquals(0, refused.exit(), refused.describe());
            assertLogHas("seed: conflict greeting GET:", refused);
            assertLogHas("not overwritten (-Dapitpl.force=true overwrites)", refused);
            assertLogHas("seed " + TABLE + ": 0 created, 0 updated, 0 unchanged, 1 conflict, 0 deleted", refused);
            assertEquals(edited, url(dynamoDb, key), "the remote edit is kept");

            MavenRun.Result forced = seed("seed-forced", endpoint.url, "-Dapitpl.force=true");
            assertEquals(0, forced.exit(), forced.describe());
            assertLogHas("seed " + TABLE + ": 0 created, 1 updated, 0 unchanged, 0 conflicts, 0 deleted", forced);
            assertEquals("{{ apiBaseUrl }}/greeting", url(dynamoDb, key), "force writes the project's template");
        } finally {
            endpoint.stop();
        }
    }

    @Test
    void ctrlCOnApitplStartFreesThePortAndLeavesNoProcess() throws Exception {
        Process start = maven.start(project.root, "start", Map.of(), "apitpl:start");
        Matcher started;
        try {
            started = MavenRun.awaitLine(project.root.resolve("start.log"), ENDPOINT_URL, start);
        } catch (AssertionError | RuntimeException e) {
            start.destroyForcibly();
            throw e;
        }
        int port = Integer.parseInt(started.group(2));
        List<ProcessHandle> children = start.descendants().toList();

        new ProcessBuilder("kill", "-INT", Long.toString(start.pid())).start().waitFor();

        boolean ended = start.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            start.destroyForcibly();
        }
        assertTrue(ended, "Ctrl-C ends apitpl:start");
        assertTrue(children.stream().noneMatch(ProcessHandle::isAlive), "no process of the endpoint outlives it");
        assertTrue(Ports.isFree(port), "the endpoint's port is free again");
    }

    private static String url(DynamoDbClient dynamoDb, Map<String, AttributeValue> key) {
        return dynamoDb.getItem(b -> b.tableName(TABLE).key(key).consistentRead(true)).item().get("url").s();
    }

    private static DynamoDbClient dynamoDb(String url) {
        return DynamoDbClient.builder().endpointOverride(URI.create(url)).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
    }

    /** The command-line jar's {@code serve}, as a user starts it in a terminal. */
    private record Endpoint(Process process, String url) {

        static Endpoint serve(Path workingDirectory, int port, Path stateDir) throws Exception {
            Files.createDirectories(workingDirectory);
            List<String> args = new ArrayList<>(List.of("serve", "--port", Integer.toString(port)));
            if (stateDir != null) {
                args.addAll(List.of("--state-dir", stateDir.toString()));
            }
            Process process = CliRun.start(workingDirectory, Map.of(), args.toArray(String[]::new));
            Matcher started = MavenRun.awaitLine(workingDirectory.resolve(".cli-out.txt"), ENDPOINT_URL, process);
            return new Endpoint(process, started.group(1));
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
