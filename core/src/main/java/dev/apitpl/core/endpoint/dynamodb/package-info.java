/** DynamoDB on the local endpoint: DynamoDB Local on a loopback port behind a proxy that can inject faults. */
package dev.apitpl.core.endpoint.dynamodb;
