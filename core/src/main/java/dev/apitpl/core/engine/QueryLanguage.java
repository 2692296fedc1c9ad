package dev.apitpl.core.engine;

/** How a state's fields are evaluated: JSONPath (the default) or JSONata. */
public enum QueryLanguage {
    JSONPATH("JSONPath"),
    JSONATA("JSONata");

    private final String aslName;

    QueryLanguage(String aslName) {
        this.aslName = aslName;
    }

    public String aslName() {
        return aslName;
    }

    static QueryLanguage fromAsl(String name, String where) {
        for (QueryLanguage language : values()) {
            if (language.aslName.equals(name)) {
                return language;
            }
        }
        throw new DefinitionException(where + ": QueryLanguage must be \"JSONPath\" or \"JSONata\", not \"" + name + "\"");
    }
}
