package dev.apitpl.core.asl;

import java.util.Set;

/** The query language a state's fields are written in, resolved as AWS does (machine default, state override). */
public enum QueryLanguage {
    JSONPATH("JSONPath"),
    JSONATA("JSONata");

    /** The values {@code QueryLanguage} may have; AWS rejects any other. */
    public static final Set<String> NAMES = Set.of("JSONPath", "JSONata");

    private final String aslName;

    QueryLanguage(String aslName) {
        this.aslName = aslName;
    }

    /** The name as written in a definition: {@code JSONPath} or {@code JSONata}. */
    public String aslName() {
        return aslName;
    }

    /** {@code "JSONPath"} or {@code "JSONata"}; null for any other value (an error, reported as such). */
    public static QueryLanguage of(String declared) {
        return switch (declared) {
            case "JSONPath" -> JSONPATH;
            case "JSONata" -> JSONATA;
            default -> null;
        };
    }
}
