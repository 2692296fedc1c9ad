package dev.apitpl.core.validate;

/** How bad a problem is: errors fail the build, warnings only with {@code failOnWarning}. */
public enum Severity {
    ERROR,
    WARNING;

    /** Lower-case label used in {@code file:line:column: error RULE-ID message} lines. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
