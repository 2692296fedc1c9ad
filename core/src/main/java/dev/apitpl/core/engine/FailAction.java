package dev.apitpl.core.engine;

import com.fasterxml.jackson.databind.JsonNode;

/** The Fail state: fails its scope with Error and Cause (or their Path forms, or JSONata expressions). */
final class FailAction {

    private FailAction() {}

    static Step run(StateRun run) {
        String error = text(run, "Error");
        String cause = text(run, "Cause");
        throw StatesError.raised(error == null ? "None" : error, cause);
    }

    private static String text(StateRun run, String field) {
        DataFlow.Value value = run.flow.value(run, field, run.rawInput);
        if (value == null) {
            return null;
        }
        JsonNode node = value.node();
        return node.isTextual() ? node.textValue() : Json.write(node);
    }
}
