package dev.apitpl.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Executions per second of the shared 5-state workflow (inputs {"n": i % 7}), after 10 s warm-up, best of 3 rounds.
 * As a test (only with {@code -Pbench}): sequentially, on 2 threads, and without recorded history. As a main, for
 * {@code core/bench/engine-vs-peer.sh}: {@code check WORKFLOW} prints the outputs for n = 0..6 as one JSON array;
 * {@code measure WORKFLOW} prints the sequential figure, timed as the peer's harness times it.
 */
public class EngineThroughputBenchmark {

    private static final Path WORKFLOW = Path.of("../../shared/bench/engine-5-state.json");
    private static final long WARM_UP_NANOS = 10_000_000_000L;
    private static final long ROUND_NANOS = 10_000_000_000L / 3;

    private final LocalEngine engine = LocalEngine.builder().sleeper(Sleeper.NONE).build();
    private final JsonNode[] inputs = new JsonNode[7];
    private StateMachine machine;

    /** Parses the workflow; leaves {@code machine} null where it is absent. */
    private void load(Path workflow) throws IOException {
        machine = Files.isRegularFile(workflow) ? StateMachine.parse(Files.readString(workflow)) : null;
        for (int i = 0; i < 7; i++) {
            inputs[i] = Json.parse("{\"n\": " + i + "}");
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !List.of("check", "measure").contains(args[0])) {
            System.err.println("usage: EngineThroughputBenchmark check|measure WORKFLOW.json");
            System.exit(2);
        }
        EngineThroughputBenchmark bench = new EngineThroughputBenchmark();
        bench.load(Path.of(args[1]));
        if (bench.machine == null) {
            throw new IllegalArgumentException("benchmark workflow not found at " + Path.of(args[1]).toAbsolutePath());
        }
        ExecutionOptions options = ExecutionOptions.defaults();
        if (args[0].equals("check")) {
            ArrayNode outputs = Json.NODES.arrayNode();
            for (JsonNode input : bench.inputs) {
                outputs.add(bench.executeOnce(input, options));
            }
            System.out.println(Json.write(outputs));
            return;
        }
        bench.run(options, 1, WARM_UP_NANOS);
        double[] rounds = new double[3];
        for (int round = 0; round < 3; round++) {
            rounds[round] = bench.run(options, 1, ROUND_NANOS);
        }
        System.out.printf("apitpl sequential: %.0f executions/s (rounds %.0f %.0f %.0f; Java %s)%n",
                Math.max(rounds[0], Math.max(rounds[1], rounds[2])), rounds[0], rounds[1], rounds[2],
                Runtime.version());
    }

    @Test
    void executionsPerSecond() throws Exception {
        load(WORKFLOW);
        assumeTrue(machine != null, "benchmark workflow not found at " + WORKFLOW.toAbsolutePath());
        ExecutionOptions options = ExecutionOptions.defaults();
        assertEquals(Json.parse("{\"size\":5,\"label\":\"big\"}"), executeOnce(inputs[5], options));

        run(options, 1, WARM_UP_NANOS / 2);
        run(options, 2, WARM_UP_NANOS / 2);
        double sequential = best(options, 1);
        double concurrent = best(options, 2);
        double noHistory = best(options.withRecordHistory(false), 1);
        System.out.printf("engine-5-state: sequential %,.0f executions/s; 2 threads %,.0f executions/s; "
                + "sequential without recorded history %,.0f executions/s%n", sequential, concurrent, noHistory);
    }

    private JsonNode executeOnce(JsonNode input, ExecutionOptions options) {
        ExecutionResult result = engine.execute(machine, input, options);
        if (result.status() != ExecutionStatus.SUCCEEDED) {
            throw new IllegalStateException("benchmark execution failed: " + result.error() + ": " + result.cause());
        }
        return result.output();
    }

    /** Best of 3 rounds: the machine is shared, so the best round is the least disturbed one. */
    private double best(ExecutionOptions options, int threads) throws InterruptedException {
        double best = 0;
        for (int round = 0; round < 3; round++) {
            best = Math.max(best, run(options, threads, ROUND_NANOS));
        }
        return best;
    }

    private double run(ExecutionOptions options, int threads, long nanos) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + nanos;
        Runnable worker = () -> {
            long i = 0;
            while (System.nanoTime() < end) {
                executeOnce(inputs[(int) (i++ % 7)], options);
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
