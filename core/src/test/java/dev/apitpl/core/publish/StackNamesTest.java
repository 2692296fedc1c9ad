package dev.apitpl.core.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitpl.core.synth.StackOutputs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code -Dapitpl.stack}: the names come from a real CloudFormation stack's outputs (moto's server, created with the
 * SDK), and seed writes into the table the stack created, not the configured one. A missing stack and a missing output
 * are errors that say what to fix. Skipped where {@code moto_server} is not installed.
 */
class StackNamesTest {

    private static final String TABLE = "{\"Type\": \"AWS::DynamoDB::Table\", \"Properties\": {\"TableName\": \"stack-templates\","
            + " \"BillingMode\": \"PAY_PER_REQUEST\", \"AttributeDefinitions\": [{\"AttributeName\": \"PK\", \"AttributeType\": \"S\"},"
            + " {\"AttributeName\": \"SK\", \"AttributeType\": \"S\"}], \"KeySchema\": [{\"AttributeName\": \"PK\", \"KeyType\": \"HASH\"},"
            + " {\"AttributeName\": \"SK\", \"KeyType\": \"RANGE\"}]}}";
    private static MotoServer moto;
    @TempDir
    Path project;
    private final List<String> log = new ArrayList<>();

    @BeforeAll
    static void startMoto() throws Exception {
        moto = MotoServer.start();
        try (AwsClients aws = AwsClients.create(new AwsConnection("us-east-1", null, moto.endpoint()))) {
            aws.cloudFormation().createStack(b -> b.stackName("orders").templateBody("{\"Resources\": {\"Table\": " + TABLE
                    + "}, \"Outputs\": {\"" + StackOutputs.TEMPLATE_TABLE_NAME + "\": {\"Value\": {\"Ref\": \"Table\"}}, \""
                    + StackOutputs.API_CALL_FUNCTION_NAME + "\": {\"Value\": \"orders-api-call\"}, \""
                    + StackOutputs.STATE_MACHINE_NAME + "\": {\"Value\": \"orders\"}}}"));
            aws.cloudFormation().createStack(b -> b.stackName("older").templateBody("{\"Resources\": {\"Queue\": "
                    + "{\"Type\": \"AWS::SQS::Queue\"}}, \"Outputs\": {\"" + StackOutputs.TEMPLATE_TABLE_NAME
                    + "\": {\"Value\": \"older-templates\"}}}"));
        }
    }

    @AfterAll
    static void stopMoto() throws Exception {
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void seedWritesIntoTheTableTheStackNames() throws Exception {
        try (AwsClients aws = AwsClients.create(new AwsConnection("us-east-1", null, moto.endpoint()))) {
            WorkflowDeployment configured = WorkflowPublisherTest.deployment(project, "configured", "v1", 512, null, null, null);
            WorkflowDeployment fromStack = StackNames.resolve(aws, "orders", configured, StackNames.DEPLOY);
            assertEquals("stack-templates", fromStack.templateTable());
            assertEquals("orders-api-call", fromStack.function().name());
            assertEquals("orders", fromStack.stateMachine().name());
            assertEquals(configured.function().code(), fromStack.function().code(), "only the names change");

            SeedResult seeded = new TemplateSeeder(aws, log::add).seed(StackNames.resolve(aws, "orders", configured,
                    StackNames.SEED).templateTable(), ProjectTemplates.read(configured.templatesDirectory()),
                    TemplateSeeder.Options.DEFAULT);
            assertEquals(1, seeded.writes(), seeded.summary());
            Map<String, AttributeValue> item = aws.dynamoDb().getItem(b -> b.tableName("stack-templates").consistentRead(true)
                    .key(Map.of("PK", AttributeValue.fromS("get-user"), "SK", AttributeValue.fromS("GET")))).item();
            assertEquals("{{ baseUrl }}/users/{{ id }}", item.get("url").s());
            assertEquals(configured, StackNames.resolve(aws, " ", configured, StackNames.DEPLOY), "no stack: as configured");
        }
    }

    @Test
    void aMissingStackOrOutputSaysWhatToFix() throws Exception {
        try (AwsClients aws = AwsClients.create(new AwsConnection("us-east-1", null, moto.endpoint()))) {
            WorkflowDeployment configured = WorkflowPublisherTest.deployment(project, "c", "v1", 512, null, null, null);
            PublishException missing = assertThrows(PublishException.class,
                    () -> StackNames.resolve(aws, "no-such-stack", configured, StackNames.SEED));
            assertTrue(missing.getMessage().contains("stack no-such-stack was not found in us-east-1")
                    && missing.getMessage().contains("-Dapitpl.stack"), missing.getMessage());

            assertEquals("older-templates", StackNames.resolve(aws, "older", configured, StackNames.SEED).templateTable(),
                    "seed needs the table only");
            PublishException output = assertThrows(PublishException.class,
                    () -> StackNames.resolve(aws, "older", configured, StackNames.DEPLOY));
            assertTrue(output.getMessage().contains("has no output " + StackOutputs.API_CALL_FUNCTION_NAME)
                    && output.getMessage().contains("since apitpl " + StackOutputs.since(StackOutputs.API_CALL_FUNCTION_NAME))
                    && output.getMessage().contains("it has " + StackOutputs.TEMPLATE_TABLE_NAME), output.getMessage());
        }
    }
}
