package dev.apitpl.core.engine;

import dev.apitpl.core.asl.StateType;
import dev.apitpl.core.asl.QueryLanguage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.core.asl.Catcher;
import dev.apitpl.core.asl.Retrier;
import java.util.List;

/**
 * One parsed state: its type, transition, query language and raw fields. Nested machines (Parallel branches,
 * the Map item processor) are parsed up front so that a broken one is reported before anything runs.
 */
public final class State {

    private final String name;
    private final StateType type;
    private final ObjectNode fields;
    private final QueryLanguage queryLanguage;
    private final String next;
    private final List<StateMachine> branches;
    private final StateMachine itemProcessor;
    private final List<Retrier> retriers;
    private final List<Catcher> catchers;

    State(String name, StateType type, ObjectNode fields, QueryLanguage queryLanguage, String next,
            List<StateMachine> branches, StateMachine itemProcessor, List<Retrier> retriers, List<Catcher> catchers) {
        this.retriers = retriers;
        this.catchers = catchers;
        this.name = name;
        this.type = type;
        this.fields = fields;
        this.queryLanguage = queryLanguage;
        this.next = next;
        this.branches = branches;
        this.itemProcessor = itemProcessor;
    }

    public String name() {
        return name;
    }

    public StateType type() {
        return type;
    }

    /** The state's JSON object as written in the definition. */
    public ObjectNode fields() {
        return fields;
    }

    public QueryLanguage queryLanguage() {
        return queryLanguage;
    }

    /** The {@code Next} state, or {@code null} for an end state (or Choice, which has its own rules). */
    public String next() {
        return next;
    }

    /** A Parallel state's branches; empty for other types. */
    public List<StateMachine> branches() {
        return branches;
    }

    /** A Map state's ItemProcessor (or legacy Iterator); {@code null} for other types. */
    public StateMachine itemProcessor() {
        return itemProcessor;
    }

    /** The state's Retry entries as the model reads them, AWS's defaults applied; empty without Retry. */
    public List<Retrier> retriers() {
        return retriers;
    }

    /** The state's Catch entries as the model reads them; empty without Catch. */
    public List<Catcher> catchers() {
        return catchers;
    }

    JsonNode field(String fieldName) {
        return fields.get(fieldName);
    }

    boolean has(String fieldName) {
        return fields.has(fieldName);
    }
}
