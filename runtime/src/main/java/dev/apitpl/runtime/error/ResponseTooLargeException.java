package dev.apitpl.runtime.error;

/** The API's response body exceeds the read cap, or the Lambda's result would exceed the Step Functions payload limit. */
public class ResponseTooLargeException extends ApiTplException {

    public ResponseTooLargeException(String message) {
        super(message);
    }

    public ResponseTooLargeException(String message, Throwable cause) {
        super(message, cause);
    }
}
