package dev.apitpl.runtime.error;

/** A template referenced a secret the configured source does not have; the message names the secret, never a value. */
public class SecretNotFoundException extends ApiTplException {

    public SecretNotFoundException(String message) {
        super(message);
    }

    public SecretNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
