package dev.apitpl.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Workflow variables of one scope. A Map iteration or Parallel branch gets its own scope that can read the
 * enclosing ones; its assignments stay inside it, as in AWS.
 */
final class Variables {

    private final Variables outer;
    private final Map<String, JsonNode> values = new HashMap<>();

    Variables(Variables outer) {
        this.outer = outer;
    }

    JsonNode get(String name) {
        for (Variables scope = this; scope != null; scope = scope.outer) {
            JsonNode value = scope.values.get(name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    boolean isEmpty() {
        return values.isEmpty() && (outer == null || outer.isEmpty());
    }

    /** Every variable visible here, inner scopes shadowing outer ones. */
    Map<String, JsonNode> visible() {
        if (outer == null) {
            return values;
        }
        Map<String, JsonNode> all = new LinkedHashMap<>(outer.visible());
        all.putAll(values);
        return all;
    }

    /** Assigns all at once: values were evaluated against the variables as they were before the state. */
    void assignAll(Map<String, JsonNode> assignments) {
        values.putAll(assignments);
    }
}
