package dev.apitpl.runtime.error;

/** The secret source (e.g. AWS Secrets Manager) failed for a reason other than a missing secret: permissions, throttling, network. */
public class SecretSourceException extends ApiTplException {

    public SecretSourceException(String message) {
        super(message);
    }

    public SecretSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
