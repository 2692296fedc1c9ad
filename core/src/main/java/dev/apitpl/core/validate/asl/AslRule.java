package dev.apitpl.core.validate.asl;

import dev.apitpl.core.validate.Severity;

/**
 * The rules the ASL validator applies, each with a stable id and the AWS {@code ValidateStateMachineDefinition}
 * diagnostic code it corresponds to (null where AWS has none).
 */
public enum AslRule {
    JSON_SYNTAX("ASL-JSON-SYNTAX", "INVALID_JSON_DESCRIPTION", Severity.ERROR,
            "The definition is well-formed JSON (or YAML)."),
    DUPLICATE_KEY("ASL-DUPLICATE-KEY", "INVALID_JSON_DESCRIPTION", Severity.ERROR,
            "An object has no key twice."),
    EMPTY_DEFINITION("ASL-EMPTY-DEFINITION", "MISSING_DESCRIPTION", Severity.ERROR,
            "The definition file is not empty: it holds more than white space and comments (an empty object is"
                    + " reported as missing StartAt and States)."),
    PLACEHOLDER_UNRESOLVED("ASL-PLACEHOLDER-UNRESOLVED", null, Severity.ERROR,
            "Every ${Name} placeholder has a substitution (substitution mode)."),
    REQUIRED_FIELD("ASL-REQUIRED-FIELD", "SCHEMA_VALIDATION_FAILED", Severity.ERROR,
            "Required fields are present (StartAt, States, Type, Resource, Choices, Branches, ...)."),
    UNKNOWN_FIELD("ASL-UNKNOWN-FIELD", "SCHEMA_VALIDATION_FAILED", Severity.ERROR,
            "Only the fields of the state's type (and query language) are used."),
    FIELD_TYPE("ASL-FIELD-TYPE", "SCHEMA_VALIDATION_FAILED", Severity.ERROR,
            "A field has the JSON type and one of the values the specification allows."),
    FIELD_RANGE("ASL-FIELD-RANGE", "SCHEMA_VALIDATION_FAILED", Severity.ERROR,
            "Numbers are within their ranges (TimeoutSeconds > 0, BackoffRate >= 1, percentages 0..100, ...)."),
    EXCLUSIVE_FIELDS("ASL-EXCLUSIVE-FIELDS", "SCHEMA_VALIDATION_FAILED", Severity.ERROR,
            "Mutually exclusive fields are not combined (X and XPath, Iterator and ItemProcessor, Error and ErrorPath, one Wait duration, ...)."),
    STATE_TYPE("ASL-STATE-TYPE", "SCHEMA_VALIDATION_FAILED", Severity.ERROR,
            "Type is one of Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map."),
    QUERY_LANGUAGE("ASL-QUERY-LANGUAGE", "SCHEMA_VALIDATION_FAILED", Severity.ERROR,
            "Fields match the state's query language; no JSONPath state inside a JSONata machine."),
    NEXT_OR_END("ASL-NEXT-OR-END", "SCHEMA_VALIDATION_FAILED", Severity.ERROR,
            "A Task, Pass, Wait, Parallel or Map state has exactly one of Next and End: true."),
    TRANSITION_TARGET("ASL-TRANSITION-TARGET", "MISSING_TRANSITION_TARGET", Severity.ERROR,
            "StartAt, Next, Default, Choices[].Next and Catch[].Next name a state of the same scope."),
    UNREACHABLE_STATE("ASL-UNREACHABLE-STATE", "MISSING_TRANSITION_TARGET", Severity.ERROR,
            "Every state can be reached from its scope's StartAt."),
    NO_TERMINAL_STATE("ASL-NO-TERMINAL-STATE", "MISSING_END_STATE", Severity.ERROR,
            "Every scope (machine, branch, item processor) has a terminal state."),
    DUPLICATE_STATE_NAME("ASL-DUPLICATE-STATE-NAME", "DUPLICATE_STATE_NAME", Severity.ERROR,
            "State names are unique in the whole machine, nested scopes included."),
    STATE_NAME("ASL-STATE-NAME", "INVALID_STATE_NAME", Severity.ERROR,
            "A state name is 1 to 80 characters long."),
    CHOICE_RULE("ASL-CHOICE-RULE", "SCHEMA_VALIDATION_FAILED", Severity.ERROR,
            "A Choice rule has exactly one comparison operator of the right operand type; top-level rules have Next, nested ones do not."),
    PATH("ASL-PATH", "SCHEMA_VALIDATION_FAILED", Severity.ERROR,
            "Path fields hold a JSONPath AWS accepts; Reference Path fields (ResultPath, ...) a definite path."),
    PAYLOAD_TEMPLATE("ASL-PAYLOAD-TEMPLATE", "SCHEMA_VALIDATION_FAILED", Severity.ERROR,
            "A key ending in .$ holds a path or an intrinsic function call, and has no plain twin."),
    INTRINSIC_FUNCTION("ASL-INTRINSIC-FUNCTION", "SCHEMA_VALIDATION_FAILED", Severity.ERROR,
            "An intrinsic function call parses, names a known function and has a valid number of arguments."),
    JSONATA_SYNTAX("ASL-JSONATA-SYNTAX", "INVALID_JSONATA_EXPRESSION", Severity.ERROR,
            "A {% ... %} expression is delimited and parses as JSONata."),
    JSONATA_UNSUPPORTED("ASL-JSONATA-UNSUPPORTED", "UNSUPPORTED_JSONATA_EXPRESSION", Severity.ERROR,
            "A JSONata expression does not use $eval nor start with a bare field reference (there is no context value)."),
    RETRY_CATCH("ASL-RETRY-CATCH", "SCHEMA_VALIDATION_FAILED", Severity.ERROR,
            "Retriers and catchers have a non-empty ErrorEquals, States.ALL is last and alone."),
    RESOURCE("ASL-RESOURCE", "INVALID_RESOURCE", Severity.ERROR,
            "A Task's Resource is an ARN."),
    EXPRESS_INTEGRATION("ASL-EXPRESS-INTEGRATION", "SCHEMA_VALIDATION_FAILED", Severity.ERROR,
            "An Express workflow uses no .sync, .waitForTaskToken nor activity."),
    TIMESTAMP("ASL-TIMESTAMP", "SCHEMA_VALIDATION_FAILED", Severity.ERROR,
            "Timestamps are RFC 3339 (e.g. 2026-01-31T12:00:00Z)."),
    STATES_VARIABLE("ASL-STATES-VARIABLE", null, Severity.ERROR,
            "A JSONata state reads $states.result only in the Output and Assign of a Task, Parallel or Map state, and $states.errorOutput only in a catcher's."),
    ERROR_NAME("ASL-ERROR-NAME", null, Severity.WARNING,
            "An ErrorEquals name starting with States. is one of the predefined errors (the prefix is reserved; a typo never matches)."),
    UNDEFINED_VARIABLE("ASL-UNDEFINED-VARIABLE", null, Severity.WARNING,
            "A JSONPath variable reference ($name) names a variable some state, catcher or choice rule assigns."),
    VARIABLE_NAME("ASL-VARIABLE-NAME", null, Severity.WARNING,
            "A variable name is a Unicode identifier (ID_Start, then ID_Continue characters) of at most 80 characters, not the reserved states (AWS documents the rule; rejection at creation is unverified)."),
    NO_DOLLAR("ASL-NO-DOLLAR", "NO_DOLLAR", Severity.WARNING,
            "A field without .$ whose value looks like a path or intrinsic function is taken literally."),
    NO_PATH("ASL-NO-PATH", "NO_PATH", Severity.WARNING,
            "A field whose value looks like a path but whose name does not end with Path is taken literally."),
    PASS_RESULT_IS_STATIC("ASL-PASS-RESULT-IS-STATIC", "PASS_RESULT_IS_STATIC", Severity.WARNING,
            "A Pass state's Result is static: paths in it are not evaluated.");

    private final String id;
    private final String awsCode;
    private final Severity severity;
    private final String summary;

    AslRule(String id, String awsCode, Severity severity, String summary) {
        this.id = id;
        this.awsCode = awsCode;
        this.severity = severity;
        this.summary = summary;
    }

    /** The stable id printed in problems, e.g. {@code ASL-TRANSITION-TARGET}. */
    public String id() {
        return id;
    }

    /** The AWS diagnostic code this rule corresponds to, or null. */
    public String awsCode() {
        return awsCode;
    }

    public Severity severity() {
        return severity;
    }

    /** One sentence saying what the rule requires. */
    public String summary() {
        return summary;
    }
}
