package dev.apitpl.core.validate;

import java.nio.file.Path;

/**
 * The internal rule {@value #RULE}: the validator could not check a file, or a part of it, because of a limit of
 * the validator itself (nesting deeper than it follows, a construct it does not read, a failure of its own). Such a
 * problem is an error, since the file was not checked, but it does not say that the file is wrong.
 */
public final class ValidatorLimit {

    /** The rule id, documented in docs/validation.md. */
    public static final String RULE = "VALIDATOR-LIMIT";

    /**
     * How deeply the validator follows nested brackets in one expression (JSONata, Jinja) or nested intrinsic
     * function calls; deeper ones are reported with this rule instead of being parsed.
     */
    public static final int MAX_EXPRESSION_NESTING = 100;

    /** The problem for an expression its parser cannot follow (long chains such as {@code 1 + 1 + ...} too). */
    public static String tooComplex(String what) {
        return what + " is nested or chained more deeply than the validator's parser follows, so it was not checked"
                + " (a limit of the validator, not necessarily a mistake)";
    }

    /** The hint for {@link #tooDeep(String)} and {@link #tooComplex(String)}. */
    public static final String TOO_DEEP_HINT = "split it into smaller parts (variables, separate states or fields)";

    private ValidatorLimit() {}

    /** A problem of this rule; {@code message} says what was not checked and why. */
    public static Problem problem(Path file, int line, int column, String message, String hint) {
        return new Problem(file, line, column, Severity.ERROR, RULE, message, hint);
    }

    /** The problem for an expression nested deeper than {@link #MAX_EXPRESSION_NESTING}. */
    public static String tooDeep(String what) {
        return what + " is nested more than " + MAX_EXPRESSION_NESTING + " levels deep, deeper than the validator follows,"
                + " so it was not checked (a limit of the validator, not necessarily a mistake)";
    }

    /**
     * Where in a JSON text objects and arrays first nest deeper than {@code maxDepth}: the offset of the bracket that
     * opens one level too many, or -1.
     */
    public static int offsetBeyondDepth(String json, int maxDepth) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > maxDepth) {
                    return i;
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return -1;
    }

    /**
     * The depth of nested brackets ({@code ( [ {}) in {@code text}, outside quoted strings ({@code '...'},
     * {@code "..."}, {@code `...`}, with backslash escapes).
     */
    public static int bracketDepth(String text) {
        int depth = 0;
        int max = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                max = Math.max(max, ++depth);
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            }
        }
        return max;
    }
}
