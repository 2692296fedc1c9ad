package dev.apitpl.core.workflowtest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;

/** Compares an execution's output with the expected one; numbers by value, so {@code 1.0} matches {@code 1}. */
final class OutputMatch {

    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private OutputMatch() {}

    /**
     * The first difference, as "at PATH: expected X but was Y", or {@code null} when {@code actual}
     * matches. In subset mode an expected object's fields must be present and match, and others may exist.
     */
    static String difference(JsonNode expected, JsonNode actual, boolean exact) {
        return difference("$", expected, actual, exact);
    }

    private static String difference(String path, JsonNode expected, JsonNode actual, boolean exact) {
        if (actual == null || actual.isMissingNode()) {
            return "at " + path + ": expected " + expected + " but it is missing";
        }
        if (expected.isObject() && actual.isObject() && !exact) {
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String found = difference(path + "." + field.getKey(), field.getValue(), actual.get(field.getKey()), false);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (expected.isArray() && actual.isArray() && !exact) {
            if (expected.size() != actual.size()) {
                return "at " + path + ": expected " + expected.size() + " elements but was " + actual.size() + ": " + actual;
            }
            for (int i = 0; i < expected.size(); i++) {
                String found = difference(path + "[" + i + "]", expected.get(i), actual.get(i), false);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        return expected.equals(NUMBERS_BY_VALUE, actual) ? null
                : "at " + path + ": expected " + expected + " but was " + actual;
    }
}
