package dev.apitpl.runtime.error;

/** The request's destination is a blocked address (loopback, link-local, private, ...) or outside the template's allowedDestinations; not retryable. */
public class DestinationBlockedException extends ApiTplException {

    public DestinationBlockedException(String message) {
        super(message);
    }

    public DestinationBlockedException(String message, Throwable cause) {
        super(message, cause);
    }
}
