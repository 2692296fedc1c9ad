package dev.apitpl.core.engine;

import dev.apitpl.core.asl.ErrorNames;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSONPath as Step Functions evaluates it. Plain member/index paths ({@code $.a.b[0]}, the common case) are walked
 * directly; anything else (filters, wildcards, slices) goes to Jayway JsonPath, which AWS itself uses, so results and
 * "No results for path" messages match.
 */
final class JsonPaths {

    private static final Configuration JAYWAY = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
            .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
            .options(EnumSet.noneOf(Option.class))
            .build();

    /** A path split into member names (String) and array indexes (Integer); {@code null} when not a plain path. */
    private static final Map<String, List<Object>> PLAIN = new ConcurrentHashMap<>();
    private static final List<Object> NOT_PLAIN = List.of("\u0000not-plain");
    private static final Map<String, JsonPath> COMPILED = new ConcurrentHashMap<>();

    private JsonPaths() {}

    /** Thrown when a path selects nothing; {@link #getMessage()} is Jayway's text, e.g. {@code No results for path: $['a']}. */
    static final class NoResult extends Exception {
        NoResult(String message) {
            super(message, null, false, false);
        }
    }

    /** Evaluates {@code path} (which starts with {@code $}) against {@code root}. */
    static JsonNode read(JsonNode root, String path) throws NoResult {
        List<Object> steps = plain(path);
        if (steps != NOT_PLAIN) {
            JsonNode node = root;
            for (Object step : steps) {
                node = step instanceof String name ? (node.isObject() ? node.get(name) : null)
                        : (node.isArray() ? node.get((Integer) step) : null);
                if (node == null) {
                    break;
                }
            }
            if (node != null) {
                return node;
            }
        }
        return readWithJayway(root, path);
    }

    private static JsonNode readWithJayway(JsonNode root, String path) throws NoResult {
        JsonPath compiled;
        try {
            compiled = COMPILED.computeIfAbsent(path, JsonPath::compile);
        } catch (InvalidPathException e) {
            throw new NoResult("Invalid path: " + e.getMessage());
        }
        try {
            return toNode(compiled.read(root, JAYWAY));
        } catch (PathNotFoundException e) {
            if (!compiled.isDefinite()) {
                // An indefinite path (wildcard, slice, filter) that matches nothing selects an empty list.
                return Json.NODES.arrayNode();
            }
            throw new NoResult(e.getMessage());
        } catch (InvalidPathException | ClassCastException | IllegalArgumentException e) {
            throw new NoResult(e.getMessage());
        }
    }

    static JsonNode toNode(Object value) {
        if (value instanceof JsonNode node) {
            return node;
        }
        if (value == null) {
            return Json.NODES.nullNode();
        }
        if (value instanceof String s) {
            return Json.NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            return Json.NODES.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return Json.NODES.numberNode(i);
        }
        if (value instanceof Long l) {
            return Json.NODES.numberNode(l);
        }
        if (value instanceof BigInteger bi) {
            return Json.NODES.numberNode(bi);
        }
        if (value instanceof BigDecimal bd) {
            return Json.NODES.numberNode(bd);
        }
        if (value instanceof Double d) {
            return Json.NODES.numberNode(d);
        }
        if (value instanceof Float f) {
            return Json.NODES.numberNode(f);
        }
        return Json.MAPPER.valueToTree(value);
    }

    private static List<Object> plain(String path) {
        List<Object> steps = PLAIN.get(path);
        if (steps == null) {
            steps = parsePlain(path);
            PLAIN.put(path, steps);
        }
        return steps;
    }

    /** Splits {@code $.a.b[0]['c d']} into steps, or returns NOT_PLAIN. */
    private static List<Object> parsePlain(String path) {
        if (path.isEmpty() || path.charAt(0) != '$') {
            return NOT_PLAIN;
        }
        List<Object> steps = new ArrayList<>();
        int i = 1;
        int n = path.length();
        while (i < n) {
            char c = path.charAt(i);
            if (c == '.') {
                int start = ++i;
                while (i < n && isNameChar(path.charAt(i))) {
                    i++;
                }
                if (i == start) {
                    return NOT_PLAIN;
                }
                steps.add(path.substring(start, i));
            } else if (c == '[') {
                int close = path.indexOf(']', i);
                if (close < 0) {
                    return NOT_PLAIN;
                }
                String inside = path.substring(i + 1, close).trim();
                if (inside.length() >= 2 && inside.charAt(0) == '\'' && inside.charAt(inside.length() - 1) == '\''
                        && inside.indexOf('\'', 1) == inside.length() - 1) {
                    steps.add(inside.substring(1, inside.length() - 1));
                } else if (!inside.isEmpty() && inside.chars().allMatch(Character::isDigit) && inside.length() < 9) {
                    steps.add(Integer.valueOf(inside));
                } else {
                    return NOT_PLAIN;
                }
                i = close + 1;
            } else {
                return NOT_PLAIN;
            }
        }
        return List.copyOf(steps);
    }

    private static boolean isNameChar(char c) {
        return c != '.' && c != '[' && c != ']' && c != '*' && c != '?' && c != '(' && c != ')' && c != '@'
                && c != '\'' && c != '"' && c != ' ' && c != ',' && c != '$' && c != '=' && c != '<' && c != '>'
                && c != '!' && c != '&' && c != '|';
    }

    /**
     * Places {@code value} at reference path {@code path} inside a copy of {@code target} (ResultPath semantics):
     * missing objects on the way are created.
     */
    static JsonNode put(JsonNode target, String path, JsonNode value) {
        List<Object> steps = plain(path);
        if (steps == NOT_PLAIN) {
            throw new StatesError(ErrorNames.RUNTIME, "Invalid ResultPath '" + path + "': only member and index steps are allowed");
        }
        if (steps.isEmpty()) {
            return value;
        }
        JsonNode root = target.deepCopy();
        if (!root.isObject() && !(root.isArray() && steps.get(0) instanceof Integer)) {
            throw resultPathFailure(path, steps.get(0), target);
        }
        JsonNode node = root;
        for (int i = 0; i < steps.size(); i++) {
            Object step = steps.get(i);
            boolean last = i == steps.size() - 1;
            if (step instanceof String name) {
                if (!node.isObject()) {
                    throw resultPathFailure(path, step, target);
                }
                ObjectNode object = (ObjectNode) node;
                if (last) {
                    object.set(name, value);
                } else {
                    JsonNode child = object.get(name);
                    if (child == null || !(child.isObject() || child.isArray())) {
                        child = object.putObject(name);
                    }
                    node = child;
                }
            } else {
                int index = (Integer) step;
                if (!node.isArray() || index >= node.size()) {
                    throw resultPathFailure(path, step, target);
                }
                ArrayNode array = (ArrayNode) node;
                if (last) {
                    array.set(index, value);
                } else {
                    node = array.get(index);
                }
            }
        }
        return root;
    }

    private static StatesError resultPathFailure(String path, Object step, JsonNode input) {
        return new StatesError(ErrorNames.RESULT_PATH_MATCH_FAILURE, "Unable to apply step \"" + step
                + "\" to input " + Json.write(input));
    }
}
