/** GenericApiCallLambda, the deployable handler: input parsing, the one-line call log and SnapStart priming. */
package dev.apitpl.runtime.handler;
