/** The seam between the engine and whatever does a Task state's work: integrations, Lambdas, mocks. */
package dev.apitpl.core.engine.task;
