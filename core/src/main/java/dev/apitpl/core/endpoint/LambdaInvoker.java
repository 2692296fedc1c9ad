package dev.apitpl.core.endpoint;

/**
 * How the endpoint's Step Functions reach Lambda functions: the one invocation path that the Lambda API's
 * {@code Invoke} uses too, so a state machine's Task sees what a client calling Invoke sees.
 */
public interface LambdaInvoker {

    /**
     * Invokes a function synchronously.
     *
     * @param function  a function name, a partial ARN or a full ARN, possibly ending in {@code :QUALIFIER}
     * @param qualifier a version or alias, or null for {@code $LATEST} (or the qualifier inside {@code function})
     * @param payload   the event as JSON text
     * @return the handler's answer or its error
     * @throws LambdaInvocationException when the invocation itself could not happen (unknown function, a service
     *                                   fault), with the AWS error name a Step Functions {@code Catch} sees
     */
    Invocation invoke(String function, String qualifier, String payload) throws LambdaInvocationException;

    /**
     * A finished invocation.
     *
     * @param payload       the response payload as JSON text (the error object when {@code functionError} is set)
     * @param functionError null on success, else {@code "Unhandled"} (AWS's {@code X-Amz-Function-Error})
     * @param executedVersion the version that ran ({@code $LATEST} or a number)
     * @param logTail       the last 4 KB of the invocation's log, or empty
     */
    record Invocation(String payload, String functionError, String executedVersion, String logTail) {
    }

    /** An invocation that did not run: {@code errorName} is AWS's (e.g. {@code ResourceNotFoundException}). */
    final class LambdaInvocationException extends Exception {
        private final String errorName;
        private final int status;

        public LambdaInvocationException(String errorName, int status, String message) {
            super(message);
            this.errorName = errorName;
            this.status = status;
        }

        public String errorName() {
            return errorName;
        }

        public int status() {
            return status;
        }
    }
}
