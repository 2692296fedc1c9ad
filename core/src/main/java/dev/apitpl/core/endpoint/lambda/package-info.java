/**
 * Lambda on the local endpoint: the Lambda REST API ({@code /2015-03-31/functions...}) with AWS's asynchronous
 * states, revision ids, versions, aliases and recorded error messages, and {@code Invoke} running the uploaded jar
 * as AWS runs it, without Docker: one warm child JVM per function version, started with AWS's own Java runtime
 * interface client against a local implementation of the Lambda Runtime API on a loopback port.
 * {@link dev.apitpl.core.endpoint.lambda.LambdaService} is the entry point; Step Functions tasks reach the same
 * invocation path through {@link dev.apitpl.core.endpoint.LambdaInvoker}.
 */
package dev.apitpl.core.endpoint.lambda;
