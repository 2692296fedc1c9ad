package dev.apitpl.core.engine;

import dev.apitpl.core.asl.ErrorNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Broken definitions and inputs end in a precise error, promptly, with no thread left behind. */
class BadInputTest {

    private final LocalEngine engine = LocalEngine.builder().sleeper(Sleeper.NONE).build();
    private int threadsBefore;

    @BeforeEach
    void countThreads() {
        threadsBefore = Thread.activeCount();
    }

    @AfterEach
    void noStrayThreads() {
        assertEquals(threadsBefore, Thread.activeCount(), "threads left running");
    }

    /** Runs on a thread of its own (joined here, so it is not counted as stray) and fails on a hang. */
    private static ExecutionResult within5Seconds(Supplier<ExecutionResult> run) {
        AtomicReference<ExecutionResult> result = new AtomicReference<>();
        Thread thread = new Thread(() -> result.set(run.get()), "bad-input-run");
        thread.start();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertFalse(thread.isAlive(), "the execution hung");
        return result.get();
    }

    @Test
    void inputThatIsNotJsonIsRejectedWithItsLocation() {
        StateMachine machine = StateMachine.parse("{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> engine.execute(machine, "{\"n\": 1,", ExecutionOptions.defaults()));
        assertTrue(e.getMessage().startsWith("Input is not valid JSON"), e.getMessage());
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void definitionThatIsNotJsonIsADefinitionException() {
        DefinitionException e = assertThrows(DefinitionException.class, () -> StateMachine.parse("{\"StartAt\": "));
        assertTrue(e.getMessage().startsWith("(definition):1:13: error ASL-JSON-SYNTAX malformed JSON: Unexpected end-of-input"),
                e.getMessage());
        assertEquals("ASL-JSON-SYNTAX", e.problems().get(0).ruleId());
    }

    @Test
    void unknownStateTypeIsNamedWithItsLocation() {
        DefinitionException e = assertThrows(DefinitionException.class, () -> StateMachine.parse(
                "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Sleep\",\"End\":true}}}"));
        assertEquals("(definition):1:38: error ASL-STATE-TYPE state 'A' has Type 'Sleep' (use one of Choice, Fail, Map,"
                + " Parallel, Pass, Succeed, Task, Wait)", e.getMessage());
    }

    @Test
    void transitionToAMissingStateIsADefinitionException() {
        DefinitionException e = assertThrows(DefinitionException.class, () -> StateMachine.parse(
                "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"B\"}}}"));
        assertEquals("(definition):1:52: error ASL-TRANSITION-TARGET Next of 'A' names 'B', which is not a state of the"
                + " state machine (name one of: A)", e.getMessage());
    }

    @Test
    void taskWithoutResourceIsADefinitionException() {
        DefinitionException e = assertThrows(DefinitionException.class, () -> StateMachine.parse(
                "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"End\":true}}}"));
        assertTrue(e.getMessage().startsWith("(definition):1:26: error ASL-REQUIRED-FIELD state 'T' (Task) has no Resource"),
                e.getMessage());
    }

    @Test
    void mapOverANonArrayFailsTheExecutionClearly() {
        StateMachine machine = StateMachine.parse("{\"StartAt\":\"M\",\"States\":{\"M\":{\"Type\":\"Map\","
                + "\"ItemsPath\":\"$.items\",\"MaxConcurrency\":5,\"ItemProcessor\":{\"StartAt\":\"P\",\"States\":"
                + "{\"P\":{\"Type\":\"Pass\",\"End\":true}}},\"End\":true}}}");
        ExecutionResult result = within5Seconds(() -> engine.execute(machine, Json.parse("{\"items\": {\"a\": 1}}")));
        assertEquals(ExecutionStatus.FAILED, result.status());
        assertEquals(ErrorNames.RUNTIME, result.error());
        assertEquals("An error occurred while executing the state 'M' (entered at the event id #2). "
                + "Map state input must be an array but was: {\"a\":1}", result.cause());
    }

    @Test
    void failingMapIterationsStopTheMapAndJoinTheirThreads() {
        StateMachine machine = StateMachine.parse("{\"StartAt\":\"M\",\"States\":{\"M\":{\"Type\":\"Map\","
                + "\"ItemProcessor\":{\"StartAt\":\"F\",\"States\":{\"F\":{\"Type\":\"Fail\",\"Error\":\"Item.Bad\"}}},"
                + "\"End\":true}}}");
        ExecutionResult result = within5Seconds(() -> engine.execute(machine, Json.parse("[1,2,3,4,5,6,7,8]")));
        assertEquals("Item.Bad", result.error());
    }
}
