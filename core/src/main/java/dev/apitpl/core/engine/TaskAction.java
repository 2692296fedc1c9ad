package dev.apitpl.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.core.asl.ErrorNames;
import dev.apitpl.core.engine.task.TaskFailedException;
import dev.apitpl.core.engine.task.TaskRequest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Task state's work: the call to the engine's {@code TaskInvoker} within TimeoutSeconds, HeartbeatSeconds and
 * the execution's own deadline, recorded as TaskScheduled, TaskStarted and TaskSucceeded/TaskFailed/TaskTimedOut.
 */
final class TaskAction {

    private TaskAction() {}

    /** The call took longer than its limit. */
    private static final class TaskTimedOut extends Exception {
        TaskTimedOut() {
            super("timed out", null, false, false);
        }
    }

    /** The resource type and resource AWS's task events name (lambda + invoke, or the service of an ARN). */
    private record ResourceKind(String type, String resource) {

        static ResourceKind of(String resource) {
            String prefix = "arn:aws:states:::";
            if (resource.startsWith(prefix)) {
                String rest = resource.substring(prefix.length());
                int colon = rest.indexOf(':');
                return colon < 0 ? new ResourceKind(rest, rest)
                        : new ResourceKind(rest.substring(0, colon), rest.substring(colon + 1));
            }
            String[] parts = resource.split(":");
            return new ResourceKind(parts.length > 2 ? parts[2] : "unknown", resource);
        }

        ObjectNode details() {
            ObjectNode details = Json.NODES.objectNode();
            details.put("resourceType", type);
            details.put("resource", resource);
            return details;
        }
    }

    static JsonNode invoke(StateRun run, JsonNode effective) {
        Execution execution = run.execution;
        DataFlow.Value resourceValue = run.flow.value(run, "Resource", run.rawInput);
        String resource = resourceValue == null ? "" : resourceValue.node().asText();
        Duration timeout = seconds(run, "TimeoutSeconds");
        Duration heartbeat = seconds(run, "HeartbeatSeconds");
        ResourceKind kind = ResourceKind.of(resource);
        ObjectNode scheduled = kind.details();
        scheduled.put("region", execution.options.region());
        scheduled.set("parameters", effective);
        if (timeout != null) {
            scheduled.put("timeoutInSeconds", timeout.toSeconds());
        }
        if (heartbeat != null) {
            scheduled.put("heartbeatInSeconds", heartbeat.toSeconds());
        }
        execution.emit(run.lane, "TaskScheduled", scheduled);
        execution.emit(run.lane, "TaskStarted", kind.details());
        if (execution.engine.taskInvoker == null) {
            throw failed(run, kind, "TaskFailed", ErrorNames.RUNTIME, "No integration for the resource '" + resource
                    + "' of Task state '" + run.name + "': build the engine with LocalEngine.builder().taskInvoker(...), "
                    + "for example a mock that returns a fixed result per state name");
        }
        TaskRequest request = new TaskRequest(run.name, resource, effective, run.retryCount, timeout);
        Duration limit = timeout;
        String limitError = ErrorNames.TIMEOUT;
        if (heartbeat != null && (limit == null || heartbeat.compareTo(limit) < 0)) {
            limit = heartbeat;
            limitError = ErrorNames.HEARTBEAT_TIMEOUT;
        }
        boolean executionLimit = false;
        Duration left = execution.timeLeft();
        if (left != null) {
            // The execution's own TimeoutSeconds also bounds the call.
            if (left.isNegative() || left.isZero()) {
                throw execution.executionTimedOut();
            }
            if (limit == null || left.compareTo(limit) < 0) {
                limit = left;
                executionLimit = true;
            }
        }
        JsonNode result;
        try {
            result = limit == null ? execution.engine.taskInvoker.invoke(request) : invokeWithin(run, request, limit);
        } catch (TaskFailedException e) {
            throw failed(run, kind, "TaskFailed", e.error(), e.cause());
        } catch (TaskTimedOut e) {
            if (executionLimit) {
                throw execution.executionTimedOut();
            }
            throw failed(run, kind, "TaskTimedOut", limitError, limitError.equals(ErrorNames.TIMEOUT)
                    ? "The task '" + run.name + "' did not finish within its TimeoutSeconds of " + limit.toSeconds() + " s"
                    : "The task '" + run.name + "' sent no heartbeat within its HeartbeatSeconds of " + limit.toSeconds() + " s");
        } catch (Execution.Aborted e) {
            throw e;
        } catch (RuntimeException | Error e) {
            // As the Lambda runtime reports what a handler throws: the error is the class name.
            throw failed(run, kind, "TaskFailed", e.getClass().getName(), String.valueOf(e.getMessage()));
        }
        if (result == null) {
            result = Json.NODES.nullNode();
        }
        ObjectNode succeeded = kind.details();
        succeeded.set("output", result);
        execution.emit(run.lane, "TaskSucceeded", succeeded);
        return result;
    }

    /** Records the failure event and returns the error to throw. */
    private static StatesError failed(StateRun run, ResourceKind kind, String eventType, String error, String cause) {
        ObjectNode failed = kind.details();
        failed.put("error", error);
        if (cause != null) {
            failed.put("cause", cause);
        }
        run.execution.emit(run.lane, eventType, failed);
        return StatesError.raised(error, cause);
    }

    /** Runs the call on a thread of its own, interrupted when the limit passes. */
    private static JsonNode invokeWithin(StateRun run, TaskRequest request, Duration limit)
            throws TaskFailedException, TaskTimedOut {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                outcome.set(run.execution.engine.taskInvoker.invoke(request));
            } catch (Throwable e) {
                outcome.set(e);
            }
        }, "apitpl-task-" + run.name);
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
            throw new Execution.Aborted();
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

    /** TimeoutSeconds or HeartbeatSeconds (or its Path form, read from the state's input), or null. */
    private static Duration seconds(StateRun run, String field) {
        DataFlow.Value value = run.flow.value(run, field, run.rawInput);
        if (value == null) {
            return null;
        }
        JsonNode seconds = value.node();
        if (!seconds.isIntegralNumber() || seconds.longValue() <= 0) {
            throw StatesError.runtime("The " + field + " value must be a positive integer, but was " + Json.write(seconds));
        }
        return Duration.ofSeconds(seconds.longValue());
    }
}
