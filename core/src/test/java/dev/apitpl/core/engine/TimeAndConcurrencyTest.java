package dev.apitpl.core.engine;

import dev.apitpl.core.asl.ErrorNames;
import dev.apitpl.core.asl.QueryLanguage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Time limits driven by a simulated clock, interruption, and JSONata evaluated on many threads at once. */
class TimeAndConcurrencyTest {

    @Test
    void machineTimeoutSecondsEndsALongWaitAsTimedOut() {
        SimulatedTime time = new SimulatedTime();
        LocalEngine engine = LocalEngine.builder().clock(time).sleeper(time).build();
        StateMachine machine = StateMachine.parse("{\"TimeoutSeconds\":5,\"StartAt\":\"W\",\"States\":{\"W\":"
                + "{\"Type\":\"Wait\",\"Seconds\":60,\"End\":true}}}");
        ExecutionResult result = engine.execute(machine, Json.parse("{}"));
        assertEquals(ExecutionStatus.TIMED_OUT, result.status());
        assertEquals(ErrorNames.TIMEOUT, result.error());
        assertEquals(Duration.ofSeconds(5), result.duration());
    }

    @Test
    void waitUntilATimestampSleepsExactlyTheDifference() {
        SimulatedTime time = new SimulatedTime();
        LocalEngine engine = LocalEngine.builder().clock(time).sleeper(time).build();
        StateMachine machine = StateMachine.parse("{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\","
                + "\"TimestampPath\":\"$.until\",\"End\":true}}}");
        ExecutionResult result = engine.execute(machine, Json.parse("{\"until\":\"2024-05-01T10:02:30Z\"}"));
        assertEquals(ExecutionStatus.SUCCEEDED, result.status());
        assertEquals(Duration.ofSeconds(150), result.duration());
    }

    @Test
    void anInterruptedExecutionEndsAsAborted() throws InterruptedException {
        CountDownLatch waiting = new CountDownLatch(1);
        LocalEngine engine = LocalEngine.builder().listener(event -> {
            if (event.type().equals("WaitStateEntered")) {
                waiting.countDown();
            }
        }).build();
        StateMachine machine = StateMachine.parse("{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\","
                + "\"Seconds\":30,\"End\":true}}}");
        AtomicReference<ExecutionResult> result = new AtomicReference<>();
        Thread run = new Thread(() -> result.set(engine.execute(machine, Json.parse("{}"))));
        run.start();
        assertTrue(waiting.await(10, TimeUnit.SECONDS), "the Wait state was never entered");
        // Interrupted in the Wait or just before it: either way the sleep ends at once.
        run.interrupt();
        run.join(5000);
        assertFalse(run.isAlive(), "the execution ignored the interrupt");
        assertEquals(ExecutionStatus.ABORTED, result.get().status());
    }

    @Test
    void jsonataMapIterationsOnManyThreadsEachSeeTheirOwnItem() {
        LocalEngine engine = LocalEngine.builder().sleeper(Sleeper.NONE).build();
        StateMachine machine = StateMachine.parse("{\"QueryLanguage\":\"JSONata\",\"StartAt\":\"M\",\"States\":{\"M\":"
                + "{\"Type\":\"Map\",\"Items\":\"{% $range(1, 200, 1) %}\",\"MaxConcurrency\":8,"
                + "\"ItemSelector\":{\"n\":\"{% $states.context.Map.Item.Value %}\"},"
                + "\"ItemProcessor\":{\"StartAt\":\"Square\",\"States\":{\"Square\":{\"Type\":\"Pass\","
                + "\"Assign\":{\"mine\":\"{% $states.input.n %}\"},\"Output\":\"{% $states.input.n * $states.input.n %}\","
                + "\"Next\":\"Check\"},\"Check\":{\"Type\":\"Pass\",\"Output\":\"{% $states.input - $mine * $mine %}\","
                + "\"End\":true}}},\"Output\":\"{% [$count($states.result), $sum($states.result)] %}\",\"End\":true}}}");
        ExecutionResult result = engine.execute(machine, Json.parse("{}"));
        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), () -> result.error() + ": " + result.cause());
        JsonNode output = result.output();
        assertEquals(200, output.get(0).intValue(), "iterations run");
        assertEquals(0, output.get(1).intValue(), "an iteration saw another iteration's variable or item");
    }

    @Test
    void theExecutionTimeoutAlsoEndsATaskCallInProgress() {
        SimulatedTime time = new SimulatedTime();
        CountDownLatch interrupted = new CountDownLatch(1);
        LocalEngine engine = LocalEngine.builder().clock(time).sleeper(time).taskInvoker(request -> {
            try {
                // Blocks until the engine gives up on the call; returns normally if it never does.
                new CountDownLatch(1).await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return Json.parse("{}");
        }).build();
        // The Wait leaves 10 ms of the execution's 1 s; the Task has no TimeoutSeconds of its own.
        StateMachine machine = StateMachine.parse("{\"TimeoutSeconds\":1,\"StartAt\":\"W\",\"States\":{\"W\":"
                + "{\"Type\":\"Wait\",\"Timestamp\":\"2024-05-01T10:00:00.990Z\",\"Next\":\"T\"},\"T\":{\"Type\":\"Task\","
                + "\"Resource\":\"arn:aws:states:::http:invoke\",\"Catch\":[{\"ErrorEquals\":[\"States.ALL\"],"
                + "\"Next\":\"Caught\"}],\"End\":true},\"Caught\":{\"Type\":\"Pass\",\"End\":true}}}");

        long started = System.nanoTime();
        ExecutionResult result = engine.execute(machine, Json.parse("{}"));

        assertEquals(ExecutionStatus.TIMED_OUT, result.status(), () -> result.error() + ": " + result.cause());
        assertEquals(ErrorNames.TIMEOUT, result.error());
        assertEquals(0, interrupted.getCount(), "the task call was not interrupted");
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "the call ran on past the deadline");
        assertFalse(result.history().stream().anyMatch(e -> "Caught".equals(e.name())),
                "a Catch handled the execution's own timeout");
    }

    // ------------------------------------------------------------ failures in Map iterations and Parallel branches

    private static final String WAIT_AN_HOUR = "{\"StartAt\":\"Long\",\"States\":{\"Long\":{\"Type\":\"Wait\","
            + "\"Seconds\":3600,\"Next\":\"AfterWait\"},\"AfterWait\":{\"Type\":\"Pass\",\"End\":true}}}";
    private static final String FAIL = "{\"StartAt\":\"Boom\",\"States\":{\"Boom\":{\"Type\":\"Fail\","
            + "\"Error\":\"Branch.Failed\",\"Cause\":\"on purpose\"}}}";

    /** Runs on the real sleeper: without cancellation the Wait would take an hour, and the time limit fails the test. */
    private static ExecutionResult runWithinSeconds(StateMachine machine, String input) {
        LocalEngine engine = LocalEngine.builder().sleeper(Sleeper.REAL).build();
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> engine.execute(machine, Json.parse(input)),
                "a failing branch did not stop its siblings' Wait");
    }

    @Test
    void aFailingParallelBranchStopsASiblingsLongWait() {
        StateMachine machine = StateMachine.parse("{\"StartAt\":\"Both\",\"States\":{\"Both\":{\"Type\":"
                + "\"Parallel\",\"Branches\":[" + WAIT_AN_HOUR + "," + FAIL + "],\"End\":true}}}");

        ExecutionResult result = runWithinSeconds(machine, "{}");

        assertEquals(ExecutionStatus.FAILED, result.status());
        assertEquals("Branch.Failed", result.error());
        assertEquals("on purpose", result.cause());
        assertFalse(result.history().stream().anyMatch(e -> "AfterWait".equals(e.name())),
                "the cancelled branch went on to its next state");
    }

    @Test
    void aFailingMapIterationAbortsTheOthersAndNestedMapsStopToo() {
        // Item "fail" fails; items "wait" each run a nested Map whose iterations wait an hour.
        StateMachine machine = StateMachine.parse("{\"StartAt\":\"Each\",\"States\":{\"Each\":{\"Type\":\"Map\","
                + "\"ItemProcessor\":{\"StartAt\":\"Kind\",\"States\":{\"Kind\":{\"Type\":\"Choice\",\"Choices\":"
                + "[{\"Variable\":\"$\",\"StringEquals\":\"fail\",\"Next\":\"Boom\"}],\"Default\":\"Inner\"},"
                + "\"Boom\":{\"Type\":\"Fail\",\"Error\":\"Item.Failed\"},"
                + "\"Inner\":{\"Type\":\"Map\",\"ItemsPath\":\"$$.Execution.Input.inner\",\"ItemProcessor\":"
                + WAIT_AN_HOUR + ",\"End\":true}}},\"ItemsPath\":\"$.items\",\"End\":true}}}");

        ExecutionResult result = runWithinSeconds(machine,
                "{\"items\": [\"wait\", \"wait\", \"fail\", \"wait\"], \"inner\": [1, 2, 3]}");

        assertEquals(ExecutionStatus.FAILED, result.status());
        assertEquals("Item.Failed", result.error());
        assertFalse(result.history().stream().anyMatch(e -> "AfterWait".equals(e.name())),
                "a cancelled iteration went on to its next state");
        assertTrue(result.history().stream().anyMatch(e -> e.type().equals("MapIterationAborted")),
                "no iteration was reported as aborted");
    }

    @Test
    void anErrorInAMapIterationIsNotSwallowedOnWorkerThreads() {
        for (int maxConcurrency : new int[] {1, 4}) {
            // The sleeper stands for anything that throws an Error inside an iteration (a listener, the JVM).
            LocalEngine engine = LocalEngine.builder().sleeper(duration -> {
                if (duration.equals(Duration.ofSeconds(5))) {
                    throw new AssertionError("sleeper failed");
                }
            }).build();
            StateMachine machine = StateMachine.parse("{\"StartAt\":\"Each\",\"States\":{\"Each\":{\"Type\":"
                    + "\"Map\",\"MaxConcurrency\":" + maxConcurrency + ",\"ItemProcessor\":{\"StartAt\":\"W\","
                    + "\"States\":{\"W\":{\"Type\":\"Wait\",\"SecondsPath\":\"$\",\"End\":true}}},\"End\":true}}}");

            AssertionError thrown = assertThrows(AssertionError.class,
                    () -> engine.execute(machine, Json.parse("[1, 2, 3, 4, 5, 6, 7, 8]")),
                    "MaxConcurrency " + maxConcurrency);
            assertEquals("sleeper failed", thrown.getMessage());
        }
    }

    @Test
    void anErrorInAParallelBranchIsNotSwallowedOnWorkerThreads() {
        LocalEngine engine = LocalEngine.builder().sleeper(Sleeper.NONE).listener(event -> {
            if ("Broken".equals(event.name())) {
                throw new AssertionError("listener failed");
            }
        }).build();
        String branch = "{\"StartAt\":\"%s\",\"States\":{\"%s\":{\"Type\":\"Pass\",\"End\":true}}}";
        StateMachine machine = StateMachine.parse("{\"StartAt\":\"Both\",\"States\":{\"Both\":{\"Type\":"
                + "\"Parallel\",\"Branches\":[" + branch.formatted("Fine", "Fine") + ","
                + branch.formatted("Broken", "Broken") + "],\"End\":true}}}");

        AssertionError thrown = assertThrows(AssertionError.class, () -> engine.execute(machine, Json.parse("{}")));
        assertEquals("listener failed", thrown.getMessage());
    }
}
