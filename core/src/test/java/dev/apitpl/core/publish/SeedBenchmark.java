package dev.apitpl.core.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apitpl.core.endpoint.LocalEndpoint;
import dev.apitpl.runtime.template.ApiTemplate;
import dev.apitpl.runtime.template.TemplateCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seed of 10,000 templates over HTTP into the local endpoint's DynamoDB (behind the counting proxy) against a loop
 * of one PutItem at a time, in the same run, then the rerun of the same 10,000. For scale, the same 10,000 written
 * without any condition in BatchWriteItems of 25: what DynamoDB Local itself can take, which no seed can beat. Not a
 * timed test: it prints figures.
 * {@code mvn -B -pl core -am -Pbench test -Dtest=SeedBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
class SeedBenchmark {

    private static final int TEMPLATES = Integer.getInteger("apitpl.bench.templates", 10_000);

    @Test
    void seedVersusOnePutAtATime() throws Exception {
        List<ApiTemplate> templates = TemplateSeederTest.templates(TEMPLATES, "bench");
        try (LocalEndpoint endpoint = LocalEndpoint.builder().start(); FaultProxy proxy = new FaultProxy(endpoint.url());
             AwsClients aws = AwsClients.create(new AwsConnection("eu-west-1", null, proxy.endpoint()))) {
            for (String table : List.of("loop", "seeded", "batched", "warm-loop", "warm-seeded", "warm-batched")) {
                new TemplateTable(aws, table).create();
            }
            TemplateSeeder seeder = new TemplateSeeder(aws, line -> { });
            // warm-up of both paths on a small set in tables of their own, so that neither pays the JIT alone and
            // both measured tables start empty
            seeder.seed("warm-seeded", TemplateSeederTest.templates(200, "warm"), TemplateSeeder.Options.DEFAULT);
            TemplateSeederTest.templates(200, "warm").forEach(t -> aws.dynamoDb().putItem(b -> b.tableName("warm-loop")
                    .item(TemplateCodec.toAttributeValues(t))));
            new TemplateTable(aws, "warm-batched").putAll(TemplateSeederTest.templates(200, "warm").stream()
                    .map(TemplateCodec::toAttributeValues).toList(), () -> { });

            long loopStart = System.nanoTime();
            for (ApiTemplate template : templates) {
                aws.dynamoDb().putItem(b -> b.tableName("loop").item(TemplateCodec.toAttributeValues(template)));
            }
            double loopSeconds = (System.nanoTime() - loopStart) / 1e9;

            long batchStart = System.nanoTime();
            new TemplateTable(aws, "batched").putAll(templates.stream().map(TemplateCodec::toAttributeValues).toList(), () -> { });
            double batchSeconds = (System.nanoTime() - batchStart) / 1e9;

            proxy.resetCounts();
            long seedStart = System.nanoTime();
            SeedResult first = seeder.seed("seeded", templates, TemplateSeeder.Options.DEFAULT);
            double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
            int firstWrites = proxy.writeCalls();

            proxy.resetCounts();
            long rerunStart = System.nanoTime();
            SeedResult rerun = seeder.seed("seeded", templates, TemplateSeeder.Options.DEFAULT);
            double rerunSeconds = (System.nanoTime() - rerunStart) / 1e9;
            assertEquals(TEMPLATES, first.created());
            assertEquals(TEMPLATES, rerun.unchanged());
            assertEquals(0, proxy.writeCalls());

            System.out.printf("SeedBenchmark %d templates: one PutItem at a time %.2f s (%.0f/s); seed %.2f s (%.0f/s, %d write calls) = %.1fx;"
                            + " rerun %.2f s, 0 writes, %.2f of the first seed's time;"
                            + " unconditional BatchWriteItem (DynamoDB Local's floor) %.2f s = %.1fx the loop, seed at %.2f of it%n",
                    TEMPLATES, loopSeconds, TEMPLATES / loopSeconds, seedSeconds, TEMPLATES / seedSeconds, firstWrites,
                    loopSeconds / seedSeconds, rerunSeconds, rerunSeconds / seedSeconds, batchSeconds, loopSeconds / batchSeconds,
                    seedSeconds / batchSeconds);
        }
    }
}
