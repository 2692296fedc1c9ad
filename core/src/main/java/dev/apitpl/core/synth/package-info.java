/**
 * Synthesis: the whole workflow (template table, Lambda, state machine, versions, aliases, roles) as one
 * deterministic CloudFormation/SAM template, with the policies of {@link dev.apitpl.core.policy}.
 */
package dev.apitpl.core.synth;
