/** The Lambda's failures: one exception per error a state machine's Catch can match by name. */
package dev.apitpl.runtime.error;
