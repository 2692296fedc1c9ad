package dev.apitpl.core.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitpl.core.endpoint.LocalEndpoint;
import dev.apitpl.core.endpoint.dynamodb.DynamoDbFaults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed on the project's own local endpoint (one URL, its DynamoDB), through the counting proxy: the endpoint's own
 * injected throttling and UnprocessedItems are retried to completion, a rerun writes nothing, and a stopped endpoint
 * restarted from its state folder resumes with nothing lost or duplicated.
 */
class SeedOnLocalEndpointTest {

    @TempDir
    Path state;
    private final List<String> log = new ArrayList<>();

    @Test
    void theEndpointsFaultsAreRetriedAndARerunWritesNothing() throws Exception {
        try (LocalEndpoint endpoint = LocalEndpoint.builder().dynamoDbFaults(new DynamoDbFaults(0.3, 0.5, 11)).start();
             FaultProxy proxy = new FaultProxy(endpoint.url());
             AwsClients aws = AwsClients.create(new AwsConnection(null, null, proxy.endpoint()))) {
            TemplateSeeder seeder = new TemplateSeeder(aws, log::add);
            SeedResult created = seeder.seed("on-endpoint", TemplateSeederTest.templates(50, "v1"),
                    new TemplateSeeder.Options(true, false, false, false));
            assertEquals(50, created.created());
            SeedResult forced = seeder.seed("on-endpoint", TemplateSeederTest.templates(50, "v1"),
                    new TemplateSeeder.Options(false, true, false, false));
            assertEquals(50, forced.unchanged(), "force writes only conflicts, and there are none");
            proxy.resetCounts();
            SeedResult rerun = seeder.seed("on-endpoint", TemplateSeederTest.templates(50, "v1"), TemplateSeeder.Options.DEFAULT);
            assertEquals(50, rerun.unchanged());
            assertEquals(0, proxy.writeCalls());
        }
    }

    @Test
    void aStoppedEndpointIsReportedAndTheRerunAfterARestartCompletes() throws Exception {
        int port = DynamoDbServer.freePort();
        try (LocalEndpoint endpoint = LocalEndpoint.builder().port(port).stateDir(state).start();
             FaultProxy proxy = new FaultProxy(endpoint.url());
             AwsClients aws = AwsClients.create(new AwsConnection(null, null, proxy.endpoint()))) {
            new TemplateSeeder(aws, log::add).seed("restart", List.of(), new TemplateSeeder.Options(true, false, false, false));
            proxy.dieAfterWrites = 15;
            PublishException stopped = org.junit.jupiter.api.Assertions.assertThrows(PublishException.class,
                    () -> new TemplateSeeder(aws, log::add).seed("restart", TemplateSeederTest.templates(60, "v1"),
                            TemplateSeeder.Options.DEFAULT));
            assertTrue(stopped.getMessage().contains("rerun to resume"), stopped.getMessage());
        }
        try (LocalEndpoint restarted = LocalEndpoint.builder().port(port).stateDir(state).start();
             AwsClients aws = AwsClients.create(new AwsConnection(null, null, restarted.url()))) {
            SeedResult rerun = new TemplateSeeder(aws, log::add).seed("restart", TemplateSeederTest.templates(60, "v1"),
                    TemplateSeeder.Options.DEFAULT);
            assertEquals(60, rerun.created() + rerun.unchanged(), rerun.summary());
            assertTrue(rerun.unchanged() >= 15, rerun.summary());
            assertEquals(0, rerun.conflicts().size());
            assertEquals(60, aws.dynamoDb().scan(b -> b.tableName("restart").consistentRead(true)).count());
        }
    }
}
