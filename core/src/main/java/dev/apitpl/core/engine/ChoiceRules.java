package dev.apitpl.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.core.asl.ChoiceOperator;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;

/**
 * Evaluates JSONPath Choice rules: the comparisons of {@link ChoiceOperator}'s table (and their *Path forms), Is*
 * tests, StringMatches, And/Or/Not.
 */
final class ChoiceRules {

    /** Reads a path against the Choice state's input; throws when it selects nothing. */
    interface PathReader {
        JsonNode read(String path) throws JsonPaths.NoResult;
    }

    private ChoiceRules() {}

    static boolean matches(JsonNode rule, PathReader reader) {
        JsonNode and = rule.get("And");
        if (and != null) {
            for (JsonNode sub : and) {
                if (!matches(sub, reader)) {
                    return false;
                }
            }
            return true;
        }
        JsonNode or = rule.get("Or");
        if (or != null) {
            for (JsonNode sub : or) {
                if (matches(sub, reader)) {
                    return true;
                }
            }
            return false;
        }
        JsonNode not = rule.get("Not");
        if (not != null) {
            return !matches(not, reader);
        }
        JsonNode variableNode = rule.get("Variable");
        if (variableNode == null || !variableNode.isTextual()) {
            throw StatesError.runtime("A Choice rule needs Variable (a path) and a comparison operator, or And/Or/Not");
        }
        String variablePath = variableNode.textValue();
        for (Iterator<Map.Entry<String, JsonNode>> it = rule.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String operator = field.getKey();
            if (operator.equals("Variable") || operator.equals("Next") || operator.equals("Comment")
                    || operator.equals("Assign") || operator.equals("Output")) {
                continue;
            }
            return compare(operator, field.getValue(), variablePath, reader);
        }
        throw StatesError.runtime("The Choice rule on '" + variablePath + "' has no comparison operator");
    }

    private static boolean compare(String name, JsonNode operand, String variablePath, PathReader reader) {
        ChoiceOperator operator = ChoiceOperator.named(name);
        if (operator == null) {
            throw StatesError.runtime("Unknown Choice comparison operator '" + name + "'");
        }
        if (operator.test() == ChoiceOperator.Test.IS_PRESENT) {
            boolean present;
            try {
                reader.read(variablePath);
                present = true;
            } catch (JsonPaths.NoResult e) {
                present = false;
            }
            return present == operand.asBoolean();
        }
        JsonNode value = readOrFail(variablePath, reader);
        switch (operator.test()) {
            case IS_NULL:
                return value.isNull() == operand.asBoolean();
            case IS_NUMERIC:
                return value.isNumber() == operand.asBoolean();
            case IS_STRING:
                return value.isTextual() == operand.asBoolean();
            case IS_BOOLEAN:
                return value.isBoolean() == operand.asBoolean();
            case IS_TIMESTAMP:
                return (timestamp(value) != null) == operand.asBoolean();
            case MATCHES:
                return value.isTextual() && wildcardMatch(operand.asText(), value.textValue());
            default:
                break;
        }
        JsonNode expected = operator.pathForm() ? readOrFail(operand.asText(), reader) : operand;
        switch (operator.operand()) {
            case STRING:
                return value.isTextual() && expected.isTextual()
                        && ordered(operator.test(), value.textValue().compareTo(expected.textValue()));
            case NUMBER:
                return value.isNumber() && expected.isNumber()
                        && ordered(operator.test(), value.decimalValue().compareTo(expected.decimalValue()));
            case BOOLEAN:
                return value.isBoolean() && expected.isBoolean() && value.booleanValue() == expected.booleanValue();
            case TIMESTAMP:
                OffsetDateTime left = timestamp(value);
                OffsetDateTime right = timestamp(expected);
                return left != null && right != null
                        && ordered(operator.test(), left.toInstant().compareTo(right.toInstant()));
            default:
                throw StatesError.runtime("Unknown Choice comparison operator '" + name + "'");
        }
    }

    private static JsonNode readOrFail(String path, PathReader reader) {
        try {
            return reader.read(path);
        } catch (JsonPaths.NoResult e) {
            throw StatesError.runtime("Invalid path '" + path + "' : " + e.getMessage());
        }
    }

    private static boolean ordered(ChoiceOperator.Test test, int comparison) {
        return switch (test) {
            case EQUALS -> comparison == 0;
            case LESS_THAN -> comparison < 0;
            case GREATER_THAN -> comparison > 0;
            case LESS_THAN_EQUALS -> comparison <= 0;
            case GREATER_THAN_EQUALS -> comparison >= 0;
            default -> throw StatesError.runtime("Unknown Choice comparison '" + test + "'");
        };
    }

    static OffsetDateTime timestamp(JsonNode value) {
        if (!value.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.textValue());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** ASL StringMatches: {@code *} matches any run of characters; {@code \*} and {@code \\} are literals. */
    static boolean wildcardMatch(String pattern, String text) {
        return match(pattern, 0, text, 0);
    }

    private static boolean match(String p, int pi, String t, int ti) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                while (pi < p.length() && p.charAt(pi) == '*') {
                    pi++;
                }
                if (pi == p.length()) {
                    return true;
                }
                for (int k = ti; k <= t.length(); k++) {
                    if (match(p, pi, t, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (c == '\\' && pi + 1 < p.length()) {
                c = p.charAt(++pi);
            }
            if (ti >= t.length() || t.charAt(ti) != c) {
                return false;
            }
            pi++;
            ti++;
        }
        return ti == t.length();
    }
}
