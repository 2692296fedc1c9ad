package dev.apitpl.runtime.error;

/** The API's host could not be resolved or refused the connection; check the URL, DNS and that the API is up. */
public class ApiUnreachableException extends ApiTplException {

    public ApiUnreachableException(String message) {
        super(message);
    }

    public ApiUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
