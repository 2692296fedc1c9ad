package dev.apitpl.core.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitpl.core.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The publishing commands of the command-line jar, and the AWS settings' errors, against DynamoDB Local over HTTP. */
class PublishCommandLineTest {

    @TempDir
    Path dir;

    @Test
    void seedTwiceFromTheCommandLineWritesOnce() throws Exception {
        Path templates = Files.createDirectories(dir.resolve("templates"));
        Files.writeString(templates.resolve("get-user.json"),
                "{\"name\": \"get-user\", \"method\": \"GET\", \"url\": \"https://api.example.com/users\"}");
        try (DynamoDbServer dynamoDb = DynamoDbServer.start()) {
            List<String> args = List.of("seed", "--definition", "src/test/resources/local/reference-workflow.asl.json",
                    "--templates", templates.toString(), "--table", "cli", "--endpoint", dynamoDb.endpoint().toString(),
                    "--create-table");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertEquals(0, Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)),
                    err.toString(StandardCharsets.UTF_8));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("seed cli: 1 created, 0 updated, 0 unchanged, 0 conflicts, 0 deleted"),
                    out.toString(StandardCharsets.UTF_8));
            out.reset();
            assertEquals(0, Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("0 created, 0 updated, 1 unchanged"), out.toString(StandardCharsets.UTF_8));

            ByteArrayOutputStream missing = new ByteArrayOutputStream();
            List<String> noTable = List.of("seed", "--definition", "src/test/resources/local/reference-workflow.asl.json", "--templates", templates.toString(),
                    "--table", "absent", "--endpoint", dynamoDb.endpoint().toString());
            assertEquals(1, Main.run(noTable, System.out, new PrintStream(missing, true, StandardCharsets.UTF_8)));
            String noTableError = missing.toString(StandardCharsets.UTF_8);
            assertTrue(noTableError.contains("create it with --create-table, or name the existing table with --table"), noTableError);
            assertFalse(noTableError.contains("-Dapitpl.") || noTableError.contains("<createTable>"), noTableError);
        }
    }

    @Test
    void missingCredentialsSayHowToConfigureThem() {
        // A named profile that does not exist: the SDK finds no credentials before sending anything.
        try (AwsClients aws = AwsClients.create(new AwsConnection("eu-west-1", "apitpl-test-no-such-profile",
                java.net.URI.create("http://127.0.0.1:9")))) {
            AwsException e = assertThrows(AwsException.class,
                    () -> aws.call("DynamoDB", "DescribeTable", () -> aws.dynamoDb().describeTable(b -> b.tableName("t"))));
            assertEquals("NoCredentials", e.errorCode());
            assertTrue(e.getMessage().contains("-Dapitpl.profile") && e.getMessage().contains("aws configure"), e.getMessage());
        }
    }

    @Test
    void aBadEndpointNamesTheProperty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AwsConnection.of(null, null, "127.0.0.1:4566"));
        assertTrue(e.getMessage().contains("-Dapitpl.endpoint"), e.getMessage());
    }
}
