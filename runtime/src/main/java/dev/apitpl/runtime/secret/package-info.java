/** Where template secrets come from: environment variables or AWS Secrets Manager (cached with a TTL). */
package dev.apitpl.runtime.secret;
