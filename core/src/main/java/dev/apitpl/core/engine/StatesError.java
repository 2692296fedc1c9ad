package dev.apitpl.core.engine;

import dev.apitpl.core.asl.ErrorNames;

/**
 * A Step Functions error raised while running a state: an error name such as {@code States.Runtime} and a cause.
 * Retry and Catch match on {@link #error()}. Errors found while evaluating a state's fields get AWS's prefix
 * "An error occurred while executing the state '...' (entered at the event id #n)." when they leave the state;
 * errors a workflow raises itself (Fail states, tasks) keep their cause as given.
 */
public class StatesError extends RuntimeException {

    private final String error;
    private final String cause;
    private final boolean located;

    public StatesError(String error, String cause) {
        this(error, cause, false);
    }

    private StatesError(String error, String cause, boolean located) {
        super(error + (cause == null ? "" : ": " + cause), null, false, false);
        this.error = error;
        this.cause = cause;
        this.located = located;
    }

    public String error() {
        return error;
    }

    /** The cause text, or {@code null}. */
    public String cause() {
        return cause;
    }

    public static StatesError runtime(String cause) {
        return new StatesError(ErrorNames.RUNTIME, cause);
    }

    /** An error the workflow raised on purpose (Fail state, task), reported with its cause unchanged. */
    static StatesError raised(String error, String cause) {
        return new StatesError(error, cause, true);
    }

    boolean located() {
        return located;
    }

    /** This error as seen from outside the state where it was evaluated. */
    StatesError locatedIn(String stateName, long enteredEventId) {
        if (located) {
            return this;
        }
        return new StatesError(error, "An error occurred while executing the state '" + stateName
                + "' (entered at the event id #" + enteredEventId + "). " + (cause == null ? "" : cause), true);
    }
}
