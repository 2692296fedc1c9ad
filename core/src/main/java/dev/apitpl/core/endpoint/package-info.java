/**
 * The local AWS endpoint: one loopback URL serving Step Functions, Lambda, DynamoDB, IAM and STS as the AWS
 * clients address them. Each service is a {@link dev.apitpl.core.endpoint.ServiceHandler}; Step Functions tasks reach
 * Lambda through the one {@link dev.apitpl.core.endpoint.LambdaInvoker}.
 */
package dev.apitpl.core.endpoint;
