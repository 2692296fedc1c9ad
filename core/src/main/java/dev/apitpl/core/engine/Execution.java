package dev.apitpl.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.core.asl.ErrorNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One run of a state machine: the interpreter loop, the history, the execution's deadline and sleeps, and the
 * payload limit. A state's run is a {@link StateRun}; its data flows through the {@link DataFlow} of its query
 * language; Retry/Catch is {@link ErrorHandling}; Map and Parallel fan out through {@link FanOut}.
 */
final class Execution {

    final LocalEngine engine;
    final StateMachine machine;
    final ExecutionOptions options;
    private final List<HistoryEvent> history = new ArrayList<>();
    private final AtomicInteger eventIds = new AtomicInteger();
    Instant startTime;
    JsonNode executionInput;
    private Instant deadline;
    private final AtomicBoolean timedOut = new AtomicBoolean();
    /** Notified whenever a Map or Parallel group is cancelled, so that sleeps inside it wake up. */
    final Object cancelSignal = new Object();

    Execution(LocalEngine engine, StateMachine machine, ExecutionOptions options) {
        this.engine = engine;
        this.machine = machine;
        this.options = options;
    }

    /** The calling thread was interrupted: the execution stops as ABORTED. */
    static final class Aborted extends RuntimeException {
        Aborted() {
            super("aborted", null, false, false);
        }
    }

    ExecutionResult run(JsonNode input) {
        startTime = engine.clock.instant();
        executionInput = input;
        if (machine.timeoutSeconds() != null) {
            deadline = startTime.plusSeconds(machine.timeoutSeconds());
        }
        Lane lane = new Lane(null);
        ObjectNode started = Json.NODES.objectNode();
        started.set("input", input);
        started.put("roleArn", options.roleArn());
        emit(lane, "ExecutionStarted", started);
        ExecutionStatus status;
        JsonNode output = null;
        String error = null;
        String cause = null;
        try {
            if (sizeOf(input) > engine.payloadLimitBytes) {
                throw StatesError.raised(ErrorNames.DATA_LIMIT_EXCEEDED,
                        "The execution input exceeds the maximum number of bytes service limit.");
            }
            output = runMachine(machine, input, new Variables(null), lane);
            status = ExecutionStatus.SUCCEEDED;
            ObjectNode details = Json.NODES.objectNode();
            details.set("output", output);
            emit(lane, "ExecutionSucceeded", details);
        } catch (StatesError e) {
            status = timedOut.get() ? ExecutionStatus.TIMED_OUT : ExecutionStatus.FAILED;
            error = e.error();
            cause = e.cause();
            ObjectNode details = Json.NODES.objectNode();
            details.put("error", error);
            if (cause != null) {
                details.put("cause", cause);
            }
            emit(lane, status == ExecutionStatus.TIMED_OUT ? "ExecutionTimedOut" : "ExecutionFailed", details);
        } catch (Aborted e) {
            status = ExecutionStatus.ABORTED;
            error = "States.Aborted";
            cause = "The execution was interrupted";
            emit(lane, "ExecutionAborted", Json.NODES.objectNode());
        }
        Duration duration = Duration.between(startTime, engine.clock.instant());
        List<HistoryEvent> events;
        synchronized (history) {
            events = List.copyOf(history);
        }
        return new ExecutionResult(status, output, error, cause, events, duration);
    }

    /** Records an event in the lane and tells the listeners; returns its id. */
    long emit(Lane lane, String type, ObjectNode details) {
        long id;
        HistoryEvent event;
        synchronized (history) {
            id = eventIds.incrementAndGet();
            event = new HistoryEvent(id, lane.previousEventId, engine.clock.instant(), type, details);
            if (options.recordHistory()) {
                history.add(event);
            }
        }
        lane.previousEventId = id;
        for (ExecutionListener listener : engine.listeners) {
            listener.onEvent(event);
        }
        return id;
    }

    static ObjectNode details(String name, String key, JsonNode value) {
        ObjectNode details = Json.NODES.objectNode();
        details.put("name", name);
        details.set(key, value);
        return details;
    }

    /** Runs a machine (the execution's, a Parallel branch, a Map item processor) from its StartAt to its end. */
    JsonNode runMachine(StateMachine sm, JsonNode input, Variables variables, Lane lane) {
        State state = sm.state(sm.startAt());
        JsonNode data = input;
        while (true) {
            checkDeadline(lane);
            Step step = new StateRun(this, state, data, variables, lane).execute();
            if (step.next() == null) {
                return step.output();
            }
            state = sm.state(step.next());
            data = step.output();
        }
    }

    private void checkDeadline(Lane lane) {
        if (Thread.currentThread().isInterrupted()) {
            throw new Aborted();
        }
        if (lane.group != null && lane.group.isCancelled()) {
            throw new FanOut.Cancelled();
        }
        if (deadline != null && !engine.clock.instant().isBefore(deadline)) {
            throw executionTimedOut();
        }
    }

    /** Whether the execution ran out of time: then nothing may retry or catch the error. */
    boolean timedOut() {
        return timedOut.get();
    }

    /** The time left before the execution's TimeoutSeconds, or null without one. */
    Duration timeLeft() {
        return deadline == null ? null : Duration.between(engine.clock.instant(), deadline);
    }

    StatesError executionTimedOut() {
        timedOut.set(true);
        return StatesError.raised(ErrorNames.TIMEOUT, "The execution exceeded its TimeoutSeconds of "
                + machine.timeoutSeconds() + " seconds");
    }

    /** Sleeps (Wait, Retry intervals) no longer than the execution's deadline, waking when the lane is cancelled. */
    void sleep(Duration duration, Lane lane) {
        Duration wait = duration;
        boolean cut = false;
        Duration left = timeLeft();
        if (left != null && left.compareTo(wait) < 0) {
            wait = left.isNegative() ? Duration.ZERO : left;
            cut = true;
        }
        try {
            if (lane.group == null) {
                engine.sleeper.sleep(wait);
            } else {
                engine.sleeper.sleep(wait, lane.group);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Aborted();
        }
        if (lane.group != null && lane.group.isCancelled()) {
            throw new FanOut.Cancelled();
        }
        if (cut) {
            throw executionTimedOut();
        }
    }

    /**
     * The payload's size as AWS counts it, its UTF-8 encoded JSON text; a string's size is only computed exactly when
     * it might exceed the limit (each char is at most 3 bytes).
     */
    long sizeOf(JsonNode node) {
        if (node.isTextual()) {
            String text = node.textValue();
            if ((long) text.length() * 6 + 2 <= engine.payloadLimitBytes) {
                return text.length() + 2;
            }
            return utf8Length(Json.write(node));
        }
        if (node.isValueNode()) {
            return 32;
        }
        return utf8Length(Json.write(node));
    }

    private static long utf8Length(CharSequence text) {
        long bytes = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
