package dev.apitpl.core.workflowtest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.core.engine.ExecutionResult;
import dev.apitpl.core.engine.HistoryEvent;
import dev.apitpl.core.engine.StateMachine;
import dev.apitpl.core.local.LocalEnvironment;
import dev.apitpl.core.local.LocalRun;
import dev.apitpl.core.local.LocalRunException;
import dev.apitpl.core.local.LocalSetup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a workflow test file against state machine definitions. Mocked states answer from the
 * file; every other Task runs on the real local integrations (embedded DynamoDB Local seeded with
 * the templates, in-process Lambda handlers, real HTTP).
 *
 * <pre>{@code
 * @Test
 * void workflows() throws Exception {
 *     WorkflowTests.run(Path.of("src/test/statemachine/workflow-tests.json"),
 *             Path.of("src/main/statemachine/workflow.asl.json")).assertAllPassed();
 * }
 * }</pre>
 */
public final class WorkflowTests {

    private WorkflowTests() {}

    /** Runs every case with the default setup (no templates, no substitutions). */
    public static WorkflowTestReport run(Path testsFile, Path... definitions)
            throws WorkflowTestFileException, LocalRunException {
        return run(testsFile, LocalSetup.defaults(), List.of(definitions));
    }

    /**
     * Runs every case of {@code testsFile}. A case's state machine is the definition whose file
     * name (without {@code .asl.json}) equals its key under {@code StateMachines}, or the only
     * definition when just one is given.
     */
    public static WorkflowTestReport run(Path testsFile, LocalSetup setup, List<Path> definitions)
            throws WorkflowTestFileException, LocalRunException {
        List<WorkflowTestCase> cases = WorkflowTestFile.read(testsFile);
        Map<String, Path> byName = new LinkedHashMap<>();
        definitions.forEach(definition -> byName.put(LocalRun.machineName(definition), definition));
        List<CaseResult> results = new ArrayList<>();
        try (LocalEnvironment environment = LocalEnvironment.start(setup)) {
            Map<Path, StateMachine> loaded = new LinkedHashMap<>();
            for (WorkflowTestCase testCase : cases) {
                Path definition = definitionFor(testCase, byName, testsFile);
                StateMachine machine = loaded.get(definition);
                if (machine == null) {
                    machine = environment.load(definition);
                    loaded.put(definition, machine);
                }
                MockedTaskInvoker invoker = new MockedTaskInvoker(testCase.mocksByState(), environment.tasks());
                ExecutionResult result = environment.execute(machine, testCase.stateMachine(),
                        testCase.expectation().input(), invoker, null);
                results.add(new CaseResult(testCase, result, unmet(testCase.expectation(), result)));
            }
        }
        return new WorkflowTestReport(results);
    }

    private static Path definitionFor(WorkflowTestCase testCase, Map<String, Path> byName, Path testsFile)
            throws WorkflowTestFileException {
        Path definition = byName.get(testCase.stateMachine());
        if (definition == null && byName.size() == 1) {
            definition = byName.values().iterator().next();
        }
        if (definition == null) {
            throw new WorkflowTestFileException(testsFile + ": StateMachines." + testCase.stateMachine()
                    + " matches no definition; definitions: " + byName.keySet()
                    + " (a key matches the definition file name without .asl.json)");
        }
        return definition;
    }

    /** Each unmet expectation, as a readable line. */
    static List<String> unmet(Expectation expected, ExecutionResult result) {
        List<String> failures = new ArrayList<>();
        if (!expected.status().equals(result.status().name())) {
            failures.add("status: expected " + expected.status() + " but was " + result.status()
                    + (result.error() == null ? "" : " (error " + result.error() + ": " + shorten(result.cause()) + ")"));
        }
        if (expected.output() != null) {
            String difference = result.output() == null ? "no output (the execution did not succeed)"
                    : OutputMatch.difference(expected.output(), result.output(), expected.exactOutput());
            if (difference != null) {
                failures.add("output " + difference + "; whole output: " + shorten(result.output()));
            }
        }
        if (expected.error() != null && !expected.error().equals(result.error())) {
            failures.add("error: expected " + expected.error() + " but was " + result.error());
        }
        if (expected.cause() != null && (result.cause() == null || !result.cause().contains(expected.cause()))) {
            failures.add("cause: expected it to contain \"" + expected.cause() + "\" but was " + shorten(result.cause()));
        }
        if (expected.path() != null) {
            List<String> path = result.history().stream()
                    .filter(event -> event.type().endsWith("StateEntered"))
                    .map(HistoryEvent::name)
                    .toList();
            if (!Objects.equals(expected.path(), path)) {
                failures.add("path: expected " + expected.path() + " but was " + path);
            }
        }
        return failures;
    }

    private static String shorten(Object value) {
        String text = value instanceof JsonNode json ? json.toString() : String.valueOf(value);
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
