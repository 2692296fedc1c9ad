package dev.apitpl.core.engine;

/** A state machine definition cannot be run: it is not JSON or its structure is broken. The message names the place. */
public class DefinitionException extends RuntimeException {

    public DefinitionException(String message) {
        super(message);
    }

    public DefinitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
