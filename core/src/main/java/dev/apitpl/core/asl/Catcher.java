package dev.apitpl.core.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a state's {@code Catch}.
 *
 * @param errorEquals the error names it handles
 * @param next the state to go to
 * @param resultPath where the error output goes (JSONPath), or null when absent (the default, {@code $})
 * @param output the JSONata Output, or null
 * @param assign the Assign object, or null
 * @param location where the catcher is written
 */
public record Catcher(List<String> errorEquals, String next, JsonNode resultPath, JsonNode output, JsonNode assign,
                      Location location) {

    static Catcher of(AslNode node) {
        AslNode next = node.get("Next");
        return new Catcher(errorEquals(node), next != null && next.isString() ? next.text() : null,
                json(node.get("ResultPath")), json(node.get("Output")), json(node.get("Assign")), node.location());
    }

    private static JsonNode json(AslNode value) {
        return value == null ? null : value.toJsonNode();
    }

    static List<String> errorEquals(AslNode node) {
        List<String> names = new ArrayList<>();
        AslNode errors = node.get("ErrorEquals");
        if (errors != null) {
            errors.elements().stream().filter(AslNode::isString).forEach(error -> names.add(error.text()));
        }
        return List.copyOf(names);
    }

    /** Whether this catcher handles {@code error} raised by a state of {@code type}. */
    public boolean handles(String error, StateType type) {
        return ErrorNames.handles(errorEquals, error, type);
    }
}
