/**
 * Least-privilege IAM policies of a template workflow, derived from its definition and templates: one source of truth
 * for the {@code policy} goal, plan, deploy's role creation and synth.
 */
package dev.apitpl.core.policy;
