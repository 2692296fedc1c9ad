package dev.apitpl.core.asl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A set of states that transition among themselves: the machine, a Parallel branch or a Map item processor
 * ({@code ItemProcessor} or {@code Iterator}). Transitions never leave their scope.
 */
public final class StateScope {

    /** What a scope is. */
    public enum Kind { MACHINE, BRANCH, ITEM_PROCESSOR }

    private final Kind kind;
    private final AslNode node;
    private final AslState owner;
    private final Transition start;
    private final String pointer;
    final LinkedHashMap<String, AslState> states = new LinkedHashMap<>();

    StateScope(Kind kind, AslNode node, AslState owner, Transition start, String pointer) {
        this.pointer = pointer;
        this.kind = kind;
        this.node = node;
        this.owner = owner;
        this.start = start;
    }

    public Kind kind() {
        return kind;
    }

    /** The object holding {@code StartAt} and {@code States}. */
    public AslNode node() {
        return node;
    }

    /** The JSON Pointer of the scope's object: empty for the machine, e.g. {@code /States/Fan/Branches/0}. */
    public String pointer() {
        return pointer;
    }

    /** The Parallel or Map state this scope belongs to; null for the machine. */
    public AslState owner() {
        return owner;
    }

    /** The {@code StartAt} transition, or null when StartAt is missing or not a string. */
    public Transition start() {
        return start;
    }

    /** The states of this scope by name, in document order. */
    public Map<String, AslState> states() {
        return Collections.unmodifiableMap(states);
    }

    /** A readable name for messages: "the state machine", "branch 2 of 'Fan out'". */
    public String describe() {
        if (owner == null) {
            return "the state machine";
        }
        if (kind == Kind.BRANCH) {
            return "branch " + (owner.children().indexOf(this) + 1) + " of '" + owner.name() + "'";
        }
        return "the item processor of '" + owner.name() + "'";
    }
}
