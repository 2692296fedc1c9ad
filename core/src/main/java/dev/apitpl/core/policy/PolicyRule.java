package dev.apitpl.core.policy;

import dev.apitpl.core.validate.Severity;

/** The problems policy derivation reports instead of granting more than it can name. */
public enum PolicyRule {
    DYNAMIC_RESOURCE("POLICY-DYNAMIC-RESOURCE",
            "a task names its table or function at run time, so no policy can name it (apitpl never grants '*')"),
    UNRESOLVED_PLACEHOLDER("POLICY-UNRESOLVED-PLACEHOLDER",
            "a task names its table or function with a placeholder that has no value"),
    UNKNOWN_INTEGRATION("POLICY-UNKNOWN-INTEGRATION",
            "a task calls a service whose permissions apitpl does not derive (it derives DynamoDB and Lambda tasks)");

    private final String id;
    private final String summary;

    PolicyRule(String id, String summary) {
        this.id = id;
        this.summary = summary;
    }

    public String id() {
        return id;
    }

    public String summary() {
        return summary;
    }

    public Severity severity() {
        return Severity.ERROR;
    }
}
