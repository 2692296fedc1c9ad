package dev.apitpl.core.workflowtest;

import java.util.List;
import java.util.stream.Collectors;

/** The results of a workflow test file, in file order. */
public record WorkflowTestReport(List<CaseResult> results) {

    public long passedCount() {
        return results.stream().filter(CaseResult::passed).count();
    }

    public long failedCount() {
        return results.size() - passedCount();
    }

    public boolean allPassed() {
        return failedCount() == 0;
    }

    /** e.g. "Workflow tests: 3 passed, 1 failed". */
    public String summary() {
        return "Workflow tests: " + passedCount() + " passed, " + failedCount() + " failed";
    }

    /** Every case's description, then the summary. */
    public String describe() {
        return results.stream().map(CaseResult::describe).collect(Collectors.joining(System.lineSeparator()))
                + System.lineSeparator() + summary();
    }

    /** For JUnit: throws an {@link AssertionError} describing every failed case unless all passed. */
    public void assertAllPassed() {
        if (!allPassed()) {
            throw new AssertionError(results.stream().filter(r -> !r.passed()).map(CaseResult::describe)
                    .collect(Collectors.joining(System.lineSeparator())) + System.lineSeparator() + summary());
        }
    }
}
