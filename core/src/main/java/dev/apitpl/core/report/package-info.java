/** Validation reports: JSON, SARIF 2.1.0 for code-scanning tools, and Mermaid diagrams of state machines. */
package dev.apitpl.core.report;
