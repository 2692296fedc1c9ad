package dev.apitpl.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Time limits driven by a simulated clock, interruption, and JSONata evaluated on many threads at once. */
class TimeAndConcurrencyTest {

    /** A clock that moves only when the engine "sleeps". */
    private static final class SimulatedTime extends Clock implements Sleeper {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2024-05-01T10:00:00Z"));

        @Override
        public void sleep(Duration duration) {
            now.updateAndGet(t -> t.plus(duration));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

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
        LocalEngine engine = LocalEngine.builder().build();
        StateMachine machine = StateMachine.parse("{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\","
                + "\"Seconds\":30,\"End\":true}}}");
        AtomicReference<ExecutionResult> result = new AtomicReference<>();
        Thread run = new Thread(() -> result.set(engine.execute(machine, Json.parse("{}"))));
        run.start();
        Thread.sleep(200);
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
}
