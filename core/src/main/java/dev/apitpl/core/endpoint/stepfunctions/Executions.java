package dev.apitpl.core.endpoint.stepfunctions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.core.engine.ExecutionOptions;
import dev.apitpl.core.engine.ExecutionResult;
import dev.apitpl.core.engine.Json;
import dev.apitpl.core.engine.LocalEngine;
import dev.apitpl.core.engine.StateMachine;
import dev.apitpl.core.engine.task.TaskInvoker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Executions on the project's engine: started asynchronously on their own threads (or synchronously for
 * StartSyncExecution), recorded with their history, stopped by interrupting them. Executions are kept in memory.
 */
final class Executions implements AutoCloseable {

    private static final Set<String> STATUSES = Set.of("SUCCEEDED", "TIMED_OUT", "PENDING_REDRIVE", "ABORTED", "FAILED",
            "RUNNING");

    private final TaskInvoker tasks;
    private final String account;
    private final Map<String, ExecutionRecord> executions = new ConcurrentHashMap<>();
    private final Map<String, StateMachine> parsed = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final ExecutorService threads;

    Executions(TaskInvoker tasks, String account) {
        this.tasks = tasks;
        this.account = account;
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "apitpl-endpoint-execution-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** What a start request runs: the definition's source (machine or version) and the ARNs it went through. */
    record Target(ObjectNode machine, ObjectNode source, String versionArn, String aliasArn) {
    }

    /** Starts an execution of {@code target} and returns at once (StartExecution). */
    ObjectNode start(Target target, ObjectNode request, String region) {
        return started(launch(target, request, region));
    }

    private ExecutionRecord launch(Target target, ObjectNode request, String region) {
        boolean express = target.machine().get("type").asText().equals(StateMachines.EXPRESS);
        String input = input(request);
        String name = request.hasNonNull("name") ? Arns.checkName(request.get("name").asText())
                : UUID.randomUUID().toString();
        String machineName = target.machine().get("name").asText();
        String arn = "arn:aws:states:" + region + ":" + account + (express
                ? ":express:" + machineName + ":" + name + ":" + UUID.randomUUID()
                : ":execution:" + machineName + ":" + name);
        ExecutionRecord record = new ExecutionRecord(sequence.incrementAndGet(), arn, name,
                target.machine().get("stateMachineArn").asText(), target.versionArn(), target.aliasArn(), input,
                target.source().deepCopy());
        if (!express) {
            ExecutionRecord existing = executions.putIfAbsent(arn, record);
            if (existing != null) {
                if (existing.running() && existing.input.equals(input)) {
                    return existing;
                }
                throw new SfnException("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
            }
        }
        record.run = threads.submit(() -> run(record, region));
        return record;
    }

    private static ObjectNode started(ExecutionRecord record) {
        ObjectNode answer = Json.NODES.objectNode().put("executionArn", record.arn);
        answer.put("startDate", record.startDate);
        return answer;
    }

    private static String input(ObjectNode request) {
        String input = request.hasNonNull("input") ? request.get("input").asText() : "{}";
        try {
            Json.parse(input);
        } catch (IllegalArgumentException e) {
            throw new SfnException("InvalidExecutionInput", "Invalid State Machine Execution Input: '"
                    + e.getMessage() + "'");
        }
        return input;
    }

    private void run(ExecutionRecord record, String region) {
        try {
            String definition = record.definitionSource.get("definition").asText();
            StateMachine machine = parsed.computeIfAbsent(definition, StateMachine::parse);
            LocalEngine engine = LocalEngine.builder().taskInvoker(tasks).listener(record::record).build();
            String machineName = record.machineArn.substring(record.machineArn.lastIndexOf(':') + 1);
            ExecutionOptions options = new ExecutionOptions(record.name, machineName,
                    record.definitionSource.path("roleArn").asText(), region, account, false);
            ExecutionResult result = engine.execute(machine, Json.parse(record.input), options);
            record.finish(result.status().name(), result.output() == null ? null : Json.write(result.output()),
                    result.error(), result.cause());
        } catch (RuntimeException e) {
            record.finish("FAILED", null, "States.Runtime", "The local engine failed: " + e);
        } finally {
            record.done.countDown();
        }
    }

    /** Runs an EXPRESS execution to its end and answers StartSyncExecution. */
    ObjectNode startSync(Target target, ObjectNode request, String region) throws InterruptedException {
        if (!target.machine().get("type").asText().equals(StateMachines.EXPRESS)) {
            throw new SfnException("StateMachineTypeNotSupported",
                    "This operation is not supported by this type of state machine");
        }
        ExecutionRecord record = launch(target, request, region);
        record.done.await();
        ObjectNode answer = record.describe();
        answer.remove(List.of("redriveCount", "redriveStatus", "redriveStatusReason", "stateMachineVersionArn",
                "stateMachineAliasArn"));
        answer.putObject("billingDetails").put("billedMemoryUsedInMB", 64).put("billedDurationInMilliseconds", 100);
        return answer;
    }

    ExecutionRecord require(String executionArn) {
        Arns.execution(executionArn);
        ExecutionRecord record = executions.get(executionArn);
        if (record == null) {
            throw SfnException.executionDoesNotExist(executionArn);
        }
        return record;
    }

    /** ListExecutions of a machine, or of the executions through one version or alias; newest first. */
    List<ObjectNode> list(String machineArn, String versionArn, String aliasArn, String statusFilter) {
        if (statusFilter != null && !STATUSES.contains(statusFilter)) {
            throw SfnException.validation(statusFilter, "statusFilter",
                    "Member must satisfy enum value set: [SUCCEEDED, TIMED_OUT, PENDING_REDRIVE, ABORTED, FAILED, RUNNING]");
        }
        List<ExecutionRecord> matching = new ArrayList<>();
        for (ExecutionRecord record : executions.values()) {
            if (record.machineArn.equals(machineArn)
                    && (versionArn == null || versionArn.equals(record.versionArn))
                    && (aliasArn == null || aliasArn.equals(record.aliasArn))
                    && (statusFilter == null || statusFilter.equals(record.status()))) {
                matching.add(record);
            }
        }
        matching.sort(Comparator.comparingLong((ExecutionRecord record) -> record.sequence).reversed());
        return matching.stream().map(ExecutionRecord::summary).toList();
    }

    /** Stops a running execution: it ends ABORTED at once, its thread is interrupted and awaited briefly. */
    ObjectNode stop(ObjectNode request) throws InterruptedException {
        ExecutionRecord record = require(request.path("executionArn").asText());
        record.finish("ABORTED", null, request.path("error").textValue(), request.path("cause").textValue());
        if (record.run != null) {
            record.run.cancel(true);
        }
        record.done.await(5, TimeUnit.SECONDS);
        ObjectNode answer = Json.NODES.objectNode();
        answer.put("stopDate", record.stopDate());
        return answer;
    }

    /** Forgets the executions of a deleted machine that have ended. */
    void forget(String machineArn) {
        executions.values().removeIf(record -> record.machineArn.equals(machineArn) && !record.running());
    }

    /** GetExecutionHistory's events, oldest first unless reversed, input and output left out on request. */
    List<ObjectNode> history(ObjectNode request) {
        ExecutionRecord record = require(request.path("executionArn").asText());
        List<ObjectNode> events = new ArrayList<>(record.events());
        if (request.path("reverseOrder").asBoolean(false)) {
            java.util.Collections.reverse(events);
        }
        if (!request.path("includeExecutionData").asBoolean(true)) {
            events = events.stream().map(event -> {
                ObjectNode copy = event.deepCopy();
                copy.fields().forEachRemaining(field -> {
                    if (field.getValue() instanceof ObjectNode details) {
                        details.remove(List.of("input", "output", "inputDetails", "outputDetails"));
                    }
                });
                return copy;
            }).toList();
        }
        return events;
    }

    /** Stops every running execution (interrupting it) and the threads; waits a little for them to end. */
    @Override
    public void close() {
        threads.shutdownNow();
        try {
            threads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
