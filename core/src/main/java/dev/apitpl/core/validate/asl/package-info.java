/**
 * Validation of Amazon States Language definitions (JSON or YAML): a located parse, the state graph, and the rules
 * AWS applies when a state machine is created, each reported as a {@link dev.apitpl.core.validate.Problem}.
 */
package dev.apitpl.core.validate.asl;
