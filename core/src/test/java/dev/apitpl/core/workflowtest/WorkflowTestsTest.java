package dev.apitpl.core.workflowtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitpl.core.engine.task.LambdaFunctions;
import dev.apitpl.core.engine.task.TaskFailedException;
import dev.apitpl.core.engine.task.TaskRequest;
import dev.apitpl.core.local.GreetingHandler;
import dev.apitpl.core.local.LocalSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workflow test files: Step Functions Local mocks plus expectations, run against the local engine. */
class WorkflowTestsTest {

    private static final Path ORDERS = Path.of("src/test/resources/local/orders.asl.json");
    private static final Path TESTS = Path.of("src/test/resources/local/orders-tests.json");
    private static WorkflowTestReport report;

    @TempDir
    Path dir;

    @BeforeAll
    static void runTheOrdersTests() throws Exception {
        LocalSetup setup = LocalSetup.defaults()
                .withSubstitutions(Map.of("OrdersTable", "Orders",
                        "GreeterArn", "arn:aws:lambda:eu-west-1:123456789012:function:greeter"))
                .withFunctions(LambdaFunctions.builder().handler("greeter", GreetingHandler.class.getName()).build());
        report = WorkflowTests.run(TESTS, setup, List.of(ORDERS));
    }

    private static CaseResult result(String name) {
        return report.results().stream().filter(r -> r.testCase().name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void runsEveryCaseInFileOrder() {
        assertEquals(List.of("RealIntegrations", "GreeterMocked", "GreeterRejects", "WrongExpectations"),
                report.results().stream().map(r -> r.testCase().name()).toList());
        assertEquals("Workflow tests: 3 passed, 1 failed", report.summary());
    }

    @Test
    void unmockedStatesUseTheRealLocalIntegrations() {
        assertTrue(result("RealIntegrations").passed(), result("RealIntegrations").describe());
    }

    @Test
    void aMockedStateAnswersFromItsMockedResponse() {
        assertTrue(result("GreeterMocked").passed(), result("GreeterMocked").describe());
    }

    @Test
    void aMockedThrowIsCaughtLikeARealError() {
        assertTrue(result("GreeterRejects").passed(), result("GreeterRejects").describe());
    }

    @Test
    void aFailedCaseSaysWhichExpectationsWereNotMet() {
        CaseResult failed = result("WrongExpectations");

        assertEquals(2, failed.failures().size(), failed.describe());
        assertTrue(failed.failures().get(0).startsWith(
                "output at $.greeting.text: expected \"hello Linus\" but was \"hi from the mock\""), failed.describe());
        assertTrue(failed.failures().get(1).startsWith(
                "path: expected [PutOrder, Greet, Done] but was [PutOrder, GetOrder, Greet, Done]"), failed.describe());
    }

    @Test
    void assertAllPassedFailsWithTheFailedCasesForJUnit() {
        AssertionError failure = assertThrows(AssertionError.class, report::assertAllPassed);

        assertTrue(failure.getMessage().startsWith("FAIL orders/WrongExpectations"), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("Workflow tests: 3 passed, 1 failed"), failure.getMessage());
    }

    @Test
    void invocationRangesAnswerRetriesInTurn() throws Exception {
        Path file = Files.writeString(dir.resolve("retry.json"), """
                {"StateMachines": {"m": {"TestCases": {"Flaky": {"Call": "FlakyThenFine"}}}},
                 "MockedResponses": {"FlakyThenFine": {
                   "0": {"Throw": {"Error": "Lambda.ServiceException", "Cause": "busy"}},
                   "1-2": {"Return": {"ok": true}}}}}""");
        WorkflowTestCase testCase = WorkflowTestFile.read(file).get(0);
        MockedTaskInvoker invoker = new MockedTaskInvoker(testCase.mocksByState(), request -> {
            throw new AssertionError("unmocked call");
        });
        TaskRequest call = new TaskRequest("Call", "arn:aws:states:::lambda:invoke", null, 0, null);

        TaskFailedException first = assertThrows(TaskFailedException.class, () -> invoker.invoke(call));
        String second = invoker.invoke(call).toString();
        String third = invoker.invoke(call).toString();
        TaskFailedException fourth = assertThrows(TaskFailedException.class, () -> invoker.invoke(call));

        assertEquals("Lambda.ServiceException", first.error());
        assertEquals("{\"ok\":true}", second);
        assertEquals(second, third);
        assertTrue(fourth.cause().contains("answers only invocations [0, 1-2]"), fourth.cause());
    }

    @Test
    void aMockedDecimalKeepsTheDigitsItIsWrittenWith() throws Exception {
        Path file = Files.writeString(dir.resolve("price.json"), """
                {"StateMachines": {"m": {"TestCases": {"Priced": {"Call": "Price"}}}},
                 "MockedResponses": {"Price": {"0": {"Return": {"amount": 1.10, "count": 3}}}}}""");
        WorkflowTestCase testCase = WorkflowTestFile.read(file).get(0);
        MockedTaskInvoker invoker = new MockedTaskInvoker(testCase.mocksByState(), request -> {
            throw new AssertionError("unmocked call");
        });

        String answer = invoker.invoke(new TaskRequest("Call", "arn:aws:states:::lambda:invoke", null, 0, null)).toString();

        assertEquals("{\"amount\":1.10,\"count\":3}", answer);
    }

    @Test
    void aMockedDecimalKeepsItsDigitsThroughTheWorkflowToTheComparedOutput() throws Exception {
        Path definition = Files.writeString(dir.resolve("price.asl.json"), """
                {"StartAt": "Price", "States": {
                  "Price": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                            "ResultSelector": {"amount.$": "$.Payload.amount"}, "ResultPath": "$.price", "Next": "Total"},
                  "Total": {"Type": "Pass", "Parameters": {"total.$": "$.price.amount", "vat": 0.20}, "End": true}}}""");
        Path tests = Files.writeString(dir.resolve("price-tests.json"), """
                {"StateMachines": {"price": {"TestCases": {"Exact": {"Price": "Priced"}, "Other": {"Price": "Priced"}}}},
                 "MockedResponses": {"Priced": {"0": {"Return": {"Payload": {"amount": 1.10}}}}},
                 "Expectations": {"price": {
                   "Exact": {"Output": {"total": 1.10, "vat": 0.20}, "OutputMatch": "EXACT"},
                   "Other": {"Output": {"total": 1.2}}}}}""");

        WorkflowTestReport priced = WorkflowTests.run(tests, definition);

        CaseResult exact = priced.results().get(0);
        assertTrue(exact.passed(), exact.describe());
        assertEquals("{\"total\":1.10,\"vat\":0.20}", exact.result().output().toString());
        CaseResult other = priced.results().get(1);
        assertTrue(other.failures().stream().anyMatch(f -> f.contains("expected 1.2 but was 1.10")), other.describe());
    }

    @Test
    void aTestCaseNamingAnUndefinedMockedResponseIsReportedWithItsPlace() throws Exception {
        Path file = Files.writeString(dir.resolve("typo.json"), """
                {"StateMachines": {"m": {"TestCases": {"Happy": {"Call": "NoSuchResponse"}}}},
                 "MockedResponses": {"Fine": {"0": {"Return": {}}}}}""");

        WorkflowTestFileException failure = assertThrows(WorkflowTestFileException.class, () -> WorkflowTestFile.read(file));

        assertTrue(failure.getMessage().contains("StateMachines.m.TestCases.Happy.Call names mocked response \"NoSuchResponse\""),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("defined: [Fine]"), failure.getMessage());
    }

    @Test
    void anAnswerWithBothReturnAndThrowIsRejected() throws Exception {
        Path file = Files.writeString(dir.resolve("both.json"), """
                {"StateMachines": {"m": {"TestCases": {}}},
                 "MockedResponses": {"Odd": {"0": {"Return": {}, "Throw": {"Error": "E"}}}}}""");

        WorkflowTestFileException failure = assertThrows(WorkflowTestFileException.class, () -> WorkflowTestFile.read(file));

        assertTrue(failure.getMessage().contains("MockedResponses.Odd.\"0\" needs exactly one of"), failure.getMessage());
    }

    @Test
    void outputsMatchAsSubsetsWithNumbersByValue() {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var actual = json.createObjectNode().put("a", 1.0).put("b", "extra");

        assertEquals(null, OutputMatch.difference(json.createObjectNode().put("a", 1), actual, false));
        assertTrue(OutputMatch.difference(json.createObjectNode().put("a", 1), actual, true) != null);
        assertEquals("at $.a: expected 2 but was 1.0",
                OutputMatch.difference(json.createObjectNode().put("a", 2), actual, false));
    }
}
