package dev.apitpl.core.publish;

/**
 * A publishing problem the user fixes: a setting, a file, a resource in the way. The message names the parameter
 * ({@code -Dapitpl.x}, {@code <x>}) or the file, and the fix.
 */
public class PublishException extends Exception {

    public PublishException(String message) {
        super(message);
    }

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
