package dev.apitpl.runtime.error;

/**
 * Base of every failure the Lambda reports. The Java Lambda runtime reports a thrown exception's
 * fully-qualified class name as {@code errorType}, and Step Functions uses that as the error name a
 * {@code Catch.ErrorEquals} matches; so each subclass's name is part of the public contract and must
 * never change. Messages say what to fix and never contain secret values.
 */
public abstract class ApiTplException extends RuntimeException {

    protected ApiTplException(String message) {
        super(message);
    }

    protected ApiTplException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The error name a state machine's Catch matches: this exception's fully-qualified class name. */
    public final String errorName() {
        return getClass().getName();
    }
}
