package dev.apitpl.core.endpoint.lambda;

import java.util.List;

/**
 * An error answer of the Lambda API: AWS's error name (sent as {@code x-amzn-ErrorType}), its HTTP status and its
 * message, worded as AWS words it.
 */
final class LambdaError extends RuntimeException {

    private final String type;
    private final int status;

    LambdaError(String type, int status, String message) {
        super(message, null, false, false);
        this.type = type;
        this.status = status;
    }

    String type() {
        return type;
    }

    int status() {
        return status;
    }

    static LambdaError notFound(String message) {
        return new LambdaError("ResourceNotFoundException", 404, message);
    }

    static LambdaError functionNotFound(String arn) {
        return notFound("Function not found: " + arn);
    }

    static LambdaError invalidParameter(String message) {
        return new LambdaError("InvalidParameterValueException", 400, message);
    }

    static LambdaError conflict(String message) {
        return new LambdaError("ResourceConflictException", 409, message);
    }

    static LambdaError preconditionFailed() {
        return new LambdaError("PreconditionFailedException", 412, "The Revision Id provided does not match the latest "
                + "Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
    }

    /** AWS's {@code ValidationException} listing constraint violations ("Value 'x' at 'field' failed to ..."). */
    static LambdaError validation(List<String> violations) {
        return new LambdaError("ValidationException", 400, validationMessage(violations));
    }

    static String validationMessage(List<String> violations) {
        int n = violations.size();
        return n + " validation error" + (n == 1 ? "" : "s") + " detected: " + String.join("; ", violations);
    }

    static String violation(Object value, String field, String constraint) {
        return "Value '" + value + "' at '" + field + "' failed to satisfy constraint: " + constraint;
    }
}
