package dev.apitpl.core.asl;

/**
 * An edge of the state graph: where a state (or a scope's start) goes next.
 *
 * @param kind which field the transition is written in
 * @param target the name of the target state
 * @param location where the target name is written
 */
public record Transition(Kind kind, String target, Location location) {

    /** The field a transition comes from. */
    public enum Kind {
        /** A scope's {@code StartAt}. */
        START_AT,
        /** A state's {@code Next}. */
        NEXT,
        /** A Choice state's {@code Default}. */
        DEFAULT,
        /** A Choice rule's {@code Next}. */
        CHOICE,
        /** A catcher's {@code Next}. */
        CATCH
    }
}
