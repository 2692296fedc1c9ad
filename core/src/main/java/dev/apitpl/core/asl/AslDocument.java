package dev.apitpl.core.asl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A parsed definition: its located JSON tree and its states, read by the definition's structure (machine, then
 * States, then Parallel Branches and Map ItemProcessor/Iterator), never by searching for keys.
 */
public final class AslDocument {

    private final Path file;
    private final AslNode root;
    private final QueryLanguage queryLanguage;
    private final StateScope machine;
    final List<AslState> states = new ArrayList<>();
    final List<StateScope> scopes = new ArrayList<>();

    AslDocument(Path file, AslNode root, QueryLanguage queryLanguage, StateScope machine) {
        this.file = file;
        this.root = root;
        this.queryLanguage = queryLanguage;
        this.machine = machine;
    }

    public Path file() {
        return file;
    }

    /** The definition's object. */
    public AslNode root() {
        return root;
    }

    /** The machine's query language (top-level QueryLanguage, JSONPath when absent). */
    public QueryLanguage queryLanguage() {
        return queryLanguage;
    }

    /** The top-level scope. */
    public StateScope machine() {
        return machine;
    }

    /** Every scope: the machine, then nested ones in document order. */
    public List<StateScope> scopes() {
        return Collections.unmodifiableList(scopes);
    }

    /** Every state of every scope, in document order (a name used twice appears twice). */
    public List<AslState> states() {
        return Collections.unmodifiableList(states);
    }

    /** The first state with this name, in any scope. */
    public Optional<AslState> state(String name) {
        return states.stream().filter(state -> state.name().equals(name)).findFirst();
    }
}
