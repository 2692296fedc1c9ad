package dev.apitpl.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/**
 * The Map state's work: its items (ItemsPath/Items), each through the ItemSelector into the item processor, at
 * most MaxConcurrency at once, failing when more than the tolerated failures (count, percentage) fail.
 */
final class MapAction {

    private MapAction() {}

    static JsonNode run(StateRun run, JsonNode effective) {
        Execution execution = run.execution;
        JsonNode items = run.flow.items(run, effective);
        int maxConcurrency = (int) number(run, "MaxConcurrency", effective, 0);
        long toleratedCount = number(run, "ToleratedFailureCount", effective, -1);
        double toleratedPercent = percentage(run, effective);
        ObjectNode started = Json.NODES.objectNode();
        started.put("length", items.size());
        execution.emit(run.lane, "MapStateStarted", started);
        StateMachine processor = run.state.itemProcessor();
        JsonNode[] results = new JsonNode[items.size()];
        int limit = maxConcurrency <= 0 ? execution.engine.maxConcurrency
                : Math.min(maxConcurrency, execution.engine.maxConcurrency);
        int toleratedItems = toleratedCount >= 0 ? (int) Math.min(Integer.MAX_VALUE, toleratedCount) : -1;
        if (toleratedPercent >= 0) {
            int byPercent = (int) Math.floor(items.size() * toleratedPercent / 100.0);
            toleratedItems = toleratedItems < 0 ? byPercent : Math.min(toleratedItems, byPercent);
        }
        // Built here, before the workers start, so that they only read it.
        run.context();
        StatesError failure = FanOut.run(run, items.size(), limit, toleratedItems < 0 ? 0 : toleratedItems,
                toleratedItems, (index, lane) -> {
            ObjectNode iteration = Json.NODES.objectNode();
            iteration.put("name", run.name);
            iteration.put("index", index);
            execution.emit(lane, "MapIterationStarted", iteration);
            try {
                JsonNode itemInput = run.flow.selectItem(run, effective, index, items.get(index));
                results[index] = execution.runMachine(processor, itemInput, new Variables(run.variables), lane);
            } catch (StatesError e) {
                execution.emit(lane, "MapIterationFailed", iteration.deepCopy());
                throw e;
            } catch (FanOut.Cancelled e) {
                execution.emit(lane, "MapIterationAborted", iteration.deepCopy());
                throw e;
            }
            execution.emit(lane, "MapIterationSucceeded", iteration.deepCopy());
        });
        if (failure != null) {
            execution.emit(run.lane, "MapStateFailed", Json.NODES.objectNode());
            throw failure;
        }
        ArrayNode output = Json.NODES.arrayNode();
        for (JsonNode result : results) {
            output.add(result == null ? Json.NODES.nullNode() : result);
        }
        execution.emit(run.lane, "MapStateSucceeded", Json.NODES.objectNode());
        return output;
    }

    /** MaxConcurrency or ToleratedFailureCount (or its Path form: an integer, also written as a string). */
    private static long number(StateRun run, String field, JsonNode effective, long absent) {
        DataFlow.Value read = run.flow.value(run, field, effective);
        if (read == null) {
            return absent;
        }
        JsonNode value = read.node();
        if (read.path() != null) {
            if (value.isTextual() && value.textValue().matches("-?\\d{1,18}")) {
                value = Json.NODES.numberNode(Long.parseLong(value.textValue()));
            }
            if (!value.isIntegralNumber() && !(value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0)) {
                throw StatesError.runtime("The " + field + "Path field refers to value \""
                        + (value.isTextual() ? value.textValue() : Json.write(value))
                        + "\" which is not a valid integer: " + read.path());
            }
        }
        if (!value.isNumber()) {
            throw new StatesError(run.flow.evaluationError(),
                    "The " + field + " field must be a non-negative integer, but was " + Json.write(value));
        }
        long number = value.decimalValue().longValue();
        if (number < 0) {
            throw new StatesError(run.flow.evaluationError(), field + " cannot be negative.");
        }
        return number;
    }

    /** ToleratedFailurePercentage (or its Path form, also written as a string), or -1. */
    private static double percentage(StateRun run, JsonNode effective) {
        String field = "ToleratedFailurePercentage";
        DataFlow.Value read = run.flow.value(run, field, effective);
        if (read == null) {
            return -1;
        }
        JsonNode value = read.node();
        if (read.path() != null && value.isTextual() && value.textValue().matches("\\d{1,3}(\\.\\d+)?")) {
            value = Json.NODES.numberNode(new BigDecimal(value.textValue()));
        }
        if (!value.isNumber() || value.doubleValue() < 0 || value.doubleValue() > 100) {
            throw new StatesError(run.flow.evaluationError(),
                    field + " must be a number between 0 and 100, but was " + Json.write(value));
        }
        return value.doubleValue();
    }
}
