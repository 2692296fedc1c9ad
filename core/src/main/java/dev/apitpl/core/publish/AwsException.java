package dev.apitpl.core.publish;

/**
 * An AWS call that failed, with what a user needs to act on it: the service and operation, AWS's error code and
 * request id (for a support case), and the fix where one is known. Made only by {@link AwsClients#call}.
 */
public final class AwsException extends RuntimeException {

    private final String service;
    private final String operation;
    private final String errorCode;
    private final String requestId;
    private final String fix;

    AwsException(String service, String operation, String errorCode, String requestId, String detail, String fix,
                 Throwable cause) {
        super(message(service, operation, errorCode, requestId, detail, fix), cause);
        this.service = service;
        this.operation = operation;
        this.errorCode = errorCode;
        this.requestId = requestId;
        this.fix = fix;
    }

    /** The service, as AWS names it in its API ({@code DynamoDB}, {@code Lambda}, {@code SFN}, {@code IAM}). */
    public String service() {
        return service;
    }

    /** The API operation, e.g. {@code PutItem}. */
    public String operation() {
        return operation;
    }

    /** AWS's error code ({@code AccessDeniedException}), or apitpl's name of a client-side failure ({@code NoCredentials}). */
    public String errorCode() {
        return errorCode;
    }

    /** AWS's request id, or null when no request reached AWS. */
    public String requestId() {
        return requestId;
    }

    /** What to do about it, or null when nothing specific is known. */
    public String fix() {
        return fix;
    }

    /** The same failure with a fix that knows more of the context (e.g. which parameter names the missing table). */
    public AwsException withFix(String betterFix) {
        return new AwsException(service, operation, errorCode, requestId, detail(), betterFix, getCause());
    }

    private String detail() {
        return getCause() == null ? null : AwsClients.detailOf(getCause());
    }

    private static String message(String service, String operation, String errorCode, String requestId, String detail,
                                  String fix) {
        StringBuilder message = new StringBuilder(service).append(' ').append(operation).append(" failed: ").append(errorCode);
        if (detail != null && !detail.isBlank()) {
            message.append(": ").append(detail);
        }
        if (requestId != null) {
            message.append(" (request id ").append(requestId).append(')');
        }
        if (fix != null) {
            message.append(". Fix: ").append(fix);
        }
        return message.toString();
    }
}
