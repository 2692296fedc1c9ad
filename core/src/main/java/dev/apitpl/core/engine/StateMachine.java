package dev.apitpl.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.core.asl.AslDocument;
import dev.apitpl.core.asl.AslModel;
import dev.apitpl.core.asl.AslState;
import dev.apitpl.core.asl.PlaceholderMode;
import dev.apitpl.core.asl.QueryLanguage;
import dev.apitpl.core.asl.StateScope;
import dev.apitpl.core.asl.StateType;
import dev.apitpl.core.validate.Problem;
import dev.apitpl.core.validate.Severity;
import dev.apitpl.core.validate.asl.AslValidationOptions;
import dev.apitpl.core.validate.asl.AslValidator;
import dev.apitpl.core.validate.asl.StateMachineType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Amazon States Language definition ready to run on {@link LocalEngine}, built from the one
 * {@link AslModel} once the validator's rules found no error in it: the engine runs what the validator read.
 */
public final class StateMachine {

    private final String startAt;
    private final Map<String, State> states;
    private final QueryLanguage queryLanguage;
    private final ObjectNode definition;
    private final Integer timeoutSeconds;
    private final AslModel model;

    private StateMachine(String startAt, Map<String, State> states, QueryLanguage queryLanguage, ObjectNode definition,
            Integer timeoutSeconds, AslModel model) {
        this.model = model;
        this.startAt = startAt;
        this.states = states;
        this.queryLanguage = queryLanguage;
        this.definition = definition;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** What an error-free definition without a file is called in problems. */
    static final Path UNNAMED = Path.of("(definition)");

    /**
     * Reads and validates JSON text (no placeholders) and builds the machine from that model.
     *
     * @throws DefinitionException listing every error as {@code apitpl validate} reports it
     */
    public static StateMachine parse(String definitionJson) {
        return from(AslModel.read(UNNAMED, definitionJson == null ? "" : definitionJson, Map.of(), PlaceholderMode.NONE));
    }

    /** Validates an already-read definition tree (no placeholders) and builds the machine. */
    public static StateMachine parse(JsonNode root) {
        return parse(root == null ? "" : Json.write(root));
    }

    /**
     * Builds the machine the model describes, after the validator's rules found no error in it (warnings allowed);
     * a model read with {@link PlaceholderMode#SUBSTITUTE} must have a value for every placeholder.
     *
     * @throws DefinitionException listing every error as {@code apitpl validate} reports it
     */
    public static StateMachine from(AslModel model) {
        return from(model, AslValidator.check(model, new AslValidationOptions(model.placeholderMode(), Map.of(),
                StateMachineType.STANDARD)));
    }

    /**
     * Builds the machine from a model whose problems the caller has already found (and reported), without checking
     * it again.
     *
     * @throws DefinitionException when {@code problems} holds an error
     */
    public static StateMachine from(AslModel model, List<Problem> problems) {
        List<Problem> errors = problems.stream().filter(problem -> problem.severity() == Severity.ERROR).toList();
        if (!errors.isEmpty()) {
            throw new DefinitionException(errors);
        }
        AslDocument document = model.document().orElseThrow(() -> new IllegalStateException("no document without an error"));
        ObjectNode root = (ObjectNode) model.toJson();
        return build(model, document.machine(), root, document.queryLanguage());
    }

    private static StateMachine build(AslModel model, StateScope scope, ObjectNode node, QueryLanguage language) {
        ObjectNode statesNode = (ObjectNode) node.get("States");
        Map<String, State> states = new LinkedHashMap<>();
        for (AslState state : scope.states().values()) {
            states.put(state.name(), build(model, state, (ObjectNode) statesNode.get(state.name())));
        }
        JsonNode timeout = node.get("TimeoutSeconds");
        return new StateMachine(scope.start().target(), Collections.unmodifiableMap(states), language, node,
                timeout != null && timeout.canConvertToInt() ? timeout.intValue() : null, model);
    }

    private static State build(AslModel model, AslState state, ObjectNode fields) {
        StateType type = state.stateType();
        List<StateMachine> branches = new ArrayList<>();
        StateMachine processor = null;
        for (StateScope child : state.children()) {
            if (child.kind() == StateScope.Kind.BRANCH) {
                branches.add(build(model, child, (ObjectNode) fields.get("Branches").get(branches.size()), state.queryLanguage()));
            } else {
                String key = fields.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
                processor = build(model, child, (ObjectNode) fields.get(key), state.queryLanguage());
            }
        }
        JsonNode nextNode = fields.get("Next");
        boolean end = fields.path("End").asBoolean(false);
        String next = !end && nextNode != null && nextNode.isTextual() ? nextNode.asText() : null;
        return new State(state.name(), type, fields, state.queryLanguage(), next, List.copyOf(branches), processor,
                state.retriers(), state.catchers());
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

    /** The model this machine was built from (for a branch or item processor: the whole definition's). */
    public AslModel model() {
        return model;
    }

    /** The machine's TimeoutSeconds, or {@code null}. */
    public Integer timeoutSeconds() {
        return timeoutSeconds;
    }
}
