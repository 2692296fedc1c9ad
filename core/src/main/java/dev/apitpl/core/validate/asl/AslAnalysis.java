package dev.apitpl.core.validate.asl;

import dev.apitpl.core.asl.AslDocument;
import dev.apitpl.core.validate.Problem;
import dev.apitpl.core.validate.Severity;
import java.util.List;
import java.util.Optional;

/**
 * What validating one definition found: its problems and, when it parsed, its state graph.
 *
 * @param problems every problem, in the order found
 * @param document the parsed definition; empty when it is not well-formed JSON/YAML or not an object
 */
public record AslAnalysis(List<Problem> problems, Optional<AslDocument> document) {

    public AslAnalysis {
        problems = List.copyOf(problems);
    }

    /** True when no problem is an error (warnings allowed). */
    public boolean isValid() {
        return problems.stream().noneMatch(problem -> problem.severity() == Severity.ERROR);
    }
}
