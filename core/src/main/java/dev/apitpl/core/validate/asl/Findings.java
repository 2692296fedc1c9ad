package dev.apitpl.core.validate.asl;

import dev.apitpl.core.validate.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Collects the problems found in one definition file, in the order found. */
final class Findings {

    private final Path file;
    private final List<Problem> problems = new ArrayList<>();

    Findings(Path file) {
        this.file = file;
    }

    void report(AslRule rule, Location location, String message, String hint) {
        problems.add(new Problem(file, location.line(), location.column(), rule.severity(), rule.id(), message, hint));
    }

    List<Problem> problems() {
        return problems;
    }
}
