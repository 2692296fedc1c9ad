package dev.apitpl.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;

/** The Parallel state's work: every branch on the state's input, concurrently; the results in branch order. */
final class ParallelAction {

    private ParallelAction() {}

    static JsonNode run(StateRun run, JsonNode effective) {
        Execution execution = run.execution;
        execution.emit(run.lane, "ParallelStateStarted", Json.NODES.objectNode());
        List<StateMachine> branches = run.state.branches();
        JsonNode[] results = new JsonNode[branches.size()];
        int limit = Math.min(branches.size(), execution.engine.maxConcurrency);
        StatesError failure = FanOut.run(run, branches.size(), limit, 0, -1, (index, lane) ->
                results[index] = execution.runMachine(branches.get(index), effective, new Variables(run.variables), lane));
        if (failure != null) {
            execution.emit(run.lane, "ParallelStateFailed", Json.NODES.objectNode());
            throw failure;
        }
        ArrayNode output = Json.NODES.arrayNode();
        for (JsonNode result : results) {
            output.add(result);
        }
        execution.emit(run.lane, "ParallelStateSucceeded", Json.NODES.objectNode());
        return output;
    }
}
