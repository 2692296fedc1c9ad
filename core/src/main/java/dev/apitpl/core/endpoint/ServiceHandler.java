package dev.apitpl.core.endpoint;

/**
 * One AWS service on the local endpoint's single URL (Step Functions, Lambda, DynamoDB, IAM, STS, ...). The server
 * asks each handler in turn whether it {@link #accepts} a request, as AWS clients address the service (an
 * {@code X-Amz-Target} prefix, a REST path, a Query-protocol {@code Action}), and lets the first that does answer it.
 */
public interface ServiceHandler extends AutoCloseable {

    /** Whether this service is the one {@code request} is addressed to. Must be cheap and never throw. */
    boolean accepts(EndpointRequest request);

    /**
     * Answers {@code request} in the service's own wire shape, errors included (a handler never throws for a bad
     * request: it answers with AWS's error shape and status).
     */
    EndpointResponse handle(EndpointRequest request);

    /** Stops the service's background work and child processes; the server calls it once, on shutdown. */
    @Override
    default void close() {
    }
}
