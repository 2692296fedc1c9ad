package dev.apitpl.core.policy;

import java.util.Map;
import java.util.Set;

/**
 * A Task state's call, as far as permissions go: the resource it calls and the arguments that name AWS resources.
 *
 * @param state         the state's name
 * @param line          where the state's name is written (1-based; 0 when unknown)
 * @param column        its column
 * @param resource      the {@code Resource}, or null when missing
 * @param arguments     the resource-naming arguments ({@code TableName}, {@code FunctionName}) by name
 * @param payloadFields the fields of a Lambda payload written in the definition (names without {@code .$}), or null
 *                      when the payload is decided at run time
 */
record TaskCall(String state, int line, int column, Argument resource, Map<String, Argument> arguments,
                Set<String> payloadFields) {

    /** How an argument's value is known. */
    enum Kind {
        /** Written in the definition (after the project's own substitutions). */
        LITERAL,
        /** The whole value is an unresolved {@code ${Name}} placeholder; {@link Argument#value()} is the name. */
        PLACEHOLDER,
        /** Decided at run time (a {@code .$} path, a JSONata expression) or only partly written. */
        DYNAMIC
    }

    /**
     * One resource-naming argument.
     *
     * @param kind    how the value is known
     * @param value   the literal, the placeholder's name, or the expression as written
     * @param line    where the value is written
     * @param column  its column
     */
    record Argument(Kind kind, String value, int line, int column) {}
}
