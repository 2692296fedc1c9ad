package dev.apitpl.core.asl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One state of a definition, with its scope, resolved query language, transitions and nested scopes. */
public final class AslState {

    private final String name;
    private final Location location;
    private final AslNode node;
    private final StateScope scope;
    private final QueryLanguage queryLanguage;
    private final String pointer;
    final List<Transition> transitions = new ArrayList<>();
    final List<StateScope> children = new ArrayList<>();

    AslState(String name, Location location, AslNode node, StateScope scope, QueryLanguage queryLanguage, String pointer) {
        this.pointer = pointer;
        this.name = name;
        this.location = location;
        this.node = node;
        this.scope = scope;
        this.queryLanguage = queryLanguage;
    }

    public String name() {
        return name;
    }

    /** Where the state's name is written. */
    public Location location() {
        return location;
    }

    /** The state's object. */
    public AslNode node() {
        return node;
    }

    /** The value of {@code Type} ({@code Task}, {@code Choice}, ...), or null when missing or not a string. */
    public String type() {
        AslNode type = node.get("Type");
        return type != null && type.isString() ? type.text() : null;
    }

    /** The state's type, or null when Type is missing, not a string or not one of the eight. */
    public StateType stateType() {
        String type = type();
        return type == null ? null : StateType.fromAsl(type);
    }

    /**
     * Where the state sits in the definition, as the JSON Pointer AWS uses in its diagnostics, e.g.
     * {@code /States/Fan out/Branches/0/States/Inner} (unescaped, for reading).
     */
    public String pointer() {
        return pointer;
    }

    public StateScope scope() {
        return scope;
    }

    /** The query language in force: the state's own QueryLanguage, else the machine's, else JSONPath. */
    public QueryLanguage queryLanguage() {
        return queryLanguage;
    }

    /** Next, Default, Choices[].Next and Catch[].Next, in document order. */
    public List<Transition> transitions() {
        return Collections.unmodifiableList(transitions);
    }

    /** Parallel branches or the Map item processor. */
    public List<StateScope> children() {
        return Collections.unmodifiableList(children);
    }

    /** The {@code Resource} value (Task states), or null. */
    public AslNode resource() {
        return node.get("Resource");
    }

    /** The task input: {@code Parameters} (JSONPath) or {@code Arguments} (JSONata), or null. */
    public AslNode parameters() {
        AslNode parameters = node.get("Parameters");
        return parameters != null ? parameters : node.get("Arguments");
    }

    /** The state's {@code Retry} entries (objects only), AWS's defaults applied. */
    public List<Retrier> retriers() {
        AslNode retry = node.get("Retry");
        return retry == null ? List.of()
                : retry.elements().stream().filter(AslNode::isObject).map(Retrier::of).toList();
    }

    /** The state's {@code Catch} entries (objects only). */
    public List<Catcher> catchers() {
        AslNode catchers = node.get("Catch");
        return catchers == null ? List.of()
                : catchers.elements().stream().filter(AslNode::isObject).map(Catcher::of).toList();
    }

    /** Succeed, Fail, or {@code End: true}. */
    public boolean isTerminal() {
        String type = type();
        AslNode end = node.get("End");
        return "Succeed".equals(type) || "Fail".equals(type)
                || (end != null && end.isBoolean() && Boolean.parseBoolean(end.text()));
    }

    @Override
    public String toString() {
        return name + " (" + type() + ")";
    }
}
