package dev.apitpl.core.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed Amazon States Language definition, ready to run on {@link LocalEngine}. Parsing checks structure only
 * (JSON, StartAt, States, known Types, transitions to existing states); full validation is the validator's job.
 */
public final class StateMachine {

    private final String startAt;
    private final Map<String, State> states;
    private final QueryLanguage queryLanguage;
    private final ObjectNode definition;
    private final Integer timeoutSeconds;

    private StateMachine(String startAt, Map<String, State> states, QueryLanguage queryLanguage, ObjectNode definition,
            Integer timeoutSeconds) {
        this.startAt = startAt;
        this.states = states;
        this.queryLanguage = queryLanguage;
        this.definition = definition;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Parses a definition; throws {@link DefinitionException} naming the broken place. */
    public static StateMachine parse(String definitionJson) {
        if (definitionJson == null || definitionJson.isBlank()) {
            throw new DefinitionException("The state machine definition is empty: expected a JSON object with StartAt and States");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(definitionJson);
        } catch (JsonProcessingException e) {
            throw new DefinitionException("The state machine definition is not valid JSON: " + e.getOriginalMessage()
                    + Json.locationOf(e), e);
        }
        return parse(root);
    }

    /** Parses an already-read definition tree. */
    public static StateMachine parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new DefinitionException("The state machine definition must be a JSON object with StartAt and States");
        }
        return parseMachine((ObjectNode) root, "", QueryLanguage.JSONPATH);
    }

    private static StateMachine parseMachine(ObjectNode node, String where, QueryLanguage inherited) {
        String here = where.isEmpty() ? "/" : where;
        QueryLanguage language = inherited;
        JsonNode ql = node.get("QueryLanguage");
        if (ql != null) {
            language = QueryLanguage.fromAsl(ql.asText(), here + "QueryLanguage");
        }
        JsonNode startAt = node.get("StartAt");
        if (startAt == null || !startAt.isTextual()) {
            throw new DefinitionException(here + ": missing StartAt (the name of the first state to run)");
        }
        JsonNode statesNode = node.get("States");
        if (statesNode == null || !statesNode.isObject() || statesNode.isEmpty()) {
            throw new DefinitionException(here + ": missing States (an object of named states)");
        }
        Map<String, State> states = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = statesNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String path = where + "/States/" + entry.getKey();
            states.put(entry.getKey(), parseState(entry.getKey(), entry.getValue(), path, language));
        }
        if (!states.containsKey(startAt.asText())) {
            throw new DefinitionException(where + "/StartAt: \"" + startAt.asText() + "\" is not a state in States "
                    + states.keySet());
        }
        for (State state : states.values()) {
            checkTransitions(state, states, where + "/States/" + state.name());
        }
        JsonNode timeout = node.get("TimeoutSeconds");
        return new StateMachine(startAt.asText(), Collections.unmodifiableMap(states), language, node,
                timeout != null && timeout.canConvertToInt() ? timeout.intValue() : null);
    }

    private static State parseState(String name, JsonNode node, String where, QueryLanguage inherited) {
        if (!node.isObject()) {
            throw new DefinitionException(where + ": a state must be a JSON object");
        }
        ObjectNode fields = (ObjectNode) node;
        JsonNode typeNode = fields.get("Type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw new DefinitionException(where + ": missing Type (one of Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map)");
        }
        StateType type = StateType.fromAsl(typeNode.asText());
        if (type == null) {
            throw new DefinitionException(where + "/Type: unknown state type \"" + typeNode.asText()
                    + "\"; use one of Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map");
        }
        QueryLanguage language = inherited;
        if (fields.has("QueryLanguage")) {
            language = QueryLanguage.fromAsl(fields.get("QueryLanguage").asText(), where + "/QueryLanguage");
        }
        JsonNode nextNode = fields.get("Next");
        String next = nextNode != null && nextNode.isTextual() ? nextNode.asText() : null;
        boolean end = fields.path("End").asBoolean(false);
        boolean terminal = type == StateType.SUCCEED || type == StateType.FAIL || type == StateType.CHOICE;
        if (!terminal && next == null && !end) {
            throw new DefinitionException(where + ": a " + type.aslName() + " state needs \"Next\" or \"End\": true");
        }
        if (type == StateType.TASK && !fields.path("Resource").isTextual()) {
            throw new DefinitionException(where + ": a Task state needs Resource (the ARN of the work to run, e.g. "
                    + "arn:aws:states:::dynamodb:getItem)");
        }
        List<StateMachine> branches = List.of();
        StateMachine processor = null;
        if (type == StateType.PARALLEL) {
            JsonNode branchNodes = fields.get("Branches");
            if (branchNodes == null || !branchNodes.isArray() || branchNodes.isEmpty()) {
                throw new DefinitionException(where + ": a Parallel state needs Branches (a non-empty array of state machines)");
            }
            List<StateMachine> parsed = new ArrayList<>();
            for (int i = 0; i < branchNodes.size(); i++) {
                JsonNode branch = branchNodes.get(i);
                if (!branch.isObject()) {
                    throw new DefinitionException(where + "/Branches/" + i + ": a branch must be an object with StartAt and States");
                }
                parsed.add(parseMachine((ObjectNode) branch, where + "/Branches/" + i, language));
            }
            branches = List.copyOf(parsed);
        } else if (type == StateType.MAP) {
            String key = fields.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
            JsonNode processorNode = fields.get(key);
            if (processorNode == null || !processorNode.isObject()) {
                throw new DefinitionException(where + ": a Map state needs ItemProcessor (StartAt and States run per item)");
            }
            processor = parseMachine((ObjectNode) processorNode, where + "/" + key, language);
        }
        return new State(name, type, fields, language, end ? null : next, branches, processor);
    }

    private static void checkTransitions(State state, Map<String, State> states, String where) {
        if (state.next() != null && !states.containsKey(state.next())) {
            throw new DefinitionException(where + "/Next: \"" + state.next() + "\" is not a state in this scope");
        }
        if (state.type() == StateType.CHOICE) {
            JsonNode choices = state.field("Choices");
            if (choices == null || !choices.isArray() || choices.isEmpty()) {
                throw new DefinitionException(where + ": a Choice state needs Choices (a non-empty array of rules)");
            }
            for (int i = 0; i < choices.size(); i++) {
                String target = choices.get(i).path("Next").asText(null);
                if (target == null || !states.containsKey(target)) {
                    throw new DefinitionException(where + "/Choices/" + i + "/Next: \"" + target
                            + "\" is not a state in this scope");
                }
            }
            JsonNode fallback = state.field("Default");
            if (fallback != null && !states.containsKey(fallback.asText())) {
                throw new DefinitionException(where + "/Default: \"" + fallback.asText() + "\" is not a state in this scope");
            }
        }
    }

    public String startAt() {
        return startAt;
    }

    /** States by name, in definition order. */
    public Map<String, State> states() {
        return states;
    }

    public State state(String name) {
        return states.get(name);
    }

    /** The machine-level QueryLanguage (JSONPath unless set). */
    public QueryLanguage queryLanguage() {
        return queryLanguage;
    }

    /** The definition's JSON object. */
    public ObjectNode definition() {
        return definition;
    }

    /** The machine's TimeoutSeconds, or {@code null}. */
    public Integer timeoutSeconds() {
        return timeoutSeconds;
    }
}
