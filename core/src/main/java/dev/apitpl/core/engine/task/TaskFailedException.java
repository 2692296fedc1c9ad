package dev.apitpl.core.engine.task;

/**
 * A task failed with a Step Functions error name and cause, which the engine matches against the
 * state's Retry and Catch rules exactly as AWS does.
 */
public class TaskFailedException extends Exception {

    private final String error;
    private final String cause;

    public TaskFailedException(String error, String cause) {
        super(error + (cause == null ? "" : ": " + cause));
        this.error = error;
        this.cause = cause;
    }

    public TaskFailedException(String error, String cause, Throwable underlying) {
        super(error + (cause == null ? "" : ": " + cause), underlying);
        this.error = error;
        this.cause = cause;
    }

    /** The error name, e.g. {@code States.TaskFailed} or a Lambda's exception class name. */
    public String error() {
        return error;
    }

    /** The cause text, or {@code null}. */
    public String cause() {
        return cause;
    }
}
