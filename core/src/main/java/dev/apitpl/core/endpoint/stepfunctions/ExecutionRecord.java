package dev.apitpl.core.endpoint.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.core.engine.HistoryEvent;
import dev.apitpl.core.engine.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;

/**
 * One execution as DescribeExecution and GetExecutionHistory report it: what it ran (machine, version, alias and the
 * definition at the time), its status, and its history events in AWS's shape, recorded as the engine emits them.
 */
final class ExecutionRecord {

    final long sequence;
    final String arn;
    final String name;
    final String machineArn;
    final String versionArn;
    final String aliasArn;
    final String input;
    final ObjectNode definitionSource;
    final BigDecimal startDate = StateMachines.now();
    final CountDownLatch done = new CountDownLatch(1);
    private final List<ObjectNode> events = new ArrayList<>();
    private String status = "RUNNING";
    private BigDecimal stopDate;
    private String output;
    private String error;
    private String cause;
    volatile Future<?> run;

    ExecutionRecord(long sequence, String arn, String name, String machineArn, String versionArn, String aliasArn,
                    String input, ObjectNode definitionSource) {
        this.sequence = sequence;
        this.arn = arn;
        this.name = name;
        this.machineArn = machineArn;
        this.versionArn = versionArn;
        this.aliasArn = aliasArn;
        this.input = input;
        this.definitionSource = definitionSource;
    }

    /** Records an engine event in GetExecutionHistory's shape (epoch-second timestamps, AWS's previousEventId). */
    synchronized void record(HistoryEvent event) {
        ObjectNode json = event.toJson();
        json.put("timestamp", BigDecimal.valueOf(event.timestamp().toEpochMilli(), 3));
        if (event.type().equals("ExecutionAborted") || event.previousEventId() == 1) {
            // AWS chains neither the first state to ExecutionStarted nor a stop to the state that was running.
            json.put("previousEventId", 0);
        }
        if (event.type().equals("ExecutionAborted")) {
            ObjectNode details = json.putObject("executionAbortedEventDetails"); // present even when empty, as on AWS
            if (error != null) {
                details.put("error", error);
            }
            if (cause != null) {
                details.put("cause", cause);
            }
        }
        events.add(json);
    }

    synchronized List<ObjectNode> events() {
        return List.copyOf(events);
    }

    synchronized String status() {
        return status;
    }

    synchronized boolean running() {
        return status.equals("RUNNING");
    }

    /** Ends the execution; the first ending wins (a stop beats the engine's own abort report). */
    synchronized void finish(String endStatus, String endOutput, String endError, String endCause) {
        if (running()) {
            status = endStatus;
            output = endOutput;
            error = endError;
            cause = endCause;
            stopDate = StateMachines.now();
        }
    }

    synchronized BigDecimal stopDate() {
        return stopDate;
    }

    /** The DescribeExecution answer. */
    synchronized ObjectNode describe() {
        ObjectNode answer = summary();
        answer.put("input", input);
        answer.putObject("inputDetails").put("included", true);
        if (output != null) {
            answer.put("output", output);
            answer.putObject("outputDetails").put("included", true);
        }
        if (error != null) {
            answer.put("error", error);
        }
        if (cause != null) {
            answer.put("cause", cause);
        }
        if (status.equals("RUNNING") || status.equals("SUCCEEDED")) {
            answer.put("redriveStatus", "NOT_REDRIVABLE");
            answer.put("redriveStatusReason", "Execution is " + status + " and cannot be redriven");
        } else {
            answer.put("redriveStatus", "REDRIVABLE");
        }
        return answer;
    }

    /** The ListExecutions item. */
    synchronized ObjectNode summary() {
        ObjectNode item = Json.NODES.objectNode();
        item.put("executionArn", arn);
        item.put("stateMachineArn", machineArn);
        item.put("name", name);
        item.put("status", status);
        item.put("startDate", startDate);
        if (stopDate != null) {
            item.put("stopDate", stopDate);
        }
        item.put("redriveCount", 0);
        if (versionArn != null) {
            item.put("stateMachineVersionArn", versionArn);
        }
        if (aliasArn != null) {
            item.put("stateMachineAliasArn", aliasArn);
        }
        return item;
    }

    synchronized JsonNode outputNode() {
        return output == null ? null : Json.parse(output);
    }

    synchronized String error() {
        return error;
    }

    synchronized String cause() {
        return cause;
    }

    synchronized String output() {
        return output;
    }
}
