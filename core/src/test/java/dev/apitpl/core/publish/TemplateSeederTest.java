package dev.apitpl.core.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitpl.runtime.template.ApiTemplate;
import dev.apitpl.runtime.template.TemplateCodec;
import dev.apitpl.runtime.template.TemplateContentHash;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Seed against DynamoDB Local served over HTTP on 127.0.0.1, through a proxy that counts requests and injects faults. */
class TemplateSeederTest {

    private static DynamoDbServer dynamoDb;
    private final List<String> log = new ArrayList<>();

    @BeforeAll
    static void startDynamoDb() throws Exception {
        dynamoDb = DynamoDbServer.start();
    }

    @AfterAll
    static void stopDynamoDb() throws Exception {
        dynamoDb.close();
    }

    static ApiTemplate template(String name, String url) {
        return TemplateCodec.fromJson("{\"name\":\"" + name + "\",\"method\":\"GET\",\"url\":\"" + url + "\","
                + "\"headers\":{\"Accept\":\"application/json\"},\"body\":{\"n\":1.50,\"tags\":[\"a\"]}}");
    }

    static List<ApiTemplate> templates(int count, String version) {
        return IntStream.range(0, count).mapToObj(i -> template("t" + i, "https://api.example.com/" + version + "/" + i)).toList();
    }

    private SeedResult seed(FaultProxy proxy, String table, List<ApiTemplate> templates, TemplateSeeder.Options options)
            throws PublishException {
        try (AwsClients aws = AwsClients.create(new AwsConnection("eu-west-1", null, proxy.endpoint()))) {
            return new TemplateSeeder(aws, log::add).seed(table, templates, options);
        }
    }

    private static TemplateSeeder.Options create() {
        return new TemplateSeeder.Options(true, false, false, false);
    }

    @Test
    void createsTheTableThenARerunWritesNothing() throws Exception {
        try (FaultProxy proxy = new FaultProxy(dynamoDb.endpoint())) {
            SeedResult first = seed(proxy, "rerun", templates(5, "v1"), create());
            assertEquals(5, first.created());
            assertEquals(1, proxy.count("CreateTable"));
            assertEquals("seed rerun: 5 created, 0 updated, 0 unchanged, 0 conflicts, 0 deleted", log.get(log.size() - 1));
            proxy.resetCounts();
            SeedResult second = seed(proxy, "rerun", templates(5, "v1"), TemplateSeeder.Options.DEFAULT);
            assertEquals(5, second.unchanged());
            assertEquals(0, second.writes());
            assertEquals(0, proxy.writeCalls(), "an unchanged rerun sends no write");
            assertEquals(0, proxy.count("CreateTable"));
            Map<String, AttributeValue> item = item(proxy, "rerun", "t0");
            assertEquals(TemplateContentHash.of(templates(1, "v1").get(0)), item.get(TemplateCodec.CONTENT_HASH_ATTRIBUTE).s());
        }
    }

    @Test
    void largeSetsGoOutAsConditionalTransactionsOfUpToAHundred() throws Exception {
        try (FaultProxy proxy = new FaultProxy(dynamoDb.endpoint())) {
            SeedResult created = seed(proxy, "large", templates(1000, "v1"), create());
            assertEquals(1000, created.created());
            assertEquals(0, proxy.count("PutItem"), "no write one by one: " + proxy.calls());
            assertEquals(17, proxy.count("TransactWriteItems"), "1000 writes in groups of 62 (16 in flight): " + proxy.calls());
            proxy.resetCounts();
            SeedResult updated = seed(proxy, "large", templates(1000, "v2"), TemplateSeeder.Options.DEFAULT);
            assertEquals(1000, updated.updated());
            assertEquals(17, proxy.count("TransactWriteItems"));
            assertEquals("https://api.example.com/v2/999", item(proxy, "large", "t999").get("url").s());
            proxy.resetCounts();
            assertEquals(1000, seed(proxy, "large", templates(1000, "v2"), TemplateSeeder.Options.DEFAULT).unchanged());
            assertEquals(0, proxy.writeCalls());
        }
    }

    @Test
    void aFailedConditionInATransactionLeavesThatItemAndWritesTheOthers() throws Exception {
        try (FaultProxy proxy = new FaultProxy(dynamoDb.endpoint());
             AwsClients aws = AwsClients.create(new AwsConnection("eu-west-1", null, proxy.endpoint()))) {
            seed(proxy, "transaction", templates(2, "v1"), create());
            Map<String, AttributeValue> t0 = item(proxy, "transaction", "t0");
            Map<String, AttributeValue> t1 = item(proxy, "transaction", "t1");
            Map<String, AttributeValue> staleT1 = new LinkedHashMap<>(t1);
            staleT1.put("url", AttributeValue.fromS("https://api.example.com/as-read-before-someone-else-wrote"));

            boolean[] written = new TemplateTable(aws, "transaction").writeAll(List.of(
                    change(TemplateChange.Action.UPDATE, template("t0", "https://api.example.com/v2/0"), t0),
                    change(TemplateChange.Action.UPDATE, template("t1", "https://api.example.com/v2/1"), staleT1),
                    change(TemplateChange.Action.CREATE, template("t2", "https://api.example.com/v2/2"), null)));

            assertArrayEquals(new boolean[] {true, false, true}, written);
            assertEquals(2, proxy.count("TransactWriteItems"), "cancelled once, then sent again without the failed write");
            assertEquals("https://api.example.com/v2/0", item(proxy, "transaction", "t0").get("url").s());
            assertEquals(t1, item(proxy, "transaction", "t1"), "the item whose condition failed is untouched");
            assertEquals("https://api.example.com/v2/2", item(proxy, "transaction", "t2").get("url").s());
        }
    }

    private static TemplateChange change(TemplateChange.Action action, ApiTemplate template, Map<String, AttributeValue> remote) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(TemplateCodec.toAttributeValues(template));
        item.put(TemplateCodec.CONTENT_HASH_ATTRIBUTE, AttributeValue.fromS(TemplateContentHash.of(template)));
        return new TemplateChange(template.name(), template.method(), action, List.of(), null, item, remote);
    }

    @Test
    void aRemoteEditIsAConflictNotOverwrittenUnlessForced() throws Exception {
        try (FaultProxy proxy = new FaultProxy(dynamoDb.endpoint())) {
            seed(proxy, "edits", templates(3, "v1"), create());
            // Someone edits t1 in the console: content changes, the stored hash stays what apitpl wrote.
            Map<String, AttributeValue> edited = new java.util.HashMap<>(item(proxy, "edits", "t1"));
            edited.put("url", AttributeValue.fromS("https://console.example.com/edited"));
            put(proxy, "edits", edited);

            SeedResult second = seed(proxy, "edits", templates(3, "v2"), TemplateSeeder.Options.DEFAULT);
            assertEquals(2, second.updated());
            assertEquals(1, second.conflicts().size());
            assertEquals("t1 GET", second.conflicts().get(0).label());
            assertEquals(List.of("url"), second.conflicts().get(0).differingFields());
            assertTrue(log.stream().anyMatch(line -> line.contains("conflict t1 GET") && line.contains("-Dapitpl.force=true")), log.toString());
            assertEquals("https://console.example.com/edited", item(proxy, "edits", "t1").get("url").s(), "not overwritten");
            assertEquals("https://api.example.com/v2/0", item(proxy, "edits", "t0").get("url").s());

            SeedResult forced = seed(proxy, "edits", templates(3, "v2"), new TemplateSeeder.Options(false, true, false, false));
            assertEquals(1, forced.updated());
            assertEquals(2, forced.unchanged());
            assertEquals("https://api.example.com/v2/1", item(proxy, "edits", "t1").get("url").s());
        }
    }

    @Test
    void anItemChangedBetweenReadAndWriteIsNotOverwritten() throws Exception {
        try (FaultProxy proxy = new FaultProxy(dynamoDb.endpoint());
             AwsClients aws = AwsClients.create(new AwsConnection("eu-west-1", null, proxy.endpoint()))) {
            seed(proxy, "race", templates(1, "v1"), create());
            TemplateSeeder seeder = new TemplateSeeder(aws, log::add);
            SeedPlan plan = seeder.plan("race", templates(1, "v2"), TemplateSeeder.Options.DEFAULT);
            assertEquals(TemplateChange.Action.UPDATE, plan.changes().get(0).action());
            // A console edit lands after the read: the write's condition (the item exactly as read) must fail.
            Map<String, AttributeValue> edited = new java.util.HashMap<>(item(proxy, "race", "t0"));
            edited.put("headers", AttributeValue.fromM(Map.of("Accept", AttributeValue.fromS("text/plain"))));
            put(proxy, "race", edited);
            TemplateChange change = plan.changes().get(0);
            assertFalse(new TemplateTable(aws, "race").putIfUnchanged(change.item(), change.remote()));
            assertEquals("text/plain", item(proxy, "race", "t0").get("headers").m().get("Accept").s());
        }
    }

    @Test
    void pruneDeletesOnlyUnchangedItemsApitplWrote() throws Exception {
        try (FaultProxy proxy = new FaultProxy(dynamoDb.endpoint())) {
            seed(proxy, "prune", templates(3, "v1"), create());
            put(proxy, "prune", TemplateCodec.toAttributeValues(template("handmade", "https://api.example.com/h")));
            SeedResult kept = seed(proxy, "prune", templates(1, "v1"), TemplateSeeder.Options.DEFAULT);
            assertEquals(0, kept.deleted());
            SeedResult pruned = seed(proxy, "prune", templates(1, "v1"), new TemplateSeeder.Options(false, false, true, false));
            assertEquals(2, pruned.deleted());
            assertTrue(item(proxy, "prune", "t2").isEmpty());
            assertFalse(item(proxy, "prune", "handmade").isEmpty(), "an item apitpl did not write is never pruned");
        }
    }

    @Test
    void throttlingAndUnprocessedItemsAreRetriedToCompletion() throws Exception {
        try (FaultProxy proxy = new FaultProxy(dynamoDb.endpoint())) {
            seed(proxy, "faults", List.of(), create());
            proxy.throttleEveryNthWrite = 3;
            proxy.halfOfEachBatchUnprocessed = true;
            SeedResult created = seed(proxy, "faults", templates(60, "v1"), TemplateSeeder.Options.DEFAULT);
            assertEquals(60, created.created());
            // Forced writes go in batches: half of each comes back unprocessed and is resent.
            try (AwsClients aws = AwsClients.create(new AwsConnection("eu-west-1", null, dynamoDb.endpoint()))) {
                for (Map<String, AttributeValue> item : aws.dynamoDb().scan(b -> b.tableName("faults")).items()) {
                    Map<String, AttributeValue> edited = new java.util.HashMap<>(item);
                    edited.put("description", AttributeValue.fromS("edited"));
                    aws.dynamoDb().putItem(b -> b.tableName("faults").item(edited));
                }
            }
            SeedResult forced = seed(proxy, "faults", templates(60, "v1"), new TemplateSeeder.Options(false, true, false, false));
            assertEquals(60, forced.updated());
            assertTrue(proxy.count("BatchWriteItem") > 3, "unprocessed items were resent: " + proxy.count("BatchWriteItem"));
            proxy.throttleEveryNthWrite = 0;
            assertEquals(60, seed(proxy, "faults", templates(60, "v1"), TemplateSeeder.Options.DEFAULT).unchanged());
        }
    }

    @Test
    void anEndpointDyingMidSeedIsReportedAndARerunCompletes() throws Exception {
        try (FaultProxy proxy = new FaultProxy(dynamoDb.endpoint())) {
            seed(proxy, "dies", List.of(), create());
            proxy.dieAfterWrites = 10;
            PublishException stopped = assertThrows(PublishException.class,
                    () -> seed(proxy, "dies", templates(40, "v1"), TemplateSeeder.Options.DEFAULT));
            assertTrue(stopped.getMessage().contains("stopped after"), stopped.getMessage());
            assertTrue(stopped.getMessage().contains("rerun to resume"), stopped.getMessage());
            assertTrue(stopped.getMessage().contains("-Dapitpl.endpoint"), stopped.getMessage());
        }
        try (FaultProxy restarted = new FaultProxy(dynamoDb.endpoint())) {
            SeedResult rerun = seed(restarted, "dies", templates(40, "v1"), TemplateSeeder.Options.DEFAULT);
            assertEquals(40, rerun.created() + rerun.unchanged());
            assertTrue(rerun.unchanged() >= 10, rerun.summary());
            assertEquals(0, rerun.conflicts().size());
            try (AwsClients aws = AwsClients.create(new AwsConnection("eu-west-1", null, restarted.endpoint()))) {
                assertEquals(40, aws.dynamoDb().scan(b -> b.tableName("dies").consistentRead(true)).count());
            }
        }
    }

    @Test
    void dryRunWritesNothing() throws Exception {
        try (FaultProxy proxy = new FaultProxy(dynamoDb.endpoint())) {
            seed(proxy, "dry", templates(2, "v1"), create());
            proxy.resetCounts();
            SeedResult dry = seed(proxy, "dry", templates(4, "v2"), new TemplateSeeder.Options(false, false, false, true));
            assertEquals(2, dry.created());
            assertEquals(2, dry.updated());
            assertTrue(dry.summary().startsWith("seed (dry run, nothing written) dry: 2 created, 2 updated"), dry.summary());
            assertEquals(0, proxy.writeCalls());
        }
    }

    @Test
    void aMissingTableNamesCreateTable() throws Exception {
        try (FaultProxy proxy = new FaultProxy(dynamoDb.endpoint())) {
            PublishException missing = assertThrows(PublishException.class,
                    () -> seed(proxy, "nosuchtable", templates(1, "v1"), TemplateSeeder.Options.DEFAULT));
            assertTrue(missing.getMessage().contains("-Dapitpl.createTable=true"), missing.getMessage());
            assertTrue(missing.getMessage().contains("eu-west-1"), missing.getMessage());
        }
    }

    @Test
    void anUnreachableEndpointSaysWhichAndHowToFixIt() throws Exception {
        java.net.URI nowhere = java.net.URI.create("http://127.0.0.1:" + DynamoDbServer.freePort());
        try (AwsClients aws = AwsClients.create(new AwsConnection("eu-west-1", null, nowhere))) {
            AwsException e = assertThrows(AwsException.class,
                    () -> new TemplateSeeder(aws, log::add).seed("t", templates(1, "v1"), TemplateSeeder.Options.DEFAULT));
            assertEquals("EndpointUnreachable", e.errorCode());
            assertEquals("DescribeTable", e.operation());
            assertTrue(e.getMessage().contains(nowhere.toString()) && e.getMessage().contains("-Dapitpl.endpoint"), e.getMessage());
        }
    }

    private static Map<String, AttributeValue> item(FaultProxy proxy, String table, String name) {
        try (AwsClients aws = AwsClients.create(new AwsConnection("eu-west-1", null, proxy.endpoint()))) {
            return aws.dynamoDb().getItem(b -> b.tableName(table).key(TemplateCodec.key(name, "GET")).consistentRead(true)).item();
        }
    }

    private static void put(FaultProxy proxy, String table, Map<String, AttributeValue> item) {
        try (AwsClients aws = AwsClients.create(new AwsConnection("eu-west-1", null, proxy.endpoint()))) {
            aws.dynamoDb().putItem(b -> b.tableName(table).item(item));
        }
    }
}
