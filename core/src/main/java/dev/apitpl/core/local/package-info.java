/** Local execution: embedded DynamoDB Local seeded with the project's templates, and the run service over the engine. */
package dev.apitpl.core.local;
