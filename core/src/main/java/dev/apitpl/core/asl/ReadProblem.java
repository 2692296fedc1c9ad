package dev.apitpl.core.asl;

/**
 * Something that stopped part of a definition from being read: the validator reports each one under its rule, the
 * engine refuses to build from a model that has any.
 *
 * @param kind what went wrong
 * @param location where
 * @param message what is wrong, for a reader
 * @param hint how to fix it, or null
 */
public record ReadProblem(Kind kind, Location location, String message, String hint) {

    /** What kind of reading problem. */
    public enum Kind {
        /** Nothing but white space. */
        EMPTY_DEFINITION,
        /** Malformed JSON or YAML, content after the definition, or a whole-value substitution that is not JSON. */
        SYNTAX,
        /** A key written twice in one object. */
        DUPLICATE_KEY,
        /** Beyond what the reader handles (nesting depth, number length, YAML aliases): the text was not read. */
        READER_LIMIT
    }
}
