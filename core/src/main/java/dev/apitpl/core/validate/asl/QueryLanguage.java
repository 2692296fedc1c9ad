package dev.apitpl.core.validate.asl;

import java.util.Set;

/** The query language a state's fields are written in, resolved as AWS does (machine default, state override). */
public enum QueryLanguage {
    JSONPATH,
    JSONATA;

    /** The values {@code QueryLanguage} may have; AWS rejects any other. */
    static final Set<String> NAMES = Set.of("JSONPath", "JSONata");

    /** {@code "JSONPath"} or {@code "JSONata"}; null for any other value (an error, reported as such). */
    static QueryLanguage of(String declared) {
        return switch (declared) {
            case "JSONPath" -> JSONPATH;
            case "JSONata" -> JSONATA;
            default -> null;
        };
    }
}
