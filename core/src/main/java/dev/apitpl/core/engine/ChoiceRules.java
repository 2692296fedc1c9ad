package dev.apitpl.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;

/** Evaluates JSONPath Choice rules: comparisons (and their *Path forms), Is* tests, StringMatches, And/Or/Not. */
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

    private static boolean compare(String operator, JsonNode operand, String variablePath, PathReader reader) {
        if (operator.equals("IsPresent")) {
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
        switch (operator) {
            case "IsNull":
                return value.isNull() == operand.asBoolean();
            case "IsNumeric":
                return value.isNumber() == operand.asBoolean();
            case "IsString":
                return value.isTextual() == operand.asBoolean();
            case "IsBoolean":
                return value.isBoolean() == operand.asBoolean();
            case "IsTimestamp":
                return (timestamp(value) != null) == operand.asBoolean();
            case "StringMatches":
                return value.isTextual() && wildcardMatch(operand.asText(), value.textValue());
            default:
                break;
        }
        JsonNode expected = operand;
        String base = operator;
        if (operator.endsWith("Path")) {
            base = operator.substring(0, operator.length() - 4);
            expected = readOrFail(operand.asText(), reader);
        }
        if (base.startsWith("String")) {
            if (!value.isTextual() || !expected.isTextual()) {
                return false;
            }
            return ordered(base.substring(6), value.textValue().compareTo(expected.textValue()));
        }
        if (base.startsWith("Numeric")) {
            if (!value.isNumber() || !expected.isNumber()) {
                return false;
            }
            BigDecimal left = value.decimalValue();
            BigDecimal right = expected.decimalValue();
            return ordered(base.substring(7), left.compareTo(right));
        }
        if (base.equals("BooleanEquals")) {
            return value.isBoolean() && expected.isBoolean() && value.booleanValue() == expected.booleanValue();
        }
        if (base.startsWith("Timestamp")) {
            OffsetDateTime left = timestamp(value);
            OffsetDateTime right = timestamp(expected);
            if (left == null || right == null) {
                return false;
            }
            return ordered(base.substring(9), left.toInstant().compareTo(right.toInstant()));
        }
        throw StatesError.runtime("Unknown Choice comparison operator '" + operator + "'");
    }

    private static JsonNode readOrFail(String path, PathReader reader) {
        try {
            return reader.read(path);
        } catch (JsonPaths.NoResult e) {
            throw StatesError.runtime("Invalid path '" + path + "' : " + e.getMessage());
        }
    }

    private static boolean ordered(String relation, int comparison) {
        switch (relation) {
            case "Equals": return comparison == 0;
            case "LessThan": return comparison < 0;
            case "GreaterThan": return comparison > 0;
            case "LessThanEquals": return comparison <= 0;
            case "GreaterThanEquals": return comparison >= 0;
            default: throw StatesError.runtime("Unknown Choice comparison '" + relation + "'");
        }
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
