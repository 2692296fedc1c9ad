package dev.apitpl.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The context object a state reads as {@code $$} (JSONPath) or {@code $states.context} (JSONata): the execution, the
 * state (entered time, name, retry count), the state machine and, inside a Map's ItemSelector, the current item.
 */
final class ContextObject {

    private ContextObject() {}

    /** The context of {@code run}; with {@code item}, the one its Map's ItemSelector sees for that item. */
    static JsonNode of(StateRun run, MapItem item) {
        Execution execution = run.execution;
        ExecutionOptions options = execution.options;
        ObjectNode root = Json.NODES.objectNode();
        ObjectNode executionNode = root.putObject("Execution");
        executionNode.put("Id", options.executionArn());
        executionNode.set("Input", execution.executionInput);
        executionNode.put("Name", options.executionName());
        executionNode.put("RoleArn", options.roleArn());
        executionNode.put("StartTime", execution.startTime.toString());
        executionNode.put("RedriveCount", 0);
        ObjectNode stateNode = root.putObject("State");
        stateNode.put("EnteredTime", run.enteredTime.toString());
        stateNode.put("Name", run.name);
        stateNode.put("RetryCount", run.retryCount);
        ObjectNode machineNode = root.putObject("StateMachine");
        machineNode.put("Id", options.stateMachineArn());
        machineNode.put("Name", options.stateMachineName());
        if (item != null) {
            ObjectNode mapItem = root.putObject("Map").putObject("Item");
            mapItem.put("Index", item.index());
            mapItem.set("Value", item.value());
        }
        return root;
    }
}
