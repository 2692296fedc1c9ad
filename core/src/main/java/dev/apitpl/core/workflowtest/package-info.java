/** Workflow tests: Step Functions Local mock configuration files plus expectations, run on the local engine. */
package dev.apitpl.core.workflowtest;
