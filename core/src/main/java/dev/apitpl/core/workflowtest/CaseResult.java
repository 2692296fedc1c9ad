package dev.apitpl.core.workflowtest;

import dev.apitpl.core.engine.ExecutionResult;
import java.util.List;

/**
 * How one test case went.
 *
 * @param testCase the case
 * @param result its execution
 * @param failures each unmet expectation, readable; empty when the case passed
 */
public record CaseResult(WorkflowTestCase testCase, ExecutionResult result, List<String> failures) {

    public boolean passed() {
        return failures.isEmpty();
    }

    /** "PASS name (12 ms)" or "FAIL name (12 ms)" followed by one indented line per unmet expectation. */
    public String describe() {
        StringBuilder text = new StringBuilder(passed() ? "PASS " : "FAIL ").append(testCase.displayName())
                .append(" (").append(result.duration().toMillis()).append(" ms)");
        failures.forEach(failure -> text.append(System.lineSeparator()).append("    ").append(failure));
        return text.toString();
    }
}
