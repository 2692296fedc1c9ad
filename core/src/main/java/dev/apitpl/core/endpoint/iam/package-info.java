/** IAM roles and STS GetCallerIdentity on the local endpoint, in the AWS Query protocol: stored, not enforced. */
package dev.apitpl.core.endpoint.iam;
