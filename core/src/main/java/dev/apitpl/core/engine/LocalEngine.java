package dev.apitpl.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.core.engine.task.TaskInvoker;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs state machines in-process. Thread-safe: one engine can run many executions at once. Time is pluggable so
 * that tests never really wait: {@link Sleeper#NONE} makes Wait states and Retry intervals complete at once.
 *
 * <pre>{@code
 * LocalEngine engine = LocalEngine.builder().taskInvoker(request -> mockResult).sleeper(Sleeper.NONE).build();
 * ExecutionResult result = engine.execute(StateMachine.parse(definition), Json.parse("{\"n\": 1}"));
 * }</pre>
 */
public final class LocalEngine {

    /** AWS's limit on any state input, output or execution input: 256 KiB. */
    public static final int PAYLOAD_LIMIT_BYTES = 256 * 1024;
    /** Most items a Map or branches a Parallel runs at once when MaxConcurrency is 0 (unbounded). */
    public static final int DEFAULT_MAX_CONCURRENCY = 40;

    final TaskInvoker taskInvoker;
    final Clock clock;
    final Sleeper sleeper;
    final List<ExecutionListener> listeners;
    final int maxConcurrency;
    final int payloadLimitBytes;

    private LocalEngine(Builder builder) {
        this.taskInvoker = builder.taskInvoker;
        this.clock = builder.clock;
        this.sleeper = builder.sleeper;
        this.listeners = List.copyOf(builder.listeners);
        this.maxConcurrency = builder.maxConcurrency;
        this.payloadLimitBytes = builder.payloadLimitBytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs {@code machine} on {@code input} with default options (fresh execution name, machine name "local"). */
    public ExecutionResult execute(StateMachine machine, JsonNode input) {
        return execute(machine, input, ExecutionOptions.defaults());
    }

    /** Runs {@code machine} on {@code input}; never throws for workflow failures, which come back as FAILED. */
    public ExecutionResult execute(StateMachine machine, JsonNode input, ExecutionOptions options) {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(options, "options");
        return new Execution(this, machine, options).run(input == null ? Json.NODES.objectNode() : input);
    }

    /**
     * Runs {@code machine} on JSON text.
     *
     * @throws IllegalArgumentException when {@code inputJson} is not JSON, naming line and column
     */
    public ExecutionResult execute(StateMachine machine, String inputJson, ExecutionOptions options) {
        return execute(machine, Json.parse(inputJson), options);
    }

    /** Builds a {@link LocalEngine}; every setting has a default suitable for a real local run. */
    public static final class Builder {
        private TaskInvoker taskInvoker;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.REAL;
        private final List<ExecutionListener> listeners = new ArrayList<>();
        private int maxConcurrency = DEFAULT_MAX_CONCURRENCY;
        private int payloadLimitBytes = PAYLOAD_LIMIT_BYTES;

        private Builder() {}

        /** Who runs Task states; without one, a Task fails with States.Runtime naming its Resource. */
        public Builder taskInvoker(TaskInvoker invoker) {
            this.taskInvoker = invoker;
            return this;
        }

        /** The clock for timestamps, Wait Timestamp comparisons and the context object (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How Wait states and Retry intervals pass time (default {@link Sleeper#REAL}). */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** Adds a listener that sees every history event as it happens. */
        public Builder listener(ExecutionListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Cap on threads per Map/Parallel state (default 40). */
        public Builder maxConcurrency(int maxConcurrency) {
            if (maxConcurrency < 1) {
                throw new IllegalArgumentException("maxConcurrency must be at least 1, was " + maxConcurrency);
            }
            this.maxConcurrency = maxConcurrency;
            return this;
        }

        /** Payload size limit in bytes (default 256 KiB, as AWS). */
        public Builder payloadLimitBytes(int bytes) {
            this.payloadLimitBytes = bytes;
            return this;
        }

        public LocalEngine build() {
            return new LocalEngine(this);
        }
    }
}
