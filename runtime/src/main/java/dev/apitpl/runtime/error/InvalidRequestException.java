package dev.apitpl.runtime.error;

/** The Lambda's input or the rendered request is malformed (missing field, control character in a header, bad URL): fix the input or the template; retrying cannot help. */
public class InvalidRequestException extends ApiTplException {

    public InvalidRequestException(String message) {
        super(message);
    }

    public InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
