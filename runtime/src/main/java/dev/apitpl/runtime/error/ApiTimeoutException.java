package dev.apitpl.runtime.error;

/** The API did not answer within the request's timeout (or the Lambda's remaining time); retrying may help. */
public class ApiTimeoutException extends ApiTplException {

    public ApiTimeoutException(String message) {
        super(message);
    }

    public ApiTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
