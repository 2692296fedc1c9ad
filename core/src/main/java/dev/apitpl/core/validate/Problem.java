package dev.apitpl.core.validate;

import java.nio.file.Path;

/**
 * One finding of validation, located in its file.
 *
 * @param file the file it was found in
 * @param line 1-based line, or 0 when the problem concerns the whole file
 * @param column 1-based column, or 0 when unknown
 * @param severity error or warning
 * @param ruleId stable rule id, documented with the rules (e.g. {@code ASL-TRANSITION-TARGET})
 * @param message what is wrong
 * @param hint how to fix it, or {@code null}
 */
public record Problem(Path file, int line, int column, Severity severity, String ruleId, String message, String hint) {

    /** The compiler-style line: {@code file:line:column: error RULE-ID message (hint)}. */
    public String format() {
        StringBuilder text = new StringBuilder()
                .append(file).append(':').append(line).append(':').append(column).append(": ")
                .append(severity.label()).append(' ').append(ruleId).append(' ').append(message);
        if (hint != null && !hint.isEmpty()) {
            text.append(" (").append(hint).append(')');
        }
        return text.toString();
    }
}
