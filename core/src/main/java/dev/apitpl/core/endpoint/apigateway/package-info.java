/**
 * API Gateway HTTP APIs on the local endpoint: the subset of the {@code apigatewayv2} control plane that apitpl's deploy
 * uses, and the deployed APIs served over HTTP, each request handed to its Lambda integration as a proxy event.
 */
package dev.apitpl.core.endpoint.apigateway;
