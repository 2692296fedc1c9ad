package dev.apitpl.core.engine;

import dev.apitpl.core.asl.Catcher;
import dev.apitpl.core.asl.ErrorNames;
import dev.apitpl.core.asl.Retrier;
import dev.apitpl.core.asl.StateType;
import dev.apitpl.core.asl.QueryLanguage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.core.engine.task.TaskFailedException;
import dev.apitpl.core.engine.task.TaskRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** One run of a state machine: the interpreter loop, input/output processing, Retry/Catch, Map and Parallel. */
final class Execution {

    private final LocalEngine engine;
    private final StateMachine machine;
    private final ExecutionOptions options;
    private final List<HistoryEvent> history = new ArrayList<>();
    private final AtomicInteger eventIds = new AtomicInteger();
    private Instant startTime;
    private JsonNode executionInput;
    private Instant deadline;
    private final AtomicBoolean timedOut = new AtomicBoolean();
    /** Notified whenever a group is cancelled, so that sleeps inside it wake up. */
    private final Object cancelSignal = new Object();

    Execution(LocalEngine engine, StateMachine machine, ExecutionOptions options) {
        this.engine = engine;
        this.machine = machine;
        this.options = options;
    }

    /** The thread of control a sequence of events belongs to (top level, a branch, an iteration). */
    private static final class Lane {
        /** The Map or Parallel run this lane is a unit of, or null at the top level. */
        final Group group;
        long previousEventId;

        Lane(Group group) {
            this.group = group;
        }
    }

    /**
     * The iterations of one Map run or the branches of one Parallel run. When one of them fails the state, the group is
     * cancelled: no further unit starts, running ones stop before their next state and wake from Wait and Retry
     * sleeps. A Task call already in progress is not interrupted (an interrupt means ABORTED); its branch stops when
     * the call returns. Nested groups are cancelled with their enclosing one.
     */
    private final class Group implements Sleeper.Cancellation {
        private final Group parent;
        private volatile boolean cancelled;

        Group(Group parent) {
            this.parent = parent;
        }

        @Override
        public boolean isCancelled() {
            return cancelled || (parent != null && parent.isCancelled());
        }

        void cancel() {
            cancelled = true;
            synchronized (cancelSignal) {
                cancelSignal.notifyAll();
            }
        }

        @Override
        public boolean await(Duration duration) throws InterruptedException {
            long total;
            try {
                total = duration.toNanos();
            } catch (ArithmeticException tooLong) {
                total = Long.MAX_VALUE;
            }
            long start = System.nanoTime();
            synchronized (cancelSignal) {
                while (!isCancelled()) {
                    long left = total - (System.nanoTime() - start);
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(cancelSignal, left);
                }
            }
            return true;
        }
    }

    /** The branch or iteration's group was cancelled: it stops without an outcome of its own. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    /** $$.Map.Item while evaluating a Map's ItemSelector. */
    private record MapItem(int index, JsonNode value) {}

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

    /** The calling thread was interrupted: the execution stops as ABORTED. */
    private static final class Aborted extends RuntimeException {
        Aborted() {
            super("aborted", null, false, false);
        }
    }

    // ---------------------------------------------------------------- history

    private long emit(Lane lane, String type, ObjectNode details) {
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

    private static ObjectNode details(String name, String key, JsonNode value) {
        ObjectNode details = Json.NODES.objectNode();
        details.put("name", name);
        details.set(key, value);
        return details;
    }

    // ---------------------------------------------------------------- interpreter loop

    private JsonNode runMachine(StateMachine sm, JsonNode input, Variables variables, Lane lane) {
        State state = sm.state(sm.startAt());
        JsonNode data = input;
        while (true) {
            checkDeadline(lane);
            StateRun run = new StateRun(state, data, variables, lane);
            Step step = run.execute();
            if (step.next() == null) {
                return step.output();
            }
            state = sm.state(step.next());
            data = step.output();
        }
    }

    private record Step(JsonNode output, String next) {}

    private void checkDeadline(Lane lane) {
        if (Thread.currentThread().isInterrupted()) {
            throw new Aborted();
        }
        if (lane.group != null && lane.group.isCancelled()) {
            throw new Cancelled();
        }
        if (deadline != null && !engine.clock.instant().isBefore(deadline)) {
            throw executionTimedOut();
        }
    }

    private StatesError executionTimedOut() {
        timedOut.set(true);
        return StatesError.raised(ErrorNames.TIMEOUT, "The execution exceeded its TimeoutSeconds of "
                + machine.timeoutSeconds() + " seconds");
    }

    private void sleep(Duration duration, Lane lane) {
        Duration wait = duration;
        boolean cut = false;
        if (deadline != null) {
            Duration left = Duration.between(engine.clock.instant(), deadline);
            if (left.compareTo(wait) < 0) {
                wait = left.isNegative() ? Duration.ZERO : left;
                cut = true;
            }
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
            throw new Cancelled();
        }
        if (cut) {
            throw executionTimedOut();
        }
    }

    /**
     * The payload's size as AWS counts it, its UTF-8 encoded JSON text; a string's size is only computed exactly when
     * it might exceed the limit (each char is at most 3 bytes).
     */
    private long sizeOf(JsonNode node) {
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

    static long utf8Length(CharSequence text) {
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

    // ---------------------------------------------------------------- one state

    private final class StateRun {
        final State state;
        final JsonNode rawInput;
        final Variables variables;
        final Lane lane;
        final String name;
        final boolean jsonata;
        long enteredId;
        Instant enteredTime;
        int retryCount;
        JsonNode context;

        StateRun(State state, JsonNode rawInput, Variables variables, Lane lane) {
            this.state = state;
            this.rawInput = rawInput;
            this.variables = variables;
            this.lane = lane;
            this.name = state.name();
            this.jsonata = state.queryLanguage() == QueryLanguage.JSONATA;
        }

        Step execute() {
            String type = state.type().aslName();
            enteredTime = engine.clock.instant();
            enteredId = emit(lane, type + "StateEntered", details(name, "input", rawInput));
            Step step;
            try {
                step = switch (state.type()) {
                    case PASS -> pass();
                    case TASK -> withErrorHandling(this::invokeTask);
                    case CHOICE -> choice();
                    case WAIT -> waitState();
                    case SUCCEED -> succeed();
                    case FAIL -> fail();
                    case PARALLEL -> withErrorHandling(this::parallel);
                    case MAP -> withErrorHandling(this::map);
                };
                if (step.output() != rawInput && sizeOf(step.output()) > engine.payloadLimitBytes) {
                    throw StatesError.raised(ErrorNames.DATA_LIMIT_EXCEEDED, "The state/task '" + name
                            + "' returned a result with a size exceeding the maximum number of bytes service limit.");
                }
            } catch (StatesError e) {
                throw e.locatedIn(name, enteredId);
            }
            emit(lane, type + "StateExited", details(name, "output", step.output()));
            return step;
        }

        // ------------------------------------------------------------ state types

        private Step pass() {
            if (jsonata) {
                Map<String, Object> states = states(rawInput, null, null);
                JsonNode output = state.has("Output") ? template("Output", states) : rawInput;
                assign(states);
                return new Step(output, state.next());
            }
            JsonNode effective = parameters(inputPath(rawInput));
            JsonNode result = state.has("Result") ? state.field("Result") : effective;
            assignJsonPath(result);
            return new Step(outputPath(resultPath(rawInput, result, state.field("ResultPath"))), state.next());
        }

        private Step succeed() {
            if (jsonata) {
                Map<String, Object> states = states(rawInput, null, null);
                return new Step(state.has("Output") ? template("Output", states) : rawInput, null);
            }
            return new Step(outputPath(inputPath(rawInput)), null);
        }

        private Step fail() {
            String error;
            String cause;
            if (jsonata) {
                Map<String, Object> states = states(rawInput, null, null);
                error = optionalText("Error", states);
                cause = optionalText("Cause", states);
            } else {
                error = failField("Error", "ErrorPath");
                cause = failField("Cause", "CausePath");
            }
            throw StatesError.raised(error == null ? "None" : error, cause);
        }

        private String optionalText(String field, Map<String, Object> states) {
            JsonNode value = state.field(field);
            if (value == null) {
                return null;
            }
            JsonNode evaluated = template(field, states);
            return evaluated.isTextual() ? evaluated.textValue() : Json.write(evaluated);
        }

        private String failField(String field, String pathField) {
            if (state.has(field)) {
                return state.field(field).asText();
            }
            JsonNode path = state.field(pathField);
            if (path == null) {
                return null;
            }
            JsonNode value = expression(path.asText(), rawInput, pathField);
            return value.isTextual() ? value.textValue() : Json.write(value);
        }

        private Step choice() {
            if (jsonata) {
                Map<String, Object> states = states(rawInput, null, null);
                JsonNode choices = state.field("Choices");
                for (int i = 0; i < choices.size(); i++) {
                    JsonNode rule = choices.get(i);
                    JsonNode condition = rule.get("Condition");
                    JsonNode verdict = JsonataExpressions.isExpression(condition)
                            ? JsonataExpressions.evaluateDefined(condition.textValue(), states, variables,
                                    "Condition")
                            : condition;
                    if (verdict == null || !verdict.isBoolean()) {
                        throw JsonataExpressions.queryError("The JSONata expression '" + (condition == null ? ""
                                : JsonataExpressions.body(condition.asText())) + "' specified for the field "
                                + "'Condition' returned an unexpected result type. Expected 'boolean', but was '"
                                + typeName(verdict) + "' for value: " + (verdict == null ? "undefined" : Json.write(verdict)));
                    }
                    if (verdict.booleanValue()) {
                        return jsonataChoiceExit(rule, states, rule.get("Next").asText());
                    }
                }
                return jsonataChoiceExit(state.fields(), states, defaultChoice());
            }
            JsonNode effective = inputPath(rawInput);
            JsonNode choices = state.field("Choices");
            for (int i = 0; i < choices.size(); i++) {
                JsonNode rule = choices.get(i);
                if (ChoiceRules.matches(rule, path -> readPath(path, effective))) {
                    assignJsonPathFrom(rule.get("Assign"), effective);
                    return new Step(outputPath(effective), rule.get("Next").asText());
                }
            }
            String fallback = defaultChoice();
            assignJsonPathFrom(state.field("Assign"), effective);
            return new Step(outputPath(effective), fallback);
        }

        private Step jsonataChoiceExit(JsonNode holder, Map<String, Object> states, String next) {
            JsonNode output = rawInput;
            JsonNode outputTemplate = holder.get("Output");
            if (outputTemplate != null) {
                output = JsonataExpressions.evaluateTemplate(outputTemplate, states, variables, "Output");
            }
            JsonNode assign = holder.get("Assign");
            if (assign != null) {
                assignEvaluated(JsonataExpressions.evaluateTemplate(assign, states, variables, "Assign"));
            }
            return new Step(output, next);
        }

        private String defaultChoice() {
            JsonNode fallback = state.field("Default");
            if (fallback == null) {
                throw StatesError.raised(ErrorNames.NO_CHOICE_MATCHED, "No Matches!");
            }
            return fallback.asText();
        }

        private Step waitState() {
            JsonNode effective = jsonata ? rawInput : inputPath(rawInput);
            Map<String, Object> states = jsonata ? states(rawInput, null, null) : null;
            Duration duration;
            if (state.has("Seconds")) {
                JsonNode seconds = state.field("Seconds");
                if (jsonata && JsonataExpressions.isExpression(seconds)) {
                    seconds = JsonataExpressions.evaluateDefined(seconds.textValue(), states, variables, "Seconds");
                }
                duration = Duration.ofSeconds(nonNegativeSeconds(seconds, "Seconds", null));
            } else if (state.has("SecondsPath")) {
                String path = state.field("SecondsPath").asText();
                JsonNode seconds = expression(path, effective, "SecondsPath");
                duration = Duration.ofSeconds(nonNegativeSeconds(seconds, "SecondsPath", path));
            } else if (state.has("Timestamp")) {
                JsonNode timestamp = state.field("Timestamp");
                if (jsonata && JsonataExpressions.isExpression(timestamp)) {
                    timestamp = JsonataExpressions.evaluateDefined(timestamp.textValue(), states, variables, "Timestamp");
                }
                OffsetDateTime until = parseTimestamp(timestamp);
                if (until == null) {
                    throw new StatesError(jsonata ? ErrorNames.QUERY_EVALUATION_ERROR : ErrorNames.RUNTIME,
                            "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: "
                                    + timestamp.asText());
                }
                duration = Duration.between(engine.clock.instant(), until.toInstant());
            } else if (state.has("TimestampPath")) {
                String path = state.field("TimestampPath").asText();
                JsonNode timestamp = expression(path, effective, "TimestampPath");
                OffsetDateTime until = parseTimestamp(timestamp);
                if (until == null) {
                    throw StatesError.runtime("The TimestampPath parameter does not reference a valid ISO-8601 "
                            + "extended offset date-time format string: " + path + " == "
                            + (timestamp.isTextual() ? timestamp.textValue() : Json.write(timestamp)));
                }
                duration = Duration.between(engine.clock.instant(), until.toInstant());
            } else {
                throw StatesError.runtime("A Wait state needs one of Seconds, SecondsPath, Timestamp, TimestampPath");
            }
            if (!duration.isNegative() && !duration.isZero()) {
                sleep(duration, lane);
            }
            if (jsonata) {
                JsonNode output = state.has("Output") ? template("Output", states) : rawInput;
                assign(states);
                return new Step(output, state.next());
            }
            assignJsonPathFrom(state.field("Assign"), effective);
            return new Step(outputPath(effective), state.next());
        }

        private long nonNegativeSeconds(JsonNode seconds, String field, String path) {
            String shown = path == null ? "" : path + " == ";
            if (!seconds.isIntegralNumber() && !(seconds.isNumber()
                    && seconds.decimalValue().stripTrailingZeros().scale() <= 0)) {
                if (path == null) {
                    throw new StatesError(jsonata ? ErrorNames.QUERY_EVALUATION_ERROR : ErrorNames.RUNTIME,
                            "The " + field + " field must be a positive integer, but was " + Json.write(seconds));
                }
                throw StatesError.runtime("The " + field + " parameter cannot be parsed as a long value: " + shown
                        + (seconds.isTextual() ? seconds.textValue() : Json.write(seconds)));
            }
            long value = seconds.decimalValue().longValue();
            if (value < 0) {
                throw new StatesError(jsonata ? ErrorNames.QUERY_EVALUATION_ERROR : ErrorNames.RUNTIME,
                        "The " + field + " parameter references a negative value: " + shown + Json.write(seconds));
            }
            return value;
        }

        private OffsetDateTime parseTimestamp(JsonNode value) {
            if (!value.isTextual()) {
                return null;
            }
            String text = value.textValue();
            if (text.length() < 11 || text.charAt(10) != 'T') {
                return null;
            }
            try {
                return OffsetDateTime.parse(text);
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        // ------------------------------------------------------------ Task

        // Retry and Catch wrap the body; the effective input is built for each attempt, as $$.State.RetryCount
        // (JSONata: $states.context.State.RetryCount) changes between attempts.
        private Step withErrorHandling(Body body) {
            int[] retriesUsed = null;
            while (true) {
                JsonNode effective;
                Map<String, Object> states = null;
                if (jsonata) {
                    states = states(rawInput, null, null);
                    effective = state.has("Arguments") ? template("Arguments", states) : rawInput;
                } else {
                    effective = parameters(inputPath(rawInput));
                }
                try {
                    JsonNode result = body.run(effective);
                    return afterResult(result, states);
                } catch (StatesError failure) {
                    StatesError error = failure.locatedIn(name, enteredId);
                    if (timedOut.get()) {
                        // The execution ran out of time: nothing may retry or catch that.
                        throw error;
                    }
                    List<Retrier> retriers = state.retriers();
                    if (!retriers.isEmpty()) {
                        if (retriesUsed == null) {
                            retriesUsed = new int[retriers.size()];
                        }
                        int index = handling(retriers, error.error());
                        if (index >= 0 && retry(retriers.get(index), retriesUsed, index)) {
                            retryCount++;
                            context = null;
                            continue;
                        }
                    }
                    List<Catcher> catchers = state.catchers();
                    int index = handling(catchers, error.error());
                    if (index >= 0) {
                        return caught(catchers.get(index), error);
                    }
                    throw error;
                }
            }
        }

        private Step afterResult(JsonNode result, Map<String, Object> inputStates) {
            if (jsonata) {
                Map<String, Object> states = states(rawInput, result, null);
                JsonNode output = state.has("Output") ? template("Output", states) : result;
                assign(states);
                return new Step(output, state.next());
            }
            JsonNode selected = state.has("ResultSelector")
                    ? payload(state.field("ResultSelector"), result, "ResultSelector") : result;
            assignJsonPath(selected);
            return new Step(outputPath(resultPath(rawInput, selected, state.field("ResultPath"))), state.next());
        }

        private boolean retry(Retrier retrier, int[] used, int index) {
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
            sleep(Duration.ofMillis((long) (delay * 1000)), lane);
            return true;
        }

        /** The first retrier or catcher that handles {@code error}, or -1. */
        private int handling(List<?> rules, String error) {
            for (int i = 0; i < rules.size(); i++) {
                Object rule = rules.get(i);
                boolean handles = rule instanceof Retrier retrier ? retrier.handles(error, state.type())
                        : ((Catcher) rule).handles(error, state.type());
                if (handles) {
                    return i;
                }
            }
            return -1;
        }

        private Step caught(Catcher catcher, StatesError error) {
            ObjectNode errorOutput = Json.NODES.objectNode();
            errorOutput.put("Error", error.error());
            if (error.cause() != null) {
                errorOutput.put("Cause", error.cause());
            }
            String next = catcher.next();
            if (jsonata) {
                Map<String, Object> states = states(rawInput, null, errorOutput);
                JsonNode output = catcher.output() != null
                        ? JsonataExpressions.evaluateTemplate(catcher.output(), states, variables, "Output")
                        : errorOutput;
                if (catcher.assign() != null) {
                    assignEvaluated(JsonataExpressions.evaluateTemplate(catcher.assign(), states, variables, "Assign"));
                }
                return new Step(output, next);
            }
            assignJsonPathFrom(catcher.assign(), errorOutput);
            return new Step(resultPath(rawInput, errorOutput, catcher.resultPath()), next);
        }

        private JsonNode invokeTask(JsonNode effective) {
            String resource = state.field("Resource") == null ? "" : state.field("Resource").asText();
            if (jsonata && JsonataExpressions.isExpression(state.field("Resource"))) {
                resource = JsonataExpressions.evaluateDefined(resource, states(rawInput, null, null), variables,
                        "Resource").asText();
            }
            Duration timeout = taskSeconds("TimeoutSeconds", effective);
            Duration heartbeat = taskSeconds("HeartbeatSeconds", effective);
            String[] kind = resourceKind(resource);
            ObjectNode scheduled = Json.NODES.objectNode();
            scheduled.put("resourceType", kind[0]);
            scheduled.put("resource", kind[1]);
            scheduled.put("region", options.region());
            scheduled.set("parameters", effective);
            if (timeout != null) {
                scheduled.put("timeoutInSeconds", timeout.toSeconds());
            }
            if (heartbeat != null) {
                scheduled.put("heartbeatInSeconds", heartbeat.toSeconds());
            }
            emit(lane, "TaskScheduled", scheduled);
            ObjectNode startedDetails = Json.NODES.objectNode();
            startedDetails.put("resourceType", kind[0]);
            startedDetails.put("resource", kind[1]);
            emit(lane, "TaskStarted", startedDetails);
            if (engine.taskInvoker == null) {
                return taskFailed(kind, "TaskFailed", ErrorNames.RUNTIME, "No integration for the resource '" + resource
                        + "' of Task state '" + name + "': build the engine with LocalEngine.builder().taskInvoker(...), "
                        + "for example a mock that returns a fixed result per state name");
            }
            TaskRequest request = new TaskRequest(name, resource, effective, retryCount, timeout);
            Duration limit = timeout;
            String limitError = ErrorNames.TIMEOUT;
            if (heartbeat != null && (limit == null || heartbeat.compareTo(limit) < 0)) {
                limit = heartbeat;
                limitError = ErrorNames.HEARTBEAT_TIMEOUT;
            }
            boolean executionLimit = false;
            if (deadline != null) {
                // The execution's own TimeoutSeconds also bounds the call.
                Duration left = Duration.between(engine.clock.instant(), deadline);
                if (left.isNegative() || left.isZero()) {
                    throw executionTimedOut();
                }
                if (limit == null || left.compareTo(limit) < 0) {
                    limit = left;
                    executionLimit = true;
                }
            }
            JsonNode result;
            try {
                result = limit == null ? engine.taskInvoker.invoke(request) : invokeWithin(request, limit);
            } catch (TaskFailedException e) {
                return taskFailed(kind, "TaskFailed", e.error(), e.cause());
            } catch (TaskTimedOut e) {
                if (executionLimit) {
                    throw executionTimedOut();
                }
                return taskFailed(kind, "TaskTimedOut", limitError, limitError.equals(ErrorNames.TIMEOUT)
                        ? "The task '" + name + "' did not finish within its TimeoutSeconds of " + limit.toSeconds() + " s"
                        : "The task '" + name + "' sent no heartbeat within its HeartbeatSeconds of " + limit.toSeconds() + " s");
            } catch (Aborted e) {
                throw e;
            } catch (RuntimeException | Error e) {
                // As the Lambda runtime reports what a handler throws: the error is the class name.
                return taskFailed(kind, "TaskFailed", e.getClass().getName(), String.valueOf(e.getMessage()));
            }
            if (result == null) {
                result = Json.NODES.nullNode();
            }
            ObjectNode succeeded = Json.NODES.objectNode();
            succeeded.put("resourceType", kind[0]);
            succeeded.put("resource", kind[1]);
            succeeded.set("output", result);
            emit(lane, "TaskSucceeded", succeeded);
            return result;
        }

        private JsonNode taskFailed(String[] kind, String eventType, String error, String cause) {
            ObjectNode failed = Json.NODES.objectNode();
            failed.put("resourceType", kind[0]);
            failed.put("resource", kind[1]);
            failed.put("error", error);
            if (cause != null) {
                failed.put("cause", cause);
            }
            emit(lane, eventType, failed);
            throw StatesError.raised(error, cause);
        }

        private JsonNode invokeWithin(TaskRequest request, Duration limit) throws TaskFailedException, TaskTimedOut {
            AtomicReference<Object> outcome = new AtomicReference<>();
            Thread worker = new Thread(() -> {
                try {
                    outcome.set(engine.taskInvoker.invoke(request));
                } catch (Throwable e) {
                    outcome.set(e);
                }
            }, "apitpl-task-" + name);
            worker.setDaemon(true);
            worker.start();
            try {
                worker.join(Math.max(1, limit.toMillis()));
                if (worker.isAlive()) {
                    worker.interrupt();
                    worker.join(1000);
                    throw new TaskTimedOut();
                }
            } catch (InterruptedException e) {
                worker.interrupt();
                Thread.currentThread().interrupt();
                throw new Aborted();
            }
            Object value = outcome.get();
            if (value instanceof TaskFailedException failed) {
                throw failed;
            }
            if (value instanceof RuntimeException failed) {
                throw failed;
            }
            if (value instanceof Error failed) {
                throw failed;
            }
            if (value instanceof Throwable failed) {
                throw new java.lang.reflect.UndeclaredThrowableException(failed, String.valueOf(failed));
            }
            return (JsonNode) value;
        }

        private Duration taskSeconds(String field, JsonNode effective) {
            JsonNode seconds = state.field(field);
            if (seconds == null && !jsonata && state.has(field.replace("Seconds", "SecondsPath"))) {
                String pathField = field.replace("Seconds", "SecondsPath");
                seconds = expression(state.field(pathField).asText(), rawInput, pathField);
            }
            if (seconds == null) {
                return null;
            }
            if (jsonata && JsonataExpressions.isExpression(seconds)) {
                seconds = JsonataExpressions.evaluateDefined(seconds.textValue(), states(rawInput, null, null),
                        variables, field);
            }
            if (!seconds.isIntegralNumber() || seconds.longValue() <= 0) {
                throw StatesError.runtime("The " + field + " value must be a positive integer, but was " + Json.write(seconds));
            }
            return Duration.ofSeconds(seconds.longValue());
        }

        // ------------------------------------------------------------ Parallel

        private JsonNode parallel(JsonNode effective) {
            emit(lane, "ParallelStateStarted", Json.NODES.objectNode());
            List<StateMachine> branches = state.branches();
            JsonNode[] results = new JsonNode[branches.size()];
            int limit = Math.min(branches.size(), engine.maxConcurrency);
            StatesError failure = runConcurrently(lane, branches.size(), limit, 0, -1, (index, itemLane) -> {
                results[index] = runMachine(branches.get(index), effective, new Variables(variables), itemLane);
            });
            if (failure != null) {
                emit(lane, "ParallelStateFailed", Json.NODES.objectNode());
                throw failure;
            }
            ArrayNode output = Json.NODES.arrayNode();
            for (JsonNode result : results) {
                output.add(result);
            }
            emit(lane, "ParallelStateSucceeded", Json.NODES.objectNode());
            return output;
        }

        // ------------------------------------------------------------ Map

        private JsonNode map(JsonNode effective) {
            Map<String, Object> states = jsonata ? states(rawInput, null, null) : null;
            JsonNode items = mapItems(effective, states);
            int maxConcurrency = (int) mapNumber("MaxConcurrency", effective, states, 0);
            long toleratedCount = mapNumber("ToleratedFailureCount", effective, states, -1);
            double toleratedPercent = mapPercentage(effective, states);
            ObjectNode started = Json.NODES.objectNode();
            started.put("length", items.size());
            emit(lane, "MapStateStarted", started);
            StateMachine processor = state.itemProcessor();
            JsonNode selector = state.has("ItemSelector") ? state.field("ItemSelector") : state.field("Parameters");
            if (jsonata) {
                selector = state.field("ItemSelector");
            }
            JsonNode selectorTemplate = selector;
            JsonNode[] results = new JsonNode[items.size()];
            int limit = maxConcurrency <= 0 ? engine.maxConcurrency : Math.min(maxConcurrency, engine.maxConcurrency);
            int toleratedItems = toleratedCount >= 0 ? (int) Math.min(Integer.MAX_VALUE, toleratedCount) : -1;
            if (toleratedPercent >= 0) {
                int byPercent = (int) Math.floor(items.size() * toleratedPercent / 100.0);
                toleratedItems = toleratedItems < 0 ? byPercent : Math.min(toleratedItems, byPercent);
            }
            // Built here, before the workers start, so that they only read it.
            contextObject(null);
            StatesError failure = runConcurrently(lane, items.size(), limit, toleratedItems < 0 ? 0 : toleratedItems,
                    toleratedItems, (index, itemLane) -> {
                ObjectNode iteration = Json.NODES.objectNode();
                iteration.put("name", name);
                iteration.put("index", index);
                emit(itemLane, "MapIterationStarted", iteration);
                try {
                    JsonNode item = items.get(index);
                    JsonNode itemInput = item;
                    if (selectorTemplate != null) {
                        itemInput = selectItem(selectorTemplate, effective, index, item);
                    }
                    results[index] = runMachine(processor, itemInput, new Variables(variables), itemLane);
                } catch (StatesError e) {
                    emit(itemLane, "MapIterationFailed", iteration.deepCopy());
                    throw e;
                } catch (Cancelled e) {
                    emit(itemLane, "MapIterationAborted", iteration.deepCopy());
                    throw e;
                }
                emit(itemLane, "MapIterationSucceeded", iteration.deepCopy());
            });
            if (failure != null) {
                emit(lane, "MapStateFailed", Json.NODES.objectNode());
                throw failure;
            }
            ArrayNode output = Json.NODES.arrayNode();
            for (JsonNode result : results) {
                output.add(result == null ? Json.NODES.nullNode() : result);
            }
            emit(lane, "MapStateSucceeded", Json.NODES.objectNode());
            return output;
        }

        private JsonNode selectItem(JsonNode selector, JsonNode effective, int index, JsonNode item) {
            MapItem current = new MapItem(index, item);
            if (jsonata) {
                Map<String, Object> states = states(rawInput, null, null);
                states.put("context", JsonataExpressions.toJava(contextObject(current)));
                return JsonataExpressions.evaluateTemplate(selector, states, variables, "ItemSelector");
            }
            return payloadWithContext(selector, effective, contextObject(current), "ItemSelector");
        }

        private JsonNode mapItems(JsonNode effective, Map<String, Object> states) {
            if (jsonata) {
                JsonNode items = rawInput;
                JsonNode itemsField = state.field("Items");
                if (itemsField != null) {
                    String shown = JsonataExpressions.isExpression(itemsField)
                            ? JsonataExpressions.body(itemsField.textValue()) : Json.write(itemsField);
                    items = JsonataExpressions.evaluateTemplate(itemsField, states, variables, "Items");
                    if (JsonataExpressions.isExpression(itemsField) || !items.isArray()) {
                        if (!items.isArray()) {
                            throw JsonataExpressions.queryError("The JSONata expression '" + shown
                                    + "' specified for the field 'Items' returned an unexpected result type. "
                                    + "Expected 'array', but was '" + typeName(items) + "' for value: " + Json.write(items));
                        }
                    }
                } else if (!items.isArray()) {
                    throw JsonataExpressions.queryError("Map state input must be an array but was: " + Json.write(items));
                }
                return items;
            }
            JsonNode items = effective;
            JsonNode itemsPath = state.field("ItemsPath");
            if (itemsPath != null) {
                items = expression(itemsPath.asText(), effective, "ItemsPath");
            }
            if (!items.isArray()) {
                throw StatesError.runtime("Map state input must be an array but was: " + Json.write(items));
            }
            return items;
        }

        private long mapNumber(String field, JsonNode effective, Map<String, Object> states, long absent) {
            JsonNode value = state.field(field);
            String pathField = field + "Path";
            if (value == null && state.has(pathField) && !jsonata) {
                String path = state.field(pathField).asText();
                value = expression(path, effective, pathField);
                if (value.isTextual() && value.textValue().matches("-?\\d{1,18}")) {
                    value = Json.NODES.numberNode(Long.parseLong(value.textValue()));
                }
                if (!value.isIntegralNumber() && !(value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0)) {
                    throw StatesError.runtime("The " + pathField + " field refers to value \""
                            + (value.isTextual() ? value.textValue() : Json.write(value))
                            + "\" which is not a valid integer: " + path);
                }
            }
            if (value == null) {
                return absent;
            }
            if (jsonata && JsonataExpressions.isExpression(value)) {
                value = JsonataExpressions.evaluateDefined(value.textValue(), states, variables, field);
            }
            if (!value.isNumber()) {
                throw new StatesError(jsonata ? ErrorNames.QUERY_EVALUATION_ERROR : ErrorNames.RUNTIME,
                        "The " + field + " field must be a non-negative integer, but was " + Json.write(value));
            }
            long number = value.decimalValue().longValue();
            if (number < 0) {
                throw new StatesError(jsonata ? ErrorNames.QUERY_EVALUATION_ERROR : ErrorNames.RUNTIME,
                        field + " cannot be negative.");
            }
            return number;
        }

        private double mapPercentage(JsonNode effective, Map<String, Object> states) {
            String field = "ToleratedFailurePercentage";
            JsonNode value = state.field(field);
            if (value == null && state.has(field + "Path") && !jsonata) {
                value = expression(state.field(field + "Path").asText(), effective, field + "Path");
                if (value.isTextual() && value.textValue().matches("\\d{1,3}(\\.\\d+)?")) {
                    value = Json.NODES.numberNode(new java.math.BigDecimal(value.textValue()));
                }
            }
            if (value == null) {
                return -1;
            }
            if (jsonata && JsonataExpressions.isExpression(value)) {
                value = JsonataExpressions.evaluateDefined(value.textValue(), states, variables, field);
            }
            if (!value.isNumber() || value.doubleValue() < 0 || value.doubleValue() > 100) {
                throw new StatesError(jsonata ? ErrorNames.QUERY_EVALUATION_ERROR : ErrorNames.RUNTIME,
                        field + " must be a number between 0 and 100, but was " + Json.write(value));
            }
            return value.doubleValue();
        }

        // ------------------------------------------------------------ JSONPath processing

        private JsonNode inputPath(JsonNode input) {
            JsonNode path = state.field("InputPath");
            if (path == null) {
                return input;
            }
            if (path.isNull()) {
                return Json.NODES.objectNode();
            }
            return selectPath(path.asText(), input);
        }

        private JsonNode outputPath(JsonNode output) {
            JsonNode path = state.field("OutputPath");
            if (path == null) {
                return output;
            }
            if (path.isNull()) {
                return Json.NODES.objectNode();
            }
            return selectPath(path.asText(), output);
        }

        private JsonNode selectPath(String path, JsonNode data) {
            try {
                return readPath(path, data);
            } catch (JsonPaths.NoResult e) {
                throw StatesError.runtime("Invalid path '" + path + "' : " + e.getMessage());
            }
        }

        private JsonNode resultPath(JsonNode input, JsonNode result, JsonNode resultPath) {
            if (resultPath == null) {
                return result;
            }
            if (resultPath.isNull()) {
                return input;
            }
            return JsonPaths.put(input, resultPath.asText(), result);
        }

        private JsonNode parameters(JsonNode effective) {
            JsonNode parameters = state.field("Parameters");
            if (parameters == null || state.type() == StateType.MAP) {
                return effective;
            }
            return payload(parameters, effective, "Parameters");
        }

        private JsonNode payload(JsonNode template, JsonNode data, String field) {
            return payloadWithContext(template, data, null, field);
        }

        /** Resolves a payload template: keys ending in .$ take a path or intrinsic function's value. */
        private JsonNode payloadWithContext(JsonNode template, JsonNode data, JsonNode contextOverride, String field) {
            if (template.isObject()) {
                ObjectNode out = Json.NODES.objectNode();
                for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    String key = entry.getKey();
                    JsonNode value = entry.getValue();
                    if (key.endsWith(".$") && value.isTextual()) {
                        out.set(key.substring(0, key.length() - 2),
                                expressionWithContext(value.textValue(), data, contextOverride, key));
                    } else {
                        out.set(key, payloadWithContext(value, data, contextOverride, field));
                    }
                }
                return out;
            }
            if (template.isArray()) {
                ArrayNode out = Json.NODES.arrayNode();
                for (JsonNode item : template) {
                    out.add(payloadWithContext(item, data, contextOverride, field));
                }
                return out;
            }
            return template;
        }

        private JsonNode expression(String text, JsonNode data, String field) {
            return expressionWithContext(text, data, null, field);
        }

        /** A path ({@code $.x}, {@code $$.x}, {@code $var.x}) or an intrinsic function call. */
        private JsonNode expressionWithContext(String text, JsonNode data, JsonNode contextOverride, String field) {
            if (IntrinsicFunctions.isIntrinsic(text)) {
                return IntrinsicFunctions.evaluate(text, path -> resolve(path, data, contextOverride, field));
            }
            return resolve(text, data, contextOverride, field);
        }

        private JsonNode resolve(String path, JsonNode data, JsonNode contextOverride, String field) {
            try {
                if (path.startsWith("$$") && contextOverride != null) {
                    return JsonPaths.read(contextOverride, path.substring(1));
                }
                return readPath(path, data);
            } catch (JsonPaths.NoResult e) {
                throw StatesError.runtime("The JSONPath '" + path + "' specified for the field '" + field
                        + "' could not be found in the input '" + Json.write(data) + "'");
            }
        }

        /** Reads a path against data, the context object ($$) or a variable ($name). */
        JsonNode readPath(String path, JsonNode data) throws JsonPaths.NoResult {
            if (path.startsWith("$$")) {
                return JsonPaths.read(contextObject(null), path.substring(1));
            }
            if (path.length() > 1 && path.charAt(0) == '$' && path.charAt(1) != '.' && path.charAt(1) != '['
                    && !Character.isWhitespace(path.charAt(1))) {
                int end = 1;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                String variable = path.substring(1, end);
                JsonNode value = variables.get(variable);
                if (value == null) {
                    throw new JsonPaths.NoResult("No variable '" + variable + "' is assigned");
                }
                return JsonPaths.read(value, "$" + path.substring(end));
            }
            return JsonPaths.read(data, path);
        }

        private void assignJsonPath(JsonNode result) {
            assignJsonPathFrom(state.field("Assign"), result);
        }

        private void assignJsonPathFrom(JsonNode assign, JsonNode data) {
            if (assign == null) {
                return;
            }
            assignEvaluated(payload(assign, data, "Assign"));
        }

        private void assignEvaluated(JsonNode evaluated) {
            Map<String, JsonNode> values = new LinkedHashMap<>();
            evaluated.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue()));
            variables.assignAll(values);
        }

        // ------------------------------------------------------------ JSONata processing

        private Map<String, Object> states(JsonNode input, JsonNode result, JsonNode errorOutput) {
            Map<String, Object> states = new LinkedHashMap<>();
            states.put("input", JsonataExpressions.toJava(input));
            if (result != null) {
                states.put("result", JsonataExpressions.toJava(result));
            }
            if (errorOutput != null) {
                states.put("errorOutput", JsonataExpressions.toJava(errorOutput));
            }
            states.put("context", JsonataExpressions.toJava(contextObject(null)));
            return states;
        }

        private JsonNode template(String field, Map<String, Object> states) {
            return JsonataExpressions.evaluateTemplate(state.field(field), states, variables, field);
        }

        private void assign(Map<String, Object> states) {
            JsonNode assign = state.field("Assign");
            if (assign != null) {
                assignEvaluated(JsonataExpressions.evaluateTemplate(assign, states, variables, "Assign"));
            }
        }

        // ------------------------------------------------------------ context object

        JsonNode contextObject(MapItem item) {
            if (item == null && context != null) {
                return context;
            }
            ObjectNode root = Json.NODES.objectNode();
            ObjectNode execution = root.putObject("Execution");
            execution.put("Id", options.executionArn());
            execution.set("Input", executionInput);
            execution.put("Name", options.executionName());
            execution.put("RoleArn", options.roleArn());
            execution.put("StartTime", startTime.toString());
            execution.put("RedriveCount", 0);
            ObjectNode stateNode = root.putObject("State");
            stateNode.put("EnteredTime", enteredTime.toString());
            stateNode.put("Name", name);
            stateNode.put("RetryCount", retryCount);
            ObjectNode machineNode = root.putObject("StateMachine");
            machineNode.put("Id", options.stateMachineArn());
            machineNode.put("Name", options.stateMachineName());
            if (item != null) {
                ObjectNode mapItemNode = root.putObject("Map").putObject("Item");
                mapItemNode.put("Index", item.index());
                mapItemNode.set("Value", item.value());
                return root;
            }
            context = root;
            return root;
        }
    }

    @FunctionalInterface
    private interface Body {
        JsonNode run(JsonNode effective);
    }

    private static final class TaskTimedOut extends Exception {
        TaskTimedOut() {
            super("timed out", null, false, false);
        }
    }

    @FunctionalInterface
    private interface Unit {
        void run(int index, Lane lane);
    }

    /**
     * Runs units 0..count-1 on at most {@code limit} threads (the calling thread alone when limit or count is 1)
     * and joins them all before returning, so no thread outlives the state. Returns the failure that ends the
     * state, or null: more than {@code toleratedFailures} failed units (when tolerance is set) give
     * States.ExceedToleratedFailureThreshold; without tolerance the first failure ends the state. A failure that ends
     * the state cancels the rest (see {@link Group}): no new unit starts, running ones stop at their next state or
     * Wait/Retry sleep, a Task call in progress completes first. Anything else a unit throws (an {@link Error}, a
     * listener's or sleeper's exception) cancels the rest too and is rethrown here, on the calling thread, as it
     * would have been had the unit run there.
     */
    private StatesError runConcurrently(Lane parent, int count, int limit, int toleratedFailures, int tolerance,
            Unit unit) {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<StatesError> firstFailure = new AtomicReference<>();
        AtomicReference<Throwable> unexpected = new AtomicReference<>();
        Group group = new Group(parent.group);
        long parentEvent = parent.previousEventId;
        Runnable worker = () -> {
            int index;
            while (!group.isCancelled() && (index = next.getAndIncrement()) < count) {
                Lane lane = new Lane(group);
                lane.previousEventId = parentEvent;
                try {
                    unit.run(index, lane);
                } catch (Cancelled e) {
                    // Stopped because the group was cancelled: the failure that cancelled it is the outcome.
                } catch (StatesError e) {
                    firstFailure.compareAndSet(null, e);
                    int failed = failures.incrementAndGet();
                    if (tolerance < 0 || failed > toleratedFailures) {
                        group.cancel();
                    }
                } catch (Throwable e) {
                    unexpected.compareAndSet(null, e);
                    group.cancel();
                }
            }
        };
        int threads = Math.min(count, Math.max(1, limit));
        if (threads <= 1) {
            worker.run();
        } else {
            List<Thread> started = new ArrayList<>(threads);
            for (int i = 0; i < threads; i++) {
                Thread thread = new Thread(worker, "apitpl-engine-" + options.executionName() + "-" + i);
                thread.setDaemon(true);
                thread.start();
                started.add(thread);
            }
            boolean interrupted = false;
            for (Thread thread : started) {
                while (true) {
                    try {
                        thread.join();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                        group.cancel();
                        started.forEach(Thread::interrupt);
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
                throw new Aborted();
            }
        }
        Throwable thrown = unexpected.get();
        if (thrown instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
        if (thrown != null) {
            throw new IllegalStateException(thrown);
        }
        if (parent.group != null && parent.group.isCancelled()) {
            throw new Cancelled();
        }
        if (firstFailure.get() == null) {
            return null;
        }
        if (tolerance < 0) {
            return firstFailure.get();
        }
        if (failures.get() > toleratedFailures) {
            return StatesError.raised(ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD,
                    "The specified tolerated failure threshold was exceeded");
        }
        return null;
    }

    private static String[] resourceKind(String resource) {
        String prefix = "arn:aws:states:::";
        if (resource.startsWith(prefix)) {
            String rest = resource.substring(prefix.length());
            int colon = rest.indexOf(':');
            return colon < 0 ? new String[] {rest, rest}
                    : new String[] {rest.substring(0, colon), rest.substring(colon + 1)};
        }
        String[] parts = resource.split(":");
        return new String[] {parts.length > 2 ? parts[2] : "unknown", resource};
    }

    static String typeName(JsonNode value) {
        if (value == null) {
            return "undefined";
        }
        switch (value.getNodeType()) {
            case ARRAY: return "array";
            case OBJECT: return "object";
            case STRING: return "string";
            case NUMBER: return "number";
            case BOOLEAN: return "boolean";
            case NULL: return "null";
            default: return value.getNodeType().name().toLowerCase();
        }
    }
}
