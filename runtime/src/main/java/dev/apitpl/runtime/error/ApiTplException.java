package dev.apitpl.runtime.error;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Base of every failure the Lambda reports. The Java Lambda runtime reports a thrown exception's
 * fully-qualified class name as {@code errorType}, and Step Functions uses that as the error name a
 * {@code Catch.ErrorEquals} matches; so each subclass's name is part of the public contract and must
 * never change. Messages say what to fix and never contain secret values.
 */
public abstract class ApiTplException extends RuntimeException {

    private volatile String redactedMessage;

    protected ApiTplException(String message) {
        super(message);
    }

    protected ApiTplException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String getMessage() {
        String redacted = redactedMessage;
        return redacted != null ? redacted : super.getMessage();
    }

    /**
     * Replaces each of {@code values} (longest first) by {@code ***} in this exception's message and returns it: for
     * errors raised after rendering (the HTTP call) whose message quotes a host or URL a secret went into.
     */
    public final ApiTplException redact(Collection<String> values) {
        String message = getMessage();
        if (message != null && !values.isEmpty()) {
            redactedMessage = redacted(message, values);
        }
        return this;
    }

    /** The text with each of {@code values} (longest first) replaced by {@code ***}; null stays null. */
    public static String redacted(String text, Collection<String> values) {
        if (text == null) {
            return null;
        }
        List<String> longestFirst = new ArrayList<>(values);
        longestFirst.sort(Comparator.comparingInt(String::length).reversed());
        String result = text;
        for (String value : longestFirst) {
            if (!value.isEmpty()) {
                result = result.replace(value, "***");
            }
        }
        return result;
    }

    /** The error name a state machine's Catch matches: this exception's fully-qualified class name. */
    public final String errorName() {
        return getClass().getName();
    }
}
