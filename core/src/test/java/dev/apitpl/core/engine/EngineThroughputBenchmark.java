package dev.apitpl.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Executions per second of the shared 5-state workflow (inputs {"n": i % 7}), after warm-up, sequentially and
 * on 2 threads. Runs only with {@code -Pbench}; prints its figures.
 */
class EngineThroughputBenchmark {

    private static final Path WORKFLOW = Path.of("../../shared/bench/engine-5-state.json");
    private static final long WARM_UP_NANOS = 5_000_000_000L;
    private static final long MEASURE_NANOS = 10_000_000_000L;

    @Test
    void executionsPerSecond() throws Exception {
        assumeTrue(Files.isRegularFile(WORKFLOW), "benchmark workflow not found at " + WORKFLOW.toAbsolutePath());
        StateMachine machine = StateMachine.parse(Files.readString(WORKFLOW));
        LocalEngine engine = LocalEngine.builder().sleeper(Sleeper.NONE).build();
        JsonNode[] inputs = new JsonNode[7];
        for (int i = 0; i < 7; i++) {
            inputs[i] = Json.parse("{\"n\": " + i + "}");
        }
        ExecutionOptions options = ExecutionOptions.defaults();
        assertEquals(Json.parse("{\"size\":5,\"label\":\"big\"}"), engine.execute(machine, inputs[5], options).output());

        run(engine, machine, inputs, options, 1, WARM_UP_NANOS);
        run(engine, machine, inputs, options, 2, WARM_UP_NANOS);
        double sequential = best(engine, machine, inputs, options, 1);
        double concurrent = best(engine, machine, inputs, options, 2);
        double noHistory = best(engine, machine, inputs, options.withRecordHistory(false), 1);
        System.out.printf("engine-5-state: sequential %,.0f executions/s; 2 threads %,.0f executions/s; "
                + "sequential without recorded history %,.0f executions/s%n", sequential, concurrent, noHistory);
    }

    /** Best of 3 rounds: the machine is shared, so the best round is the least disturbed one. */
    private static double best(LocalEngine engine, StateMachine machine, JsonNode[] inputs, ExecutionOptions options,
            int threads) throws InterruptedException {
        double best = 0;
        for (int round = 0; round < 3; round++) {
            best = Math.max(best, run(engine, machine, inputs, options, threads, MEASURE_NANOS / 3));
        }
        return best;
    }

    private static double run(LocalEngine engine, StateMachine machine, JsonNode[] inputs, ExecutionOptions options,
            int threads, long nanos) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + nanos;
        Runnable worker = () -> {
            long i = 0;
            while (System.nanoTime() < end) {
                ExecutionResult result = engine.execute(machine, inputs[(int) (i++ % 7)], options);
                if (result.status() != ExecutionStatus.SUCCEEDED) {
                    throw new IllegalStateException("benchmark execution failed: " + result.error());
                }
                done.incrementAndGet();
            }
        };
        long start = System.nanoTime();
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(worker, "bench-" + t);
            thread.start();
            started.add(thread);
        }
        for (Thread thread : started) {
            thread.join();
        }
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }
}
