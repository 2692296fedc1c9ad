package dev.apitpl.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.core.asl.Catcher;
import dev.apitpl.core.asl.Retrier;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retry and Catch around the work of a Task, Parallel or Map state. The state's input (Parameters, Arguments) is
 * built for each attempt, as {@code $$.State.RetryCount} ({@code $states.context.State.RetryCount}) changes
 * between attempts; errors from the result's processing (ResultSelector, Output, Assign) are retried and caught
 * like the work's own.
 */
final class ErrorHandling {

    /** The work of a state on its input, giving its result. */
    @FunctionalInterface
    interface Work {
        JsonNode run(StateRun run, JsonNode effective);
    }

    private ErrorHandling() {}

    static Step attempt(StateRun run, Work work) {
        int[] retriesUsed = null;
        while (true) {
            JsonNode effective = run.flow.arguments(run);
            try {
                return run.flow.finish(run, work.run(run, effective), run.state.next());
            } catch (StatesError failure) {
                StatesError error = failure.locatedIn(run.name, run.enteredId);
                if (run.execution.timedOut()) {
                    // The execution ran out of time: nothing may retry or catch that.
                    throw error;
                }
                List<Retrier> retriers = run.state.retriers();
                if (!retriers.isEmpty()) {
                    if (retriesUsed == null) {
                        retriesUsed = new int[retriers.size()];
                    }
                    int index = retrierFor(run, retriers, error.error());
                    if (index >= 0 && retry(run, retriers.get(index), retriesUsed, index)) {
                        run.retrying();
                        continue;
                    }
                }
                for (Catcher catcher : run.state.catchers()) {
                    if (catcher.handles(error.error(), run.state.type())) {
                        return run.flow.caught(run, catcher, errorOutput(error));
                    }
                }
                throw error;
            }
        }
    }

    /** The first retrier that handles {@code error}, or -1. */
    private static int retrierFor(StateRun run, List<Retrier> retriers, String error) {
        for (int i = 0; i < retriers.size(); i++) {
            if (retriers.get(i).handles(error, run.state.type())) {
                return i;
            }
        }
        return -1;
    }

    /** Sleeps the retrier's next interval and returns true, or false when its attempts are used up. */
    private static boolean retry(StateRun run, Retrier retrier, int[] used, int index) {
        if (used[index] >= retrier.maxAttempts()) {
            return false;
        }
        double delay = retrier.intervalSeconds().doubleValue() * Math.pow(retrier.backoffRate().doubleValue(), used[index]);
        if (retrier.maxDelaySeconds() != null) {
            delay = Math.min(delay, retrier.maxDelaySeconds().doubleValue());
        }
        if (retrier.fullJitter()) {
            delay = ThreadLocalRandom.current().nextDouble() * delay;
        }
        used[index]++;
        run.execution.sleep(Duration.ofMillis((long) (delay * 1000)), run.lane);
        return true;
    }

    private static ObjectNode errorOutput(StatesError error) {
        ObjectNode errorOutput = Json.NODES.objectNode();
        errorOutput.put("Error", error.error());
        if (error.cause() != null) {
            errorOutput.put("Cause", error.cause());
        }
        return errorOutput;
    }
}
