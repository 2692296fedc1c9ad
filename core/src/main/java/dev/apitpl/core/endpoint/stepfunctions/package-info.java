/** Step Functions on the local endpoint: state machines, versions, aliases and executions on the project's engine. */
package dev.apitpl.core.endpoint.stepfunctions;
