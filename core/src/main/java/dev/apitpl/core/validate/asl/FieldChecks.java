package dev.apitpl.core.validate.asl;

import dev.apitpl.core.asl.AslNode;
import dev.apitpl.core.asl.Placeholder;
import dev.apitpl.core.asl.PlaceholderMode;
import java.math.BigDecimal;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The small checks every rule group uses on one field: its JSON type, its range, its allowed values, fields that
 * exclude each other, unknown fields, RFC 3339 timestamps; and how a value is described in a message.
 */
final class FieldChecks {

    static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(99_999_999);
    private static final Pattern RFC3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})");

    final Findings findings;
    final AslValidationOptions options;

    FieldChecks(Findings findings, AslValidationOptions options) {
        this.findings = findings;
        this.options = options;
    }

    void unknownFields(AslNode node, Set<String> allowed, String where) {
        for (AslNode.Member member : node.members()) {
            if (!allowed.contains(member.name())) {
                findings.report(AslRule.UNKNOWN_FIELD, member.keyLocation(), where + " has no field '" + member.name()
                        + "'", Suggestions.didYouMean(member.name(), allowed, "allowed: " + sorted(allowed)));
            }
        }
    }

    void exclusive(AslNode node, String first, String second) {
        if (node.has(first) && node.has(second)) {
            findings.report(AslRule.EXCLUSIVE_FIELDS, node.member(second).keyLocation(), first + " and " + second
                    + " are both set", "keep only one of them");
        }
    }

    boolean expectString(AslNode value, String field) {
        if (value.isString()) {
            return true;
        }
        if (!value.isPlaceholder()) {
            typeError(value, field, "a string");
        }
        return false;
    }

    void optionalString(AslNode node, String field) {
        AslNode value = node.get(field);
        if (value != null) {
            expectString(value, field);
        }
    }

    void oneOf(AslNode value, String field, Set<String> allowed) {
        if (value == null || value.isPlaceholder()) {
            return;
        }
        if (!value.isString() || !allowed.contains(value.text())) {
            findings.report(AslRule.FIELD_TYPE, value.location(), field + " is " + describe(value),
                    "use one of " + sorted(allowed));
        }
    }

    void typeError(AslNode value, String field, String expected) {
        findings.report(AslRule.FIELD_TYPE, value.location(), field + " is " + describe(value) + ", expected " + expected,
                placeholderHint(value, "write " + expected + " here"));
    }

    void integerIn(AslNode value, String field, BigDecimal min, BigDecimal max) {
        if (value.isPlaceholder()) {
            return;
        }
        if (!value.isNumber() || !value.isIntegral()) {
            typeError(value, field, "an integer");
            return;
        }
        range(value, field, min, max);
    }

    void numberIn(AslNode value, String field, BigDecimal min, BigDecimal max) {
        if (value.isPlaceholder()) {
            return;
        }
        if (!value.isNumber()) {
            typeError(value, field, "a number");
            return;
        }
        range(value, field, min, max);
    }

    private void range(AslNode value, String field, BigDecimal min, BigDecimal max) {
        BigDecimal number = value.decimal();
        if ((min != null && number.compareTo(min) < 0) || (max != null && number.compareTo(max) > 0)) {
            findings.report(AslRule.FIELD_RANGE, value.location(), field + " is " + value.text() + ", outside "
                    + (max == null ? ">= " + min.toPlainString() : min.toPlainString() + ".." + max.toPlainString()),
                    "use a value " + (max == null ? "of at least " + min.toPlainString()
                            : "from " + min.toPlainString() + " to " + max.toPlainString()));
        }
    }

    void timestamp(AslNode value, String field) {
        if (!RFC3339.matcher(value.text()).matches()) {
            findings.report(AslRule.TIMESTAMP, value.location(), field + " '" + value.text()
                    + "' is not an RFC 3339 timestamp", "write e.g. 2026-01-31T23:59:59Z");
        }
    }

    /** For a value that looks templated while placeholders are off, say how to validate it as a template. */
    String placeholderHint(AslNode value, String hint) {
        if (options.placeholders() == PlaceholderMode.NONE && value.text() != null
                && Placeholder.PATTERN.matcher(value.text()).find()) {
            return "it holds a ${...} placeholder: validate the definition with its substitutions,"
                    + " or with placeholders tolerated";
        }
        return hint;
    }

    /** Whether a name (a transition target) holds a placeholder that stands for an unknown one. */
    boolean carriesPlaceholder(String text) {
        return options.placeholders() != PlaceholderMode.NONE && Placeholder.PATTERN.matcher(text).find();
    }

    static boolean isExpression(AslNode value) {
        return value.isString() && JsonataExpressions.isExpression(value.text());
    }

    static String describe(AslNode value) {
        return switch (value.kind()) {
            case OBJECT -> "an object";
            case ARRAY -> value.elements().isEmpty() ? "an empty array" : "an array";
            case STRING -> "'" + value.text() + "'";
            case NULL -> "null";
            default -> value.text();
        };
    }

    static String sorted(Set<String> names) {
        return String.join(", ", new TreeSet<>(names));
    }
}
