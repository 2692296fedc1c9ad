package dev.apitpl.core.validate.asl;

import dev.apitpl.core.asl.ErrorNames;
import dev.apitpl.core.asl.Location;
import dev.apitpl.core.asl.AslNode;
import dev.apitpl.core.asl.AslDocument;
import dev.apitpl.core.asl.StateScope;
import dev.apitpl.core.asl.AslState;
import dev.apitpl.core.asl.Transition;
import dev.apitpl.core.asl.QueryLanguage;
import dev.apitpl.core.asl.Placeholder;
import dev.apitpl.core.asl.PlaceholderMode;
import dev.apitpl.core.validate.ValidatorLimit;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Applies the ASL rules to a parsed definition, walking it by its structure. */
final class DefinitionChecker {

    private static final Set<String> MACHINE_FIELDS = Set.of("StartAt", "States", "Comment", "Version", "TimeoutSeconds",
            "QueryLanguage");
    private static final Set<String> BRANCH_FIELDS = Set.of("StartAt", "States", "Comment");
    private static final Set<String> PROCESSOR_FIELDS = Set.of("StartAt", "States", "Comment", "ProcessorConfig");
    private static final Set<String> TRANSITIONING_TYPES = Set.of("Task", "Pass", "Wait", "Parallel", "Map");
    /** Fields of a JSONata state whose strings are never expressions (or are checked on their own). */
    private static final Set<String> NOT_EXPRESSIONS = Set.of("Type", "Comment", "QueryLanguage", "Next", "End",
            "Default", "Resource", "Branches", "ItemProcessor", "Choices", "Retry", "Catch", "Label");
    private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(99_999_999);
    private static final int MAX_STATE_NAME = 80;
    private static final Pattern RFC3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})");
    private static final Pattern ARN = Pattern.compile("arn:[A-Za-z0-9-]+:[A-Za-z0-9-]+:[^:]*:[^:]*:.+");
    private static final Pattern LAMBDA_FUNCTION = Pattern.compile(
            "arn:[A-Za-z0-9-]+:lambda:[^:]*:[^:]*:function:[A-Za-z0-9_-]+(:(\\$LATEST|[A-Za-z0-9_-]+))?");

    private final AslDocument document;
    private final AslValidationOptions options;
    private final Findings findings;
    private final Set<String> assignedVariables = new HashSet<>();
    private final List<VariableUse> variableUses = new ArrayList<>();

    private Set<String> raisedByFailStates;

    /** Error names Fail states of this machine raise: a States. name raised here can be caught here. */
    private Set<String> raisedByFailStates() {
        if (raisedByFailStates == null) {
            raisedByFailStates = new HashSet<>();
            for (AslState state : document.states()) {
                AslNode error = state.node().get("Error");
                if ("Fail".equals(state.type()) && error != null && error.isString()) {
                    raisedByFailStates.add(error.text());
                }
            }
        }
        return raisedByFailStates;
    }

    private record VariableUse(String name, Location location) {}

    DefinitionChecker(AslDocument document, AslValidationOptions options, Findings findings) {
        this.document = document;
        this.options = options;
        this.findings = findings;
    }

    void check() {
        AslNode root = document.root();
        unknownFields(root, MACHINE_FIELDS, "the state machine", AslRule.UNKNOWN_FIELD);
        optionalString(root, "Comment");
        optionalString(root, "Version");
        oneOf(root.get("QueryLanguage"), "QueryLanguage", QueryLanguage.NAMES);
        AslNode timeout = root.get("TimeoutSeconds");
        if (timeout != null) {
            integerIn(timeout, "TimeoutSeconds", BigDecimal.ONE, MAX_SECONDS);
        }
        for (StateScope scope : document.scopes()) {
            checkScope(scope);
        }
        for (AslState state : document.states()) {
            checkState(state);
        }
        stateNames();
        undefinedVariables();
    }

    // ---------------------------------------------------------------- scopes and the graph

    private void checkScope(StateScope scope) {
        AslNode node = scope.node();
        if (scope.kind() == StateScope.Kind.BRANCH) {
            unknownFields(node, BRANCH_FIELDS, scope.describe(), AslRule.UNKNOWN_FIELD);
        } else if (scope.kind() == StateScope.Kind.ITEM_PROCESSOR) {
            unknownFields(node, PROCESSOR_FIELDS, scope.describe(), AslRule.UNKNOWN_FIELD);
            processorConfig(node.get("ProcessorConfig"));
        }
        AslNode startAt = node.get("StartAt");
        AslNode states = node.get("States");
        if (startAt == null) {
            findings.report(AslRule.REQUIRED_FIELD, node.location(), scope.describe() + " has no StartAt",
                    "add \"StartAt\": \"<name of the first state>\"");
        } else {
            expectString(startAt, "StartAt");
        }
        if (states == null) {
            findings.report(AslRule.REQUIRED_FIELD, node.location(), scope.describe() + " has no States",
                    "add \"States\": { ... } with at least one state");
            return;
        }
        if (!states.isObject()) {
            typeError(states, "States", "an object of states by name");
            return;
        }
        if (states.members().isEmpty()) {
            findings.report(AslRule.REQUIRED_FIELD, states.location(), "States of " + scope.describe() + " is empty",
                    "add at least one state");
            return;
        }
        for (AslNode.Member member : states.members()) {
            if (!member.value().isObject() && !member.value().isPlaceholder()) {
                findings.report(AslRule.FIELD_TYPE, member.value().location(), "state '" + member.name()
                        + "' is not an object", "a state is an object with a Type");
            }
        }
        Transition start = scope.start();
        if (start != null) {
            target(scope, start, "StartAt");
        }
        for (AslState state : scope.states().values()) {
            for (Transition transition : state.transitions()) {
                target(scope, transition, "'" + state.name() + "'");
            }
        }
        // a missing target or a state of unknown type may be the missing link or end: report only its own problem
        boolean targetsKnown = scope.states().values().stream().flatMap(state -> state.transitions().stream())
                .allMatch(transition -> scope.states().containsKey(transition.target()));
        boolean typesKnown = scope.states().values().stream()
                .allMatch(state -> state.type() != null && StateFields.TYPES.contains(state.type()));
        if (targetsKnown) {
            reachability(scope);
        }
        if (targetsKnown && typesKnown && scope.states().values().stream().noneMatch(AslState::isTerminal)) {
            findings.report(AslRule.NO_TERMINAL_STATE, node.location(), scope.describe() + " has no terminal state",
                    "end one path with \"End\": true, a Succeed or a Fail state");
        }
    }

    private void target(StateScope scope, Transition transition, String from) {
        if (scope.states().containsKey(transition.target()) || carriesPlaceholder(transition.target())) {
            return;
        }
        String field = switch (transition.kind()) {
            case START_AT -> "StartAt";
            case NEXT -> "Next";
            case DEFAULT -> "Default";
            case CHOICE -> "Choices[].Next";
            case CATCH -> "Catch[].Next";
        };
        boolean elsewhere = document.states().stream().anyMatch(state -> state.name().equals(transition.target()));
        String message = (transition.kind() == Transition.Kind.START_AT ? "StartAt of " + scope.describe()
                : field + " of " + from) + " names '" + transition.target() + "', "
                + (elsewhere ? "a state outside " + scope.describe() : "which is not a state of " + scope.describe());
        String hint = elsewhere
                ? "a transition cannot leave its scope: end the branch or processor and continue from its state's Next"
                : Suggestions.didYouMean(transition.target(), scope.states().keySet(),
                        "name one of: " + String.join(", ", scope.states().keySet()));
        findings.report(AslRule.TRANSITION_TARGET, transition.location(), message, hint);
    }

    private void reachability(StateScope scope) {
        Transition start = scope.start();
        if (start == null || !scope.states().containsKey(start.target())) {
            return;
        }
        Set<String> reached = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>();
        pending.add(start.target());
        while (!pending.isEmpty()) {
            String name = pending.poll();
            AslState state = scope.states().get(name);
            if (state == null || !reached.add(name)) {
                continue;
            }
            for (Transition transition : state.transitions()) {
                pending.add(transition.target());
            }
        }
        boolean placeholderTargets = scope.states().values().stream()
                .flatMap(state -> state.transitions().stream()).anyMatch(t -> carriesPlaceholder(t.target()));
        if (placeholderTargets) {
            return;
        }
        for (AslState state : scope.states().values()) {
            if (!reached.contains(state.name())) {
                findings.report(AslRule.UNREACHABLE_STATE, state.location(), "state '" + state.name()
                        + "' is not reachable from StartAt '" + start.target() + "'",
                        "add a transition to it (Next, Default, Choices, Catch) or remove it");
            }
        }
    }

    private void stateNames() {
        Map<String, AslState> first = new HashMap<>();
        for (AslState state : document.states()) {
            AslState previous = first.putIfAbsent(state.name(), state);
            if (previous != null) {
                findings.report(AslRule.DUPLICATE_STATE_NAME, state.location(), "state name '" + state.name()
                        + "' is already used at line " + previous.location().line(),
                        "state names must be unique in the whole state machine, nested branches and processors included");
            }
            if (state.name().isEmpty() || state.name().length() > MAX_STATE_NAME) {
                findings.report(AslRule.STATE_NAME, state.location(), "state name has " + state.name().length()
                        + " characters", "use 1 to " + MAX_STATE_NAME + " characters");
            }
        }
    }

    // ---------------------------------------------------------------- states

    private void checkState(AslState state) {
        AslNode node = state.node();
        String where = "state '" + state.name() + "'";
        AslNode typeNode = node.get("Type");
        if (typeNode == null) {
            findings.report(AslRule.REQUIRED_FIELD, state.location(), where + " has no Type",
                    "add \"Type\": one of " + String.join(", ", StateFields.TYPES));
            return;
        }
        if (typeNode.isPlaceholder()) {
            return;
        }
        String type = state.type();
        if (type == null || !StateFields.TYPES.contains(type)) {
            findings.report(AslRule.STATE_TYPE, typeNode.location(), where + " has Type "
                    + (type == null ? "of the wrong kind" : "'" + type + "'"),
                    Suggestions.didYouMean(type == null ? "" : type, StateFields.TYPES,
                            "use one of " + String.join(", ", new java.util.TreeSet<>(StateFields.TYPES))));
            return;
        }
        QueryLanguage language = state.queryLanguage();
        AslNode.Member declared = node.member("QueryLanguage");
        if (declared != null) {
            oneOf(declared.value(), "QueryLanguage", QueryLanguage.NAMES);
            if (document.queryLanguage() == QueryLanguage.JSONATA && language == QueryLanguage.JSONPATH
                    && !inDistributedProcessor(state)) {
                findings.report(AslRule.QUERY_LANGUAGE, declared.value().location(), where
                        + " uses JSONPath inside a JSONata state machine",
                        "a state may switch from JSONPath to JSONata, not back: remove QueryLanguage or write the state in JSONata");
            }
        }
        fields(state, type, language, where);
        optionalString(node, "Comment");
        nextOrEnd(state, type, where);
        if (language == QueryLanguage.JSONPATH) {
            jsonPathFields(state, type);
        } else {
            jsonataStrings(node, NOT_EXPRESSIONS);
        }
        assign(node.get("Assign"), language);
        switch (type) {
            case "Task" -> task(state, language, where);
            case "Pass" -> pass(state);
            case "Choice" -> choice(state, language, where);
            case "Wait" -> waitState(state, language, where);
            case "Fail" -> fail(state, language, where);
            case "Parallel" -> parallel(state, where);
            case "Map" -> map(state, language, where);
            default -> { }
        }
        if (node.has("Retry")) {
            retriers(node.get("Retry"));
        }
        if (node.has("Catch")) {
            catchers(node.get("Catch"), language);
        }
    }

    /** A distributed Map runs its item processor as child workflows, which choose their own query language. */
    private static boolean inDistributedProcessor(AslState state) {
        for (StateScope scope = state.scope(); scope.owner() != null; scope = scope.owner().scope()) {
            AslNode config = scope.node().get("ProcessorConfig");
            AslNode mode = config == null ? null : config.get("Mode");
            if (scope.kind() == StateScope.Kind.ITEM_PROCESSOR && mode != null && "DISTRIBUTED".equals(mode.text())) {
                return true;
            }
        }
        return false;
    }

    private void fields(AslState state, String type, QueryLanguage language, String where) {
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
                        "allowed: " + String.join(", ", new java.util.TreeSet<>(allowed))));
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
            typeError(end, "End", "true");
        }
        if (next != null) {
            expectString(next, "Next");
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

    private void jsonPathFields(AslState state, String type) {
        AslNode node = state.node();
        path(node.get("InputPath"), "InputPath", false, true);
        path(node.get("OutputPath"), "OutputPath", false, true);
        path(node.get("ResultPath"), "ResultPath", true, false);
        payloadTemplate(node.get("Parameters"));
        payloadTemplate(node.get("ResultSelector"));
        if (!"Fail".equals(type)) {
            return;
        }
        for (String literal : List.of("Error", "Cause")) {
            AslNode value = node.get(literal);
            if (value != null && value.isString() && PathSyntax.looksLikePath(value.text())) {
                findings.report(AslRule.NO_PATH, value.location(), literal + " '" + value.text()
                        + "' looks like a path but is taken literally", "use " + literal + "Path to read it from the input");
            }
        }
    }

    // ---------------------------------------------------------------- state types

    private void task(AslState state, QueryLanguage language, String where) {
        AslNode node = state.node();
        AslNode resource = node.get("Resource");
        if (resource == null) {
            findings.report(AslRule.REQUIRED_FIELD, state.location(), where + " (Task) has no Resource",
                    "add the ARN of a Lambda function, activity or service integration");
        } else if (expectString(resource, "Resource") && !resource.carriesPlaceholder()) {
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
        AslNode.Member credentials = node.member("Credentials");
        if (credentials != null) {
            AslNode value = credentials.value();
            if (!value.isObject()) {
                if (!value.isPlaceholder()) {
                    typeError(value, "Credentials", "an object with RoleArn");
                }
            } else {
                if (language == QueryLanguage.JSONPATH) {
                    payloadTemplate(value);
                }
            }
        }
        if (options.stateMachineType() == StateMachineType.EXPRESS && resource != null && resource.isString()) {
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
                    placeholderHint(resource, "write arn:<partition>:<service>:<region>:<account>:<resource>,"
                            + " e.g. arn:aws:states:::lambda:invoke"));
        } else if (arn.contains(":lambda:") && arn.contains(":function:") && !LAMBDA_FUNCTION.matcher(arn).matches()) {
            findings.report(AslRule.RESOURCE, resource.location(), "Resource '" + arn + "' is not a valid Lambda function ARN",
                    "end it with the function name, optionally followed by :<alias>, :<version> or :$LATEST");
        }
    }

    /** TimeoutSeconds/HeartbeatSeconds and their Path forms. */
    private void seconds(AslNode node, String field, QueryLanguage language) {
        AslNode value = node.get(field);
        exclusive(node, field, field + "Path");
        if (value != null && !(language == QueryLanguage.JSONATA && isExpression(value))) {
            integerIn(value, field, BigDecimal.ONE, MAX_SECONDS);
        }
        path(node.get(field + "Path"), field + "Path", true, true);
    }

    private void pass(AslState state) {
        AslNode result = state.node().get("Result");
        if (result != null && state.queryLanguage() == QueryLanguage.JSONPATH && looksDynamic(result)) {
            findings.report(AslRule.PASS_RESULT_IS_STATIC, result.location(), "Result of a Pass state is static:"
                    + " its paths are not evaluated", "use Parameters to build the output from paths");
        }
    }

    private boolean looksDynamic(AslNode node) {
        if (node.isString()) {
            return !node.carriesPlaceholder() && PathSyntax.looksLikePath(node.text());
        }
        if (node.isObject()) {
            for (AslNode.Member member : node.members()) {
                if (member.name().endsWith(".$") || looksDynamic(member.value())) {
                    return true;
                }
            }
        }
        return node.elements().stream().anyMatch(this::looksDynamic);
    }

    private void choice(AslState state, QueryLanguage language, String where) {
        AslNode node = state.node();
        AslNode choices = node.get("Choices");
        if (node.has("Default")) {
            expectString(node.get("Default"), "Default");
        }
        if (choices == null) {
            findings.report(AslRule.REQUIRED_FIELD, state.location(), where + " (Choice) has no Choices",
                    "add \"Choices\": [ { ..., \"Next\": \"<state>\" } ]");
            return;
        }
        if (!choices.isArray() || choices.elements().isEmpty()) {
            if (!choices.isPlaceholder()) {
                typeError(choices, "Choices", "a non-empty array of rules");
            }
            return;
        }
        ChoiceRules rules = new ChoiceRules(findings, this);
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
        if (seconds != null && !(language == QueryLanguage.JSONATA && isExpression(seconds))) {
            integerIn(seconds, "Seconds", BigDecimal.ZERO, MAX_SECONDS);
        }
        AslNode timestamp = node.get("Timestamp");
        if (timestamp != null && !(language == QueryLanguage.JSONATA && isExpression(timestamp))
                && expectString(timestamp, "Timestamp") && !timestamp.carriesPlaceholder()) {
            timestamp(timestamp, "Timestamp");
        }
        path(node.get("SecondsPath"), "SecondsPath", true, true);
        path(node.get("TimestampPath"), "TimestampPath", true, true);
    }

    void timestamp(AslNode value, String field) {
        if (!RFC3339.matcher(value.text()).matches()) {
            findings.report(AslRule.TIMESTAMP, value.location(), field + " '" + value.text()
                    + "' is not an RFC 3339 timestamp", "write e.g. 2026-01-31T23:59:59Z");
        }
    }

    private void fail(AslState state, QueryLanguage language, String where) {
        AslNode node = state.node();
        for (String field : List.of("Error", "Cause")) {
            exclusive(node, field, field + "Path");
            optionalString(node, field);
            AslNode path = node.get(field + "Path");
            if (path != null && expectString(path, field + "Path") && !path.carriesPlaceholder()) {
                if (IntrinsicFunctions.looksLikeCall(path.text())) {
                    intrinsic(path);
                } else {
                    path(path, field + "Path", true, true);
                }
            }
        }
    }

    private void parallel(AslState state, String where) {
        AslNode branches = state.node().get("Branches");
        if (branches == null) {
            findings.report(AslRule.REQUIRED_FIELD, state.location(), where + " (Parallel) has no Branches",
                    "add \"Branches\": [ { \"StartAt\": ..., \"States\": { ... } } ]");
        } else if (!branches.isArray() || branches.elements().isEmpty()) {
            typeError(branches, "Branches", "a non-empty array of branches");
        } else {
            for (AslNode branch : branches.elements()) {
                if (!branch.isObject()) {
                    typeError(branch, "a branch", "an object with StartAt and States");
                }
            }
        }
        // Parameters is a payload template like any state's: jsonPathFields checks it
    }

    private void map(AslState state, QueryLanguage language, String where) {
        AslNode node = state.node();
        exclusive(node, "ItemProcessor", "Iterator");
        exclusive(node, "ItemSelector", "Parameters");
        if (!node.has("ItemProcessor") && !node.has("Iterator")) {
            findings.report(AslRule.REQUIRED_FIELD, state.location(), where + " (Map) has no ItemProcessor",
                    "add \"ItemProcessor\": { \"StartAt\": ..., \"States\": { ... } }");
        }
        for (String field : List.of("ItemProcessor", "Iterator")) {
            AslNode processor = node.get(field);
            if (processor != null && !processor.isObject()) {
                typeError(processor, field, "an object with StartAt and States");
            }
        }
        for (String field : List.of("MaxConcurrency", "ToleratedFailurePercentage", "ToleratedFailureCount")) {
            exclusive(node, field, field + "Path");
            path(node.get(field + "Path"), field + "Path", true, true);
            AslNode value = node.get(field);
            if (value == null || (language == QueryLanguage.JSONATA && isExpression(value))) {
                continue;
            }
            if (field.equals("ToleratedFailurePercentage")) {
                numberIn(value, field, BigDecimal.ZERO, BigDecimal.valueOf(100));
            } else {
                integerIn(value, field, BigDecimal.ZERO, MAX_SECONDS);
            }
        }
        if (language == QueryLanguage.JSONPATH) {
            path(node.get("ItemsPath"), "ItemsPath", true, true);
            payloadTemplate(node.get("ItemSelector"));
        } else {
            AslNode items = node.get("Items");
            if (items != null && !items.isArray() && !items.isPlaceholder() && !isExpression(items)) {
                typeError(items, "Items", "an array or a {% %} expression");
            }
        }
        AslNode label = node.get("Label");
        if (label != null && expectString(label, "Label") && label.text().length() > 40) {
            findings.report(AslRule.FIELD_RANGE, label.location(), "Label has " + label.text().length() + " characters",
                    "use at most 40 characters");
        }
        AslNode reader = node.get("ItemReader");
        if (reader != null && reader.isObject()) {
            unknownFields(reader, Set.of("Resource", "Parameters", "Arguments", "ReaderConfig"), "ItemReader", AslRule.UNKNOWN_FIELD);
            AslNode config = reader.get("ReaderConfig");
            if (config != null && config.isObject()) {
                exclusive(config, "MaxItems", "MaxItemsPath");
                AslNode maxItems = config.get("MaxItems");
                if (maxItems != null && !(language == QueryLanguage.JSONATA && isExpression(maxItems))) {
                    integerIn(maxItems, "MaxItems", BigDecimal.ZERO, BigDecimal.valueOf(100_000_000));
                }
                path(config.get("MaxItemsPath"), "MaxItemsPath", true, true);
            }
            if (language == QueryLanguage.JSONPATH) {
                payloadTemplate(reader.get("Parameters"));
            }
        } else if (reader != null) {
            typeError(reader, "ItemReader", "an object");
        }
        AslNode batcher = node.get("ItemBatcher");
        if (batcher != null && batcher.isObject()) {
            unknownFields(batcher, Set.of("MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch",
                    "MaxInputBytesPerBatchPath", "BatchInput"), "ItemBatcher", AslRule.UNKNOWN_FIELD);
            exclusive(batcher, "MaxItemsPerBatch", "MaxItemsPerBatchPath");
            exclusive(batcher, "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath");
            AslNode maxItems = batcher.get("MaxItemsPerBatch");
            if (maxItems != null && !(language == QueryLanguage.JSONATA && isExpression(maxItems))) {
                integerIn(maxItems, "MaxItemsPerBatch", BigDecimal.ONE, MAX_SECONDS);
            }
            AslNode maxBytes = batcher.get("MaxInputBytesPerBatch");
            if (maxBytes != null && !(language == QueryLanguage.JSONATA && isExpression(maxBytes))) {
                // the batch is passed as a child execution's input, capped at 256 KiB
                integerIn(maxBytes, "MaxInputBytesPerBatch", BigDecimal.ONE, BigDecimal.valueOf(262_144));
            }
            if (language == QueryLanguage.JSONPATH) {
                payloadTemplate(batcher.get("BatchInput"));
            }
            path(batcher.get("MaxItemsPerBatchPath"), "MaxItemsPerBatchPath", true, true);
            path(batcher.get("MaxInputBytesPerBatchPath"), "MaxInputBytesPerBatchPath", true, true);
        } else if (batcher != null) {
            typeError(batcher, "ItemBatcher", "an object");
        }
        AslNode writer = node.get("ResultWriter");
        if (writer != null && writer.isObject()) {
            unknownFields(writer, Set.of("Resource", "Parameters", "Arguments", "WriterConfig"), "ResultWriter",
                    AslRule.UNKNOWN_FIELD);
            if (language == QueryLanguage.JSONPATH) {
                payloadTemplate(writer.get("Parameters"));
            }
        } else if (writer != null) {
            typeError(writer, "ResultWriter", "an object");
        }
    }

    private void processorConfig(AslNode config) {
        if (config == null) {
            return;
        }
        if (!config.isObject()) {
            typeError(config, "ProcessorConfig", "an object");
            return;
        }
        unknownFields(config, Set.of("Mode", "ExecutionType"), "ProcessorConfig", AslRule.UNKNOWN_FIELD);
        oneOf(config.get("Mode"), "Mode", Set.of("INLINE", "DISTRIBUTED"));
        oneOf(config.get("ExecutionType"), "ExecutionType", Set.of("STANDARD", "EXPRESS"));
    }

    // ---------------------------------------------------------------- Retry and Catch

    private void retriers(AslNode retry) {
        if (!retry.isArray()) {
            typeError(retry, "Retry", "an array of retriers");
            return;
        }
        List<AslNode> elements = retry.elements();
        for (int i = 0; i < elements.size(); i++) {
            AslNode retrier = elements.get(i);
            if (!retrier.isObject()) {
                typeError(retrier, "a retrier", "an object with ErrorEquals");
                continue;
            }
            unknownFields(retrier, Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate",
                    "MaxDelaySeconds", "JitterStrategy", "Comment"), "a retrier", AslRule.UNKNOWN_FIELD);
            errorEquals(retrier, "retrier", i == elements.size() - 1);
            AslNode interval = retrier.get("IntervalSeconds");
            if (interval != null) {
                integerIn(interval, "IntervalSeconds", BigDecimal.ONE, MAX_SECONDS);
            }
            AslNode attempts = retrier.get("MaxAttempts");
            if (attempts != null) {
                integerIn(attempts, "MaxAttempts", BigDecimal.ZERO, MAX_SECONDS);
            }
            AslNode backoff = retrier.get("BackoffRate");
            if (backoff != null) {
                numberIn(backoff, "BackoffRate", BigDecimal.ONE, null);
            }
            AslNode maxDelay = retrier.get("MaxDelaySeconds");
            if (maxDelay != null) {
                integerIn(maxDelay, "MaxDelaySeconds", BigDecimal.ONE, BigDecimal.valueOf(31_622_400));
            }
            oneOf(retrier.get("JitterStrategy"), "JitterStrategy", Set.of("FULL", "NONE"));
        }
    }

    private void catchers(AslNode catchers, QueryLanguage language) {
        if (!catchers.isArray()) {
            typeError(catchers, "Catch", "an array of catchers");
            return;
        }
        List<AslNode> elements = catchers.elements();
        for (int i = 0; i < elements.size(); i++) {
            AslNode catcher = elements.get(i);
            if (!catcher.isObject()) {
                typeError(catcher, "a catcher", "an object with ErrorEquals and Next");
                continue;
            }
            Set<String> allowed = language == QueryLanguage.JSONPATH
                    ? Set.of("ErrorEquals", "Next", "ResultPath", "Assign", "Comment")
                    : Set.of("ErrorEquals", "Next", "Output", "Assign", "Comment");
            unknownFields(catcher, allowed, "a catcher", AslRule.UNKNOWN_FIELD);
            errorEquals(catcher, "catcher", i == elements.size() - 1);
            AslNode next = catcher.get("Next");
            if (next == null) {
                findings.report(AslRule.REQUIRED_FIELD, catcher.location(), "a catcher has no Next",
                        "add \"Next\": \"<state that handles the error>\"");
            } else {
                expectString(next, "Next");
            }
            if (language == QueryLanguage.JSONPATH) {
                path(catcher.get("ResultPath"), "ResultPath", true, false);
            } else {
                for (String field : List.of("Output", "Assign")) {
                    AslNode value = catcher.get(field);
                    if (value != null) {
                        jsonataValue(value);
                    }
                }
            }
            assign(catcher.get("Assign"), language);
        }
    }

    private void errorEquals(AslNode handler, String what, boolean last) {
        AslNode errors = handler.get("ErrorEquals");
        if (errors == null) {
            findings.report(AslRule.REQUIRED_FIELD, handler.location(), "a " + what + " has no ErrorEquals",
                    "add \"ErrorEquals\": [\"States.ALL\"] or the error names to handle");
            return;
        }
        if (!errors.isArray() || errors.elements().isEmpty()) {
            findings.report(AslRule.RETRY_CATCH, errors.location(), "ErrorEquals of a " + what
                    + " is not a non-empty array of error names", "list at least one error name, e.g. [\"States.ALL\"]");
            return;
        }
        boolean all = false;
        for (AslNode error : errors.elements()) {
            if (!error.isString() && !error.isPlaceholder()) {
                typeError(error, "an error name", "a string");
            } else if ("States.ALL".equals(error.text())) {
                all = true;
            } else if (error.isString() && error.text().startsWith("States.")
                    && !ErrorNames.PREDEFINED.contains(error.text()) && !error.carriesPlaceholder()
                    && !raisedByFailStates().contains(error.text())) {
                findings.report(AslRule.ERROR_NAME, error.location(), "'" + error.text()
                        + "' is not one of Step Functions' predefined errors", Suggestions.didYouMean(error.text(),
                        ErrorNames.PREDEFINED, "the States. prefix is reserved for Step Functions' own errors:"
                                + " name your own errors without it"));
            }
        }
        if (all && errors.elements().size() > 1) {
            findings.report(AslRule.RETRY_CATCH, errors.location(), "States.ALL is combined with other error names",
                    "States.ALL must appear alone in its ErrorEquals");
        }
        if (all && !last) {
            findings.report(AslRule.RETRY_CATCH, errors.location(), "the " + what + " with States.ALL is not the last one",
                    "move it after the other " + what + "s");
        }
    }

    // ---------------------------------------------------------------- Assign, payload templates, JSONata

    /** Records the variables an Assign (of a state, a catcher or a choice rule) sets, and checks it as a payload. */
    void assign(AslNode assign, QueryLanguage language) {
        if (assign == null) {
            return;
        }
        if (!assign.isObject()) {
            if (!assign.isPlaceholder()) {
                typeError(assign, "Assign", "an object of variable names to values");
            }
            return;
        }
        for (AslNode.Member member : assign.members()) {
            String name = language == QueryLanguage.JSONPATH && member.name().endsWith(".$")
                    ? member.name().substring(0, member.name().length() - 2) : member.name();
            assignedVariables.add(name);
        }
        if (language == QueryLanguage.JSONPATH) {
            payloadTemplate(assign);
        }
    }

    /** Checks a JSONPath payload template: keys ending in .$ hold paths or intrinsic calls, anywhere in it. */
    void payloadTemplate(AslNode template) {
        if (template == null) {
            return;
        }
        if (template.isArray()) {
            template.elements().forEach(this::payloadTemplate);
            return;
        }
        if (!template.isObject()) {
            return;
        }
        for (AslNode.Member member : template.members()) {
            String key = member.name();
            AslNode value = member.value();
            if (key.endsWith(".$") && key.length() > 2) {
                String plain = key.substring(0, key.length() - 2);
                if (template.has(plain)) {
                    findings.report(AslRule.PAYLOAD_TEMPLATE, member.keyLocation(), "'" + key + "' and '" + plain
                            + "' are both set", "keep one: '" + key + "' takes its value from a path, '" + plain + "' is literal");
                }
                dynamicValue(value, key);
            } else {
                if (value.isString() && !value.carriesPlaceholder()
                        && (PathSyntax.looksLikePath(value.text()) || IntrinsicFunctions.looksLikeCall(value.text()))) {
                    findings.report(AslRule.NO_DOLLAR, value.location(), "'" + key + "' has the value '" + value.text()
                            + "', which looks like a path or intrinsic function but is taken literally",
                            "rename the key to '" + key + ".$' to evaluate it");
                }
                payloadTemplate(value);
            }
        }
    }

    private void dynamicValue(AslNode value, String key) {
        if (value.isPlaceholder()) {
            return;
        }
        if (!value.isString()) {
            findings.report(AslRule.PAYLOAD_TEMPLATE, value.location(), "'" + key
                    + "' must be a string holding a path or an intrinsic function call",
                    "write a path such as \"$.field\", or drop '.$' from the key for a literal value");
            return;
        }
        if (value.carriesPlaceholder()) {
            return;
        }
        String text = value.text();
        if (IntrinsicFunctions.looksLikeCall(text)) {
            intrinsic(value);
        } else if (text.startsWith("$")) {
            path(value, key, false, true);
        } else {
            findings.report(AslRule.PAYLOAD_TEMPLATE, value.location(), "'" + key + "' has the value '" + text
                    + "', which is neither a path nor an intrinsic function call",
                    (text.matches("[A-Za-z_][A-Za-z0-9_.]*") ? "write a path such as \"$." + text + "\"" : "write a path such as \"$.field\"")
                            + ", or drop '.$' from the key for a literal value");
        }
    }

    private void intrinsic(AslNode value) {
        IntrinsicFunctions.Parsed parsed = IntrinsicFunctions.parse(value.text());
        if (parsed.tooDeep()) {
            findings.limit(value.location(), ValidatorLimit.tooDeep("the intrinsic function call"), ValidatorLimit.TOO_DEEP_HINT);
            return;
        }
        if (parsed.error() != null) {
            findings.report(AslRule.INTRINSIC_FUNCTION, value.location(), "'" + value.text() + "': " + parsed.error(),
                    "see the intrinsic functions of Step Functions (States.Format, States.Array, States.MathAdd, ...)");
            return;
        }
        for (String argument : parsed.paths()) {
            PathSyntax.Checked checked = PathSyntax.check(argument, false);
            if (checked.tooDeep()) {
                findings.limit(value.location(), checked.error(), ValidatorLimit.TOO_DEEP_HINT);
            } else if (!checked.valid()) {
                findings.report(AslRule.PATH, value.location(), "argument of '" + value.text() + "': " + checked.error(),
                        "write a JSONPath such as $.field");
            } else if (checked.variable() != null) {
                variableUses.add(new VariableUse(checked.variable(), value.location()));
            }
        }
    }

    /**
     * Checks a Path (or Reference Path) field; null and placeholders are fine.
     *
     * @param reference whether the field takes a Reference Path
     * @param variables whether a variable ($name) may be read here
     */
    void path(AslNode value, String field, boolean reference, boolean variables) {
        if (value == null || value.isNull() || value.isPlaceholder()) {
            return;
        }
        if (!value.isString()) {
            typeError(value, field, "a path string");
            return;
        }
        if (value.carriesPlaceholder()) {
            return;
        }
        PathSyntax.Checked checked = PathSyntax.check(value.text(), reference);
        if (checked.tooDeep()) {
            findings.limit(value.location(), checked.error(), ValidatorLimit.TOO_DEEP_HINT);
        } else if (!checked.valid()) {
            findings.report(AslRule.PATH, value.location(), field + ": " + checked.error(), placeholderHint(value,
                    reference ? "write a Reference Path such as $.result or $.detail.items[0]"
                            : "write a JSONPath such as $.field, $$.Execution.Id or $.items[?(@.ok)]"));
        } else if (checked.variable() != null) {
            if (!variables) {
                findings.report(AslRule.PATH, value.location(), field + " cannot refer to variable '$" + checked.variable() + "'",
                        "set variables with Assign; " + field + " takes a path into the state's data ($...)");
            } else {
                variableUses.add(new VariableUse(checked.variable(), value.location()));
            }
        }
    }

    private void undefinedVariables() {
        for (VariableUse use : variableUses) {
            if (!assignedVariables.contains(use.name())) {
                findings.report(AslRule.UNDEFINED_VARIABLE, use.location(), "variable '$" + use.name()
                        + "' is never assigned", Suggestions.didYouMean(use.name(), assignedVariables,
                        "assign it with Assign in an earlier state, or write $." + use.name() + " for an input field"));
            }
        }
    }

    /** Checks every string in a JSONata state's fields (except those named) as a possible {% %} expression. */
    void jsonataStrings(AslNode node, Set<String> skipped) {
        for (AslNode.Member member : node.members()) {
            if (!skipped.contains(member.name())) {
                jsonataValue(member.value());
            }
        }
    }

    void jsonataValue(AslNode value) {
        if (value.isString()) {
            if (value.carriesPlaceholder()) {
                return;
            }
            JsonataExpressions.Verdict verdict = JsonataExpressions.check(value.text());
            if (verdict != null && verdict.rule() == null) {
                findings.limit(value.location(), verdict.message(), verdict.hint());
            } else if (verdict != null) {
                findings.report(verdict.rule(), value.location(), verdict.message(), verdict.hint());
            }
        } else if (value.isObject()) {
            value.members().forEach(member -> jsonataValue(member.value()));
        } else if (value.isArray()) {
            value.elements().forEach(this::jsonataValue);
        }
    }

    private static boolean isExpression(AslNode value) {
        return value.isString() && JsonataExpressions.isExpression(value.text());
    }

    // ---------------------------------------------------------------- small checks

    private void unknownFields(AslNode node, Set<String> allowed, String where, AslRule rule) {
        for (AslNode.Member member : node.members()) {
            if (!allowed.contains(member.name())) {
                findings.report(rule, member.keyLocation(), where + " has no field '" + member.name() + "'",
                        Suggestions.didYouMean(member.name(), allowed,
                                "allowed: " + String.join(", ", new java.util.TreeSet<>(allowed))));
            }
        }
    }

    private void exclusive(AslNode node, String first, String second) {
        if (node.has(first) && node.has(second)) {
            findings.report(AslRule.EXCLUSIVE_FIELDS, node.member(second).keyLocation(), first + " and " + second
                    + " are both set", "keep only one of them");
        }
    }

    boolean expectString(AslNode value, String field) {
        if (value.isString()) {
            return true;
        }
        if (!value.isPlaceholder()) {
            typeError(value, field, "a string");
        }
        return false;
    }

    private void optionalString(AslNode node, String field) {
        AslNode value = node.get(field);
        if (value != null) {
            expectString(value, field);
        }
    }

    private void oneOf(AslNode value, String field, Set<String> allowed) {
        if (value == null || value.isPlaceholder()) {
            return;
        }
        if (!value.isString() || !allowed.contains(value.text())) {
            findings.report(AslRule.FIELD_TYPE, value.location(), field + " is " + describe(value),
                    "use one of " + String.join(", ", new LinkedHashSet<>(new java.util.TreeSet<>(allowed))));
        }
    }

    void typeError(AslNode value, String field, String expected) {
        findings.report(AslRule.FIELD_TYPE, value.location(), field + " is " + describe(value) + ", expected " + expected,
                placeholderHint(value, "write " + expected + " here"));
    }

    private void integerIn(AslNode value, String field, BigDecimal min, BigDecimal max) {
        if (value.isPlaceholder()) {
            return;
        }
        if (!value.isNumber() || !value.isIntegral()) {
            typeError(value, field, "an integer");
            return;
        }
        range(value, field, min, max);
    }

    private void numberIn(AslNode value, String field, BigDecimal min, BigDecimal max) {
        if (value.isPlaceholder()) {
            return;
        }
        if (!value.isNumber()) {
            typeError(value, field, "a number");
            return;
        }
        range(value, field, min, max);
    }

    private void range(AslNode value, String field, BigDecimal min, BigDecimal max) {
        BigDecimal number = value.decimal();
        if ((min != null && number.compareTo(min) < 0) || (max != null && number.compareTo(max) > 0)) {
            findings.report(AslRule.FIELD_RANGE, value.location(), field + " is " + value.text() + ", outside "
                    + (max == null ? ">= " + min.toPlainString() : min.toPlainString() + ".." + max.toPlainString()),
                    "use a value " + (max == null ? "of at least " + min.toPlainString()
                            : "from " + min.toPlainString() + " to " + max.toPlainString()));
        }
    }

    /** For a value that looks templated while placeholders are off, say how to validate it as a template. */
    private String placeholderHint(AslNode value, String hint) {
        if (options.placeholders() == PlaceholderMode.NONE && value.text() != null
                && Placeholder.PATTERN.matcher(value.text()).find()) {
            return "it holds a ${...} placeholder: validate the definition with its substitutions,"
                    + " or with placeholders tolerated";
        }
        return hint;
    }

    static String describe(AslNode value) {
        return switch (value.kind()) {
            case OBJECT -> "an object";
            case ARRAY -> value.elements().isEmpty() ? "an empty array" : "an array";
            case STRING -> "'" + value.text() + "'";
            case NULL -> "null";
            default -> value.text();
        };
    }

    private boolean carriesPlaceholder(String text) {
        return options.placeholders() != PlaceholderMode.NONE
                && Placeholder.PATTERN.matcher(text).find();
    }
}
