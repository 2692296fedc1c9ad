package dev.apitpl.core.asl;

/** What {@code ${Name}} in a definition stands for. */
public enum PlaceholderMode {
    /** No placeholders: the definition is what AWS receives, {@code ${...}} is literal text. */
    NONE,
    /** Every placeholder is replaced from the substitutions; one without a value is an error. */
    SUBSTITUTE,
    /**
     * Known placeholders are replaced; the others stand for any value (an ARN, a name, a number, a whole JSON
     * value) and no rule reports a value that still carries one.
     */
    TOLERATE
}
