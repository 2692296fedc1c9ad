package dev.apitpl.core.cli;

import dev.apitpl.core.engine.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code apitpl run}: exit codes, the DescribeExecution JSON and the readable trace. */
class RunCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String input, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--definition", "src/test/resources/local/orders.asl.json",
                "--substitutions", "src/test/resources/local/orders-substitutions.json",
                "--handler", "greeter=dev.apitpl.core.local.GreetingHandler", "--input", input));
        args.addAll(List.of(extra));
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void jsonModePrintsOneDescribeExecutionObjectAndExitsZeroOnSuccess() throws Exception {
        int exit = run("{\"orderId\": \"c-1\", \"customer\": \"Ada\"}", "--json");

        JsonNode described = Json.MAPPER.readTree(out());
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        assertEquals("SUCCEEDED", described.get("status").asText());
        assertEquals("hello Ada", Json.MAPPER.readTree(described.get("output").asText()).at("/greeting/text").asText());
    }

    @Test
    void jsonModeReportsErrorAndCauseAndExitsOneOnFailure() throws Exception {
        int exit = run("{\"orderId\": \"c-2\", \"customer\": \"C3PO\"}", "--json");

        JsonNode described = Json.MAPPER.readTree(out());
        assertEquals(1, exit);
        assertEquals("FAILED", described.get("status").asText());
        assertEquals("GreetingRejected", described.get("error").asText());
        assertEquals("The greeter refused the name.", described.get("cause").asText());
    }

    @Test
    void traceModePrintsEachStateThenTheOutput() {
        int exit = run("{\"orderId\": \"c-3\", \"customer\": \"Alan\"}");

        assertEquals(0, exit);
        assertTrue(out().contains("  GetOrder"), out());
        assertTrue(out().contains("SUCCEEDED in "), out());
        assertTrue(out().contains("\"text\" : \"hello Alan\""), out());
    }

    @Test
    void inputThatIsNotJsonExitsTwoWithTheReason() {
        int exit = run("{not json");

        assertEquals(2, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("The input is not JSON"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aMissingDefinitionOptionExitsTwoWithUsage() {
        int exit = Main.run(List.of("run", "--input", "{}"), new PrintStream(out), new PrintStream(err));

        assertEquals(2, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--definition is required"));
    }

    @Test
    void aRemoteDynamoDbEndpointWithoutARegionExitsTwoWithOneLineNamingTheFix(@TempDir Path dir) {
        assumeTrue(System.getenv("AWS_REGION") == null && System.getenv("AWS_DEFAULT_REGION") == null
                && System.getProperty("aws.region") == null, "an AWS region is configured in this environment");
        Path noConfig = dir.resolve("no-aws-config");
        Map<String, String> properties = Map.of("aws.configFile", noConfig.toString(),
                "aws.sharedCredentialsFile", noConfig.toString(), "aws.disableEc2Metadata", "true");
        properties.forEach(System::setProperty);
        try {
            int exit = run("{\"orderId\": \"c-4\", \"customer\": \"Ada\"}", "--json",
                    "--dynamodb-endpoint", "http://dynamodb.example.invalid:8000");

            String errText = err.toString(StandardCharsets.UTF_8);
            assertEquals(2, exit, errText);
            assertEquals(1, errText.strip().lines().count(), errText);
            assertTrue(errText.startsWith("apitpl run: Cannot use the DynamoDB endpoint "
                    + "http://dynamodb.example.invalid:8000: no AWS region is configured. "), errText);
            assertTrue(errText.contains("set AWS_REGION"), errText);
            assertEquals("", out());
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }

    @Test
    void aWholeValuePlaceholderRunsAsValidateReadsIt(@TempDir Path dir) throws Exception {
        Path definition = Files.writeString(dir.resolve("whole.asl.json"), """
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": ${P}, "End": true}}}""");
        Path substitutions = Files.writeString(dir.resolve("values.json"), "{\"P\": {\"a\": 1}}");

        int exit = Main.run(List.of("run", "--definition", definition.toString(), "--substitutions",
                substitutions.toString(), "--json"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        assertEquals("{\"a\":1}", Json.MAPPER.readTree(out()).get("output").asText());
    }

    @Test
    void aDefinitionTheValidatorRejectsExitsOneWithTheProblemsAsValidatePrintsThem(@TempDir Path dir) throws Exception {
        Path definition = Files.writeString(dir.resolve("typo.asl.json"),
                "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"B\"}}}");

        int exit = Main.run(List.of("run", "--definition", definition.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        String errText = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, exit, errText);
        assertTrue(errText.startsWith(definition + ":1:59: error ASL-TRANSITION-TARGET Next of 'A' names 'B'"), errText);
        assertTrue(errText.contains("apitpl: 1 error, 0 warnings in " + definition), errText);
        assertEquals("", out());
    }
}
