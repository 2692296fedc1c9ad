package dev.apitpl.core.validate;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What one validation found.
 *
 * @param problems every problem, grouped by file in the order the files were given, then by line
 * @param filesChecked every file validated, definitions first
 * @param reportFiles the report files written (JSON, SARIF, Mermaid diagrams); empty without a report directory
 * @param failOnWarning whether warnings fail, as requested
 */
public record ValidationReport(List<Problem> problems, List<Path> filesChecked, List<Path> reportFiles,
                               boolean failOnWarning) {

    public ValidationReport {
        problems = List.copyOf(Objects.requireNonNull(problems, "problems"));
        filesChecked = List.copyOf(Objects.requireNonNull(filesChecked, "filesChecked"));
        reportFiles = List.copyOf(Objects.requireNonNull(reportFiles, "reportFiles"));
    }

    public long errorCount() {
        return problems.stream().filter(problem -> problem.severity() == Severity.ERROR).count();
    }

    public long warningCount() {
        return problems.stream().filter(problem -> problem.severity() == Severity.WARNING).count();
    }

    /** Files with at least one problem. */
    public long filesWithProblems() {
        return problems.stream().map(Problem::file).distinct().count();
    }

    /** True when there are errors, or warnings and {@link #failOnWarning()}. */
    public boolean failed() {
        return errorCount() > 0 || (failOnWarning && warningCount() > 0);
    }

    /** {@code apitpl: 3 errors, 1 warning in 2 files}, or {@code apitpl: 4 files valid}. */
    public String summary() {
        if (problems.isEmpty()) {
            return "apitpl: " + plural(filesChecked.size(), "file") + " valid";
        }
        return "apitpl: " + plural(errorCount(), "error") + ", " + plural(warningCount(), "warning") + " in "
                + plural(filesWithProblems(), "file");
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
