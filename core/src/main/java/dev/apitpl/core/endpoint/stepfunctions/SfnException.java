package dev.apitpl.core.endpoint.stepfunctions;

/** A Step Functions API error as AWS names it: answered as HTTP 400 {@code {"__type": code, "message": ...}}. */
final class SfnException extends RuntimeException {

    private final String code;

    SfnException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    String code() {
        return code;
    }

    static SfnException stateMachineDoesNotExist(String arn) {
        return new SfnException("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
    }

    static SfnException executionDoesNotExist(String arn) {
        return new SfnException("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
    }

    static SfnException resourceNotFound() {
        return new SfnException("ResourceNotFound", "Request references a resource that does not exist.");
    }

    static SfnException validation(String value, String member, String constraint) {
        return new SfnException("ValidationException", "1 validation error detected: Value '" + value + "' at '"
                + member + "' failed to satisfy constraint: " + constraint);
    }

    static SfnException invalidToken() {
        return new SfnException("InvalidToken", "Invalid Token: 'Invalid token'");
    }
}
