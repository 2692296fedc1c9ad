package dev.apitpl.core.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitpl.core.engine.ExecutionStatus;
import dev.apitpl.core.engine.task.LambdaFunctions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One local execution from definition file to result, and the clear errors for what cannot run. */
class LocalRunTest {

    static final Path ORDERS = Path.of("src/test/resources/local/orders.asl.json");
    static final Map<String, String> SUBSTITUTIONS = Map.of("OrdersTable", "Orders",
            "GreeterArn", "arn:aws:lambda:eu-west-1:123456789012:function:greeter");

    @TempDir
    Path dir;

    static LocalSetup ordersSetup() {
        return LocalSetup.defaults().withSubstitutions(SUBSTITUTIONS)
                .withFunctions(LambdaFunctions.builder().handler("greeter", GreetingHandler.class.getName()).build());
    }

    @Test
    void runsDynamoDbAndLambdaTasksLocallyAndTracesEveryState() throws Exception {
        List<String> trace = new ArrayList<>();

        LocalRun.Outcome outcome = LocalRun.run(new LocalRun.Request(ORDERS,
                "{\"orderId\": \"o-1\", \"customer\": \"Ada\"}", ordersSetup()), trace::add);

        assertEquals(ExecutionStatus.SUCCEEDED, outcome.result().status(), outcome.summary());
        assertEquals("hello Ada", outcome.result().output().at("/greeting/text").asText());
        assertEquals("Ada", outcome.result().output().at("/order/Item/customer/S").asText());
        String text = String.join("\n", trace);
        for (String state : List.of("PutOrder", "GetOrder", "Greet", "Done")) {
            assertTrue(text.contains("  " + state), "trace names " + state + ":\n" + text);
        }
        assertTrue(text.contains(" ms  -> "), text);
    }

    @Test
    void aFailedExecutionCarriesTheFailStatesErrorAndCause() throws Exception {
        LocalRun.Outcome outcome = LocalRun.run(new LocalRun.Request(ORDERS,
                "{\"orderId\": \"o-2\", \"customer\": \"R2D2\"}", ordersSetup()), line -> { });

        assertEquals(ExecutionStatus.FAILED, outcome.result().status());
        assertEquals("GreetingRejected", outcome.result().error());
        assertEquals("The greeter refused the name.", outcome.result().cause());
        assertEquals("FAILED", outcome.describeExecution().get("status").asText());
        assertEquals("GreetingRejected", outcome.describeExecution().get("error").asText());
    }

    @Test
    void templatesAreSeededIntoTheTableTheDefinitionReads() throws Exception {
        List<String> trace = new ArrayList<>();
        LocalSetup setup = LocalSetup.defaults().withTemplates(Path.of("src/test/resources/local/templates"))
                .withSubstitutions(Map.of("TemplateTableName", "ApiTemplates"));

        LocalRun.Outcome outcome = LocalRun.run(new LocalRun.Request(Path.of("src/test/resources/local/get-template.asl.json"),
                "{\"templateName\": \"get-user\", \"method\": \"GET\"}", setup), trace::add);

        assertEquals("{{ baseUrl }}/users/{{ id }}", outcome.result().output().at("/template/Item/url/S").asText());
        assertEquals("get-user", outcome.result().output().at("/template/Item/PK/S").asText());
        assertEquals("GET", outcome.result().output().at("/template/Item/SK/S").asText());
        assertTrue(trace.contains("Seeded 1 template(s) from src/test/resources/local/templates into table ApiTemplates"
                + " (keys PK, SK)"), String.join("\n", trace));
    }

    @Test
    void anInvalidTableNameIsReportedAsASetupProblem() {
        LocalSetup setup = LocalSetup.defaults().withSubstitutions(Map.of("TemplateTableName", "T"));

        LocalRunException failure = assertThrows(LocalRunException.class, () -> LocalRun.run(new LocalRun.Request(
                Path.of("src/test/resources/local/get-template.asl.json"), "{}", setup), line -> { }));

        assertTrue(failure.getMessage().contains("cannot create the template table 'T'"), failure.getMessage());
    }

    @Test
    void anInvalidTemplateFileIsNamed() throws Exception {
        Path templates = Files.createDirectories(dir.resolve("templates"));
        Files.writeString(templates.resolve("broken.json"), "{\"name\": \"x\", \"method\": \"GET\", \"ur\": \"https://a\"}");
        LocalSetup setup = LocalSetup.defaults().withTemplates(templates)
                .withSubstitutions(Map.of("TemplateTableName", "ApiTemplates"));

        LocalRunException failure = assertThrows(LocalRunException.class, () -> LocalRun.run(new LocalRun.Request(
                Path.of("src/test/resources/local/get-template.asl.json"), "{}", setup), line -> { }));

        assertTrue(failure.getMessage().startsWith(templates.resolve("broken.json") + ": "), failure.getMessage());
    }

    @Test
    void inputFromAFileIsRead() throws Exception {
        Path input = Files.writeString(dir.resolve("input.json"), "{\"orderId\": \"o-3\", \"customer\": \"Edsger\"}");

        LocalRun.Outcome outcome = LocalRun.run(new LocalRun.Request(ORDERS, "@" + input, ordersSetup()), line -> { });

        assertEquals("hello Edsger", outcome.result().output().at("/greeting/text").asText());
    }

    @Test
    void inputThatIsNotJsonIsRejectedBeforeAnythingStarts() {
        LocalRunException failure = assertThrows(LocalRunException.class, () -> LocalRun.run(
                new LocalRun.Request(ORDERS, "{orderId: o-1", ordersSetup()), line -> { }));

        assertTrue(failure.getMessage().startsWith("The input is not JSON"), failure.getMessage());
    }

    @Test
    void anUnparsableDefinitionIsNamed() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.asl.json"), "{\"StartAt\": \"A\", \"States\": {");

        LocalRunException failure = assertThrows(LocalRunException.class, () -> LocalRun.run(
                new LocalRun.Request(broken, "{}", LocalSetup.defaults()), line -> { }));

        assertTrue(failure.getMessage().startsWith(broken.toString()), failure.getMessage());
    }

    @Test
    void aPlaceholderWithoutValueSaysHowToGiveOne() {
        LocalRunException failure = assertThrows(LocalRunException.class, () -> LocalRun.run(
                new LocalRun.Request(ORDERS, "{}", LocalSetup.defaults()), line -> { }));

        assertTrue(failure.getMessage().startsWith(ORDERS + ":9:23: error ASL-PLACEHOLDER-UNRESOLVED placeholder"
                + " ${OrdersTable} has no substitution"), failure.getMessage());
        assertTrue(failure.getMessage().contains(ORDERS + ":25:39: error ASL-PLACEHOLDER-UNRESOLVED placeholder"
                + " ${GreeterArn} has no substitution"), failure.getMessage());
        assertTrue(failure.getMessage().contains("apitpl: 3 errors, 0 warnings in " + ORDERS), failure.getMessage());
        assertTrue(failure.getMessage().contains("<substitutions>"), failure.getMessage());
        assertEquals(3, ((InvalidDefinitionException) failure).problems().size());
    }

    @Test
    void aDefinitionTheValidatorRejectsIsReportedAsValidateReportsItAndDoesNotRun() throws Exception {
        Path definition = Files.writeString(dir.resolve("typo.asl.json"), """
                {"StartAt": "A",
                 "States": {"A": {"Type": "Pass", "Next": "B"}}}""");
        List<String> trace = new ArrayList<>();

        InvalidDefinitionException failure = assertThrows(InvalidDefinitionException.class, () -> LocalRun.run(
                new LocalRun.Request(definition, "{}", LocalSetup.defaults()), trace::add));

        assertEquals(definition + ":2:43: error ASL-TRANSITION-TARGET Next of 'A' names 'B', which is not a state of"
                + " the state machine (name one of: A)", failure.getMessage().lines().findFirst().orElseThrow());
        assertFalse(trace.stream().anyMatch(line -> line.startsWith("Running")), String.join("\n", trace));
    }

    @Test
    void aWholeValuePlaceholderTakesItsJsonValueAsValidateReadsIt() throws Exception {
        Path definition = Files.writeString(dir.resolve("whole.asl.json"), """
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": ${P}, "End": true}}}""");
        LocalSetup setup = LocalSetup.defaults().withSubstitutions(Map.of("P", "{\"a\": 1.10}"));

        LocalRun.Outcome outcome = LocalRun.run(new LocalRun.Request(definition, "{}", setup), line -> { });

        assertEquals(ExecutionStatus.SUCCEEDED, outcome.result().status(), outcome.summary());
        assertEquals("{\"a\":1.10}", outcome.result().output().toString());
    }

    @Test
    void aYamlDefinitionRuns() throws Exception {
        Path definition = Files.writeString(dir.resolve("workflow.asl.yaml"), """
                StartAt: Greet
                States:
                  Greet:
                    Type: Pass
                    Parameters:
                      text.$: States.Format('hello {}', $.name)
                      table: ${Table}
                    End: true
                """);
        LocalSetup setup = LocalSetup.defaults().withSubstitutions(Map.of("Table", "Orders"));

        LocalRun.Outcome outcome = LocalRun.run(new LocalRun.Request(definition, "{\"name\": \"Ada\"}", setup),
                line -> { });

        assertEquals("{\"text\":\"hello Ada\",\"table\":\"Orders\"}", outcome.result().output().toString());
        assertEquals("workflow", LocalRun.machineName(definition));
    }

    @Test
    void warningsAreLoggedAsValidatePrintsThemAndTheRunGoesOn() throws Exception {
        Path definition = Files.writeString(dir.resolve("no-dollar.asl.json"), """
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true,
                 "Parameters": {"name": "$.name"}}}}""");
        List<String> trace = new ArrayList<>();

        LocalRun.Outcome outcome = LocalRun.run(new LocalRun.Request(definition, "{}", LocalSetup.defaults()), trace::add);

        assertTrue(outcome.succeeded(), outcome.summary());
        assertTrue(trace.stream().anyMatch(line -> line.startsWith(definition + ":2:25: warning ASL-NO-DOLLAR ")), String.join("\n", trace));
    }

    @Test
    void aResourceWithoutLocalIntegrationIsRejectedBeforeRunning() throws Exception {
        Path definition = Files.writeString(dir.resolve("notify.asl.json"), """
                {"StartAt": "Notify", "States": {"Notify": {"Type": "Task",
                 "Resource": "arn:aws:states:::sns:publish", "Parameters": {"Message": "hi"}, "End": true}}}""");

        LocalRunException failure = assertThrows(LocalRunException.class, () -> LocalRun.run(
                new LocalRun.Request(definition, "{}", LocalSetup.defaults()), line -> { }));

        assertTrue(failure.getMessage().contains("Task state 'Notify' uses resource 'arn:aws:states:::sns:publish', "
                + "which has no local integration"), failure.getMessage());
        assertTrue(failure.getMessage().contains("TestCases.<case>.\"Notify\" = "), failure.getMessage());
        assertTrue(failure.getMessage().contains("MockedResponses"), failure.getMessage());
    }

    @Test
    void everyTaskWithoutLocalIntegrationIsNamedByItsState() throws Exception {
        Path definition = Files.writeString(dir.resolve("fan-out.asl.json"), """
                {"StartAt": "Fan", "States": {"Fan": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "Notify", "States": {"Notify": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                   "End": true}}},
                  {"StartAt": "Enqueue", "States": {"Enqueue": {"Type": "Task",
                   "Resource": "arn:aws:states:::sqs:sendMessage", "End": true}}}]}}}""");

        LocalRunException failure = assertThrows(LocalRunException.class, () -> LocalRun.run(
                new LocalRun.Request(definition, "{}", LocalSetup.defaults()), line -> { }));

        assertTrue(failure.getMessage().contains("Task state 'Notify' uses resource 'arn:aws:states:::sns:publish'; "
                + "Task state 'Enqueue' uses resource 'arn:aws:states:::sqs:sendMessage'; none of them"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("TestCases.<case>.\"Notify\" = "), failure.getMessage());
        assertFalse(failure.getMessage().contains("<Task>"), failure.getMessage());
    }

    @Test
    void aTemplateDynamoDbRefusesIsNamedWithTheFix() throws Exception {
        Path templates = Files.createDirectories(dir.resolve("templates"));
        // DynamoDB takes items up to 400 KB.
        Files.writeString(templates.resolve("huge.json"), """
                {"name": "huge", "method": "POST", "url": "https://api.example.com/x", "body": "%s"}"""
                .formatted("x".repeat(450_000)));

        LocalRunException failure = assertThrows(LocalRunException.class, () -> LocalRun.run(
                new LocalRun.Request(Path.of("src/test/resources/local/get-template.asl.json"), "{}",
                        LocalSetup.defaults().withTemplates(templates)
                                .withSubstitutions(Map.of("TemplateTableName", "ApiTemplates"))), line -> { }));

        assertTrue(failure.getMessage().startsWith("Cannot seed template 'huge' (POST) from " + templates
                + " into table 'ApiTemplates': "), failure.getMessage());
        assertTrue(failure.getMessage().contains("fix the template file"), failure.getMessage());
    }

    @Test
    void aHandlerClassThatCannotBeLoadedIsNamedWithItsFunction() {
        LocalSetup setup = ordersSetup().withFunctions(
                LambdaFunctions.builder().handler("greeter", "com.example.MissingGreeter").build());

        LocalRunException failure = assertThrows(LocalRunException.class, () -> LocalRun.run(
                new LocalRun.Request(ORDERS, "{}", setup), line -> { }));

        assertTrue(failure.getMessage().contains("'greeter'"), failure.getMessage());
        assertTrue(failure.getMessage().contains("com.example.MissingGreeter"), failure.getMessage());
    }

    @Test
    void leavesNoThreadRunningButTheJdkHttpClientsSelector() throws Exception {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());

        LocalRun.run(new LocalRun.Request(ORDERS, "{\"orderId\": \"o-5\", \"customer\": \"Barbara\"}", ordersSetup()),
                line -> { });

        List<Thread> started = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && !isJdkHttpClientSelector(thread)).toList();
        for (Thread thread : started) {
            thread.join(10_000); // a pool that is still winding down gets its time; a thread left running does not end
        }
        List<String> alive = started.stream().filter(Thread::isAlive)
                .map(thread -> thread.getName() + (thread.isDaemon() ? " (daemon)" : "")).toList();
        assertEquals(List.of(), alive);
    }

    /** A java.net.http.HttpClient's selector: a daemon thread that ends when its client is garbage collected. */
    private static boolean isJdkHttpClientSelector(Thread thread) {
        return thread.isDaemon() && thread.getName().matches("HttpClient-\\d+-SelectorManager");
    }
}
