package dev.apitpl.core.validate.asl;

import dev.apitpl.core.asl.AslDocument;
import dev.apitpl.core.asl.AslNode;
import dev.apitpl.core.asl.AslState;
import dev.apitpl.core.asl.QueryLanguage;
import dev.apitpl.core.asl.StateScope;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Each state's own fields: its Type, its query language, the fields its type allows ({@link StateFields}), Next or
 * End, and what each type requires of its fields (Task's Resource and timeouts, Choice's rules through
 * {@link ChoiceRules}, Wait's one duration, Fail's Error and Cause, Parallel's branches; Map's in {@link MapRules}).
 * Also the machine's own fields and those of branches and item processors.
 */
final class StateRules {

    private static final Set<String> MACHINE_FIELDS = Set.of("StartAt", "States", "Comment", "Version",
            "TimeoutSeconds", "QueryLanguage");
    private static final Set<String> BRANCH_FIELDS = Set.of("StartAt", "States", "Comment");
    private static final Set<String> PROCESSOR_FIELDS = Set.of("StartAt", "States", "Comment", "ProcessorConfig");
    private static final Set<String> TRANSITIONING_TYPES = Set.of("Task", "Pass", "Wait", "Parallel", "Map");
    private static final Pattern ARN = Pattern.compile("arn:[A-Za-z0-9-]+:[A-Za-z0-9-]+:[^:]*:[^:]*:.+");
    private static final Pattern LAMBDA_FUNCTION = Pattern.compile(
            "arn:[A-Za-z0-9-]+:lambda:[^:]*:[^:]*:function:[A-Za-z0-9_-]+(:(\\$LATEST|[A-Za-z0-9_-]+))?");

    private final AslDocument document;
    private final FieldChecks fields;
    private final Findings findings;
    private final PayloadRules payloads;
    private final VariableRules variables;
    private final MapRules maps;

    StateRules(AslDocument document, FieldChecks fields, PayloadRules payloads, VariableRules variables) {
        this.document = document;
        this.fields = fields;
        this.findings = fields.findings;
        this.payloads = payloads;
        this.variables = variables;
        this.maps = new MapRules(fields, payloads);
    }

    void machine() {
        AslNode root = document.root();
        fields.unknownFields(root, MACHINE_FIELDS, "the state machine");
        fields.optionalString(root, "Comment");
        fields.optionalString(root, "Version");
        fields.oneOf(root.get("QueryLanguage"), "QueryLanguage", QueryLanguage.NAMES);
        AslNode timeout = root.get("TimeoutSeconds");
        if (timeout != null) {
            fields.integerIn(timeout, "TimeoutSeconds", BigDecimal.ONE, FieldChecks.MAX_SECONDS);
        }
    }

    /** The fields of a Parallel branch or a Map item processor (the machine's are {@link #machine()}'s). */
    void scope(StateScope scope) {
        AslNode node = scope.node();
        if (scope.kind() == StateScope.Kind.BRANCH) {
            fields.unknownFields(node, BRANCH_FIELDS, scope.describe());
        } else if (scope.kind() == StateScope.Kind.ITEM_PROCESSOR) {
            fields.unknownFields(node, PROCESSOR_FIELDS, scope.describe());
            maps.processorConfig(node.get("ProcessorConfig"));
        }
    }

    /**
     * Type, query language, allowed fields, Next or End; returns the state's type when it is known and its other
     * rules apply, otherwise null.
     */
    String header(AslState state) {
        AslNode node = state.node();
        String where = where(state);
        AslNode typeNode = node.get("Type");
        if (typeNode == null) {
            findings.report(AslRule.REQUIRED_FIELD, state.location(), where + " has no Type",
                    "add \"Type\": one of " + String.join(", ", StateFields.TYPES));
            return null;
        }
        if (typeNode.isPlaceholder()) {
            return null;
        }
        String type = state.type();
        if (type == null || !StateFields.TYPES.contains(type)) {
            findings.report(AslRule.STATE_TYPE, typeNode.location(), where + " has Type "
                    + (type == null ? "of the wrong kind" : "'" + type + "'"),
                    Suggestions.didYouMean(type == null ? "" : type, StateFields.TYPES,
                            "use one of " + FieldChecks.sorted(StateFields.TYPES)));
            return null;
        }
        QueryLanguage language = state.queryLanguage();
        AslNode.Member declared = node.member("QueryLanguage");
        if (declared != null) {
            fields.oneOf(declared.value(), "QueryLanguage", QueryLanguage.NAMES);
            if (document.queryLanguage() == QueryLanguage.JSONATA && language == QueryLanguage.JSONPATH
                    && !MapRules.inDistributedProcessor(state)) {
                findings.report(AslRule.QUERY_LANGUAGE, declared.value().location(), where
                        + " uses JSONPath inside a JSONata state machine",
                        "a state may switch from JSONPath to JSONata, not back: remove QueryLanguage or write the state in JSONata");
            }
        }
        allowedFields(state, type, language, where);
        fields.optionalString(node, "Comment");
        nextOrEnd(state, type, where);
        return type;
    }

    /** What the state's type requires of its fields. */
    void type(AslState state, String type) {
        QueryLanguage language = state.queryLanguage();
        String where = where(state);
        switch (type) {
            case "Task" -> task(state, language, where);
            case "Pass" -> payloads.passResult(state);
            case "Choice" -> choice(state, language, where);
            case "Wait" -> waitState(state, language, where);
            case "Fail" -> fail(state);
            case "Parallel" -> parallel(state, where);
            case "Map" -> maps.map(state, language, where);
            default -> { }
        }
    }

    private static String where(AslState state) {
        return "state '" + state.name() + "'";
    }

    private void allowedFields(AslState state, String type, QueryLanguage language, String where) {
        Set<String> allowed = StateFields.allowed(type, language);
        Set<String> anyLanguage = StateFields.allowed(type);
        for (AslNode.Member member : state.node().members()) {
            String name = member.name();
            if (allowed.contains(name)) {
                continue;
            }
            if (anyLanguage.contains(name)) {
                String counterpart = language == QueryLanguage.JSONATA ? StateFields.JSONPATH_ONLY.get(name)
                        : StateFields.JSONATA_ONLY.get(name);
                findings.report(AslRule.QUERY_LANGUAGE, member.keyLocation(), name + " is a "
                        + (language == QueryLanguage.JSONATA ? "JSONPath" : "JSONata") + " field, but " + where
                        + " uses " + (language == QueryLanguage.JSONATA ? "JSONata" : "JSONPath"),
                        "use " + counterpart + " instead, or set the state's QueryLanguage");
            } else {
                findings.report(AslRule.UNKNOWN_FIELD, member.keyLocation(), where + " (" + type
                        + ") has no field '" + name + "'", Suggestions.didYouMean(name, allowed,
                        "allowed: " + FieldChecks.sorted(allowed)));
            }
        }
    }

    private void nextOrEnd(AslState state, String type, String where) {
        if (!TRANSITIONING_TYPES.contains(type)) {
            return;
        }
        AslNode next = state.node().get("Next");
        AslNode end = state.node().get("End");
        if (end != null && !end.isBoolean() && !end.isPlaceholder()) {
            fields.typeError(end, "End", "true");
        }
        if (next != null) {
            fields.expectString(next, "Next");
        }
        boolean ends = end != null && (end.isPlaceholder() || "true".equals(end.text()));
        if (next != null && ends) {
            findings.report(AslRule.NEXT_OR_END, state.node().member("End").keyLocation(), where
                    + " has both Next and End", "keep Next to continue, or End: true to stop here");
        } else if (next == null && !ends) {
            findings.report(AslRule.NEXT_OR_END, state.location(), where + " has neither Next nor End: true",
                    "add \"Next\": \"<state>\" or \"End\": true");
        }
    }

    private void task(AslState state, QueryLanguage language, String where) {
        AslNode node = state.node();
        AslNode resource = node.get("Resource");
        if (resource == null) {
            findings.report(AslRule.REQUIRED_FIELD, state.location(), where + " (Task) has no Resource",
                    "add the ARN of a Lambda function, activity or service integration");
        } else if (fields.expectString(resource, "Resource") && !resource.carriesPlaceholder()) {
            resource(resource);
        }
        seconds(node, "TimeoutSeconds", language);
        seconds(node, "HeartbeatSeconds", language);
        AslNode timeout = node.get("TimeoutSeconds");
        AslNode heartbeat = node.get("HeartbeatSeconds");
        if (timeout != null && heartbeat != null && timeout.isNumber() && heartbeat.isNumber()
                && heartbeat.decimal().compareTo(timeout.decimal()) >= 0) {
            findings.report(AslRule.FIELD_RANGE, heartbeat.location(), "HeartbeatSeconds (" + heartbeat.text()
                    + ") is not smaller than TimeoutSeconds (" + timeout.text() + ")",
                    "make the heartbeat interval shorter than the timeout");
        }
        AslNode credentials = node.get("Credentials");
        if (credentials != null && !credentials.isObject()) {
            if (!credentials.isPlaceholder()) {
                fields.typeError(credentials, "Credentials", "an object with RoleArn");
            }
        } else if (credentials != null && language == QueryLanguage.JSONPATH) {
            payloads.payloadTemplate(credentials);
        }
        if (fields.options.stateMachineType() == StateMachineType.EXPRESS && resource != null && resource.isString()) {
            String arn = resource.text();
            if (arn.endsWith(".sync") || arn.contains(".sync:") || arn.endsWith(".waitForTaskToken")) {
                findings.report(AslRule.EXPRESS_INTEGRATION, resource.location(), "Express workflows do not support the "
                        + arn.substring(arn.lastIndexOf('.')) + " integration pattern",
                        "use the request-response integration, or deploy as a STANDARD workflow");
            } else if (arn.contains(":activity:")) {
                findings.report(AslRule.EXPRESS_INTEGRATION, resource.location(), "Express workflows do not support activities",
                        "deploy as a STANDARD workflow");
            }
        }
    }

    private void resource(AslNode resource) {
        String arn = resource.text();
        if (!ARN.matcher(arn).matches()) {
            findings.report(AslRule.RESOURCE, resource.location(), "Resource '" + arn + "' is not an ARN",
                    fields.placeholderHint(resource, "write arn:<partition>:<service>:<region>:<account>:<resource>,"
                            + " e.g. arn:aws:states:::lambda:invoke"));
        } else if (arn.contains(":lambda:") && arn.contains(":function:") && !LAMBDA_FUNCTION.matcher(arn).matches()) {
            findings.report(AslRule.RESOURCE, resource.location(), "Resource '" + arn + "' is not a valid Lambda function ARN",
                    "end it with the function name, optionally followed by :<alias>, :<version> or :$LATEST");
        }
    }

    /** TimeoutSeconds/HeartbeatSeconds and their Path forms. */
    private void seconds(AslNode node, String field, QueryLanguage language) {
        AslNode value = node.get(field);
        fields.exclusive(node, field, field + "Path");
        if (value != null && !(language == QueryLanguage.JSONATA && FieldChecks.isExpression(value))) {
            fields.integerIn(value, field, BigDecimal.ONE, FieldChecks.MAX_SECONDS);
        }
        payloads.path(node.get(field + "Path"), field + "Path", true, true);
    }

    private void choice(AslState state, QueryLanguage language, String where) {
        AslNode node = state.node();
        AslNode choices = node.get("Choices");
        if (node.has("Default")) {
            fields.expectString(node.get("Default"), "Default");
        }
        if (choices == null) {
            findings.report(AslRule.REQUIRED_FIELD, state.location(), where + " (Choice) has no Choices",
                    "add \"Choices\": [ { ..., \"Next\": \"<state>\" } ]");
            return;
        }
        if (!choices.isArray() || choices.elements().isEmpty()) {
            if (!choices.isPlaceholder()) {
                fields.typeError(choices, "Choices", "a non-empty array of rules");
            }
            return;
        }
        ChoiceRules rules = new ChoiceRules(fields, payloads, variables);
        for (AslNode rule : choices.elements()) {
            if (language == QueryLanguage.JSONATA) {
                rules.jsonataRule(rule);
            } else {
                rules.jsonPathRule(rule, true);
            }
        }
    }

    private void waitState(AslState state, QueryLanguage language, String where) {
        AslNode node = state.node();
        List<String> present = new ArrayList<>();
        for (String field : List.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath")) {
            if (node.has(field)) {
                present.add(field);
            }
        }
        if (present.size() != 1) {
            findings.report(AslRule.EXCLUSIVE_FIELDS, present.size() > 1 ? node.member(present.get(1)).keyLocation()
                    : state.location(), where + " (Wait) has " + (present.isEmpty() ? "no duration"
                    : String.join(" and ", present)), "use exactly one of Seconds, SecondsPath, Timestamp, TimestampPath");
        }
        AslNode seconds = node.get("Seconds");
        if (seconds != null && !(language == QueryLanguage.JSONATA && FieldChecks.isExpression(seconds))) {
            fields.integerIn(seconds, "Seconds", BigDecimal.ZERO, FieldChecks.MAX_SECONDS);
        }
        AslNode timestamp = node.get("Timestamp");
        if (timestamp != null && !(language == QueryLanguage.JSONATA && FieldChecks.isExpression(timestamp))
                && fields.expectString(timestamp, "Timestamp") && !timestamp.carriesPlaceholder()) {
            fields.timestamp(timestamp, "Timestamp");
        }
        payloads.path(node.get("SecondsPath"), "SecondsPath", true, true);
        payloads.path(node.get("TimestampPath"), "TimestampPath", true, true);
    }

    private void fail(AslState state) {
        AslNode node = state.node();
        for (String field : List.of("Error", "Cause")) {
            fields.exclusive(node, field, field + "Path");
            fields.optionalString(node, field);
            payloads.pathOrIntrinsic(node.get(field + "Path"), field + "Path");
        }
    }

    private void parallel(AslState state, String where) {
        AslNode branches = state.node().get("Branches");
        if (branches == null) {
            findings.report(AslRule.REQUIRED_FIELD, state.location(), where + " (Parallel) has no Branches",
                    "add \"Branches\": [ { \"StartAt\": ..., \"States\": { ... } } ]");
        } else if (!branches.isArray() || branches.elements().isEmpty()) {
            fields.typeError(branches, "Branches", "a non-empty array of branches");
        } else {
            for (AslNode branch : branches.elements()) {
                if (!branch.isObject()) {
                    fields.typeError(branch, "a branch", "an object with StartAt and States");
                }
            }
        }
    }
}
