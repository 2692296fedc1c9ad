package dev.apitpl.runtime.error;

/** The API redirected more times than allowed; check the template's URL. */
public class TooManyRedirectsException extends ApiTplException {

    public TooManyRedirectsException(String message) {
        super(message);
    }

    public TooManyRedirectsException(String message, Throwable cause) {
        super(message, cause);
    }
}
