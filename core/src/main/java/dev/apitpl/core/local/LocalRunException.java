package dev.apitpl.core.local;

/**
 * A local run cannot start: the input is not JSON, the definition does not parse or has an
 * unresolved placeholder, a resource has no local integration, a handler class cannot be loaded.
 * The message says what is wrong and how to fix it.
 */
public class LocalRunException extends Exception {

    public LocalRunException(String message) {
        super(message);
    }

    public LocalRunException(String message, Throwable cause) {
        super(message, cause);
    }
}
