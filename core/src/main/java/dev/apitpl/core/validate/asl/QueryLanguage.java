package dev.apitpl.core.validate.asl;

/** The query language a state's fields are written in, resolved as AWS does (machine default, state override). */
public enum QueryLanguage {
    JSONPATH,
    JSONATA;

    /** AWS treats {@code "JSONPath"} as JSONPath and any other value as JSONata. */
    static QueryLanguage of(String declared) {
        return "JSONPath".equals(declared) ? JSONPATH : JSONATA;
    }
}
