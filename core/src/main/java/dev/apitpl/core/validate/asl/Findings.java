package dev.apitpl.core.validate.asl;

import dev.apitpl.core.asl.Location;
import dev.apitpl.core.validate.Problem;
import dev.apitpl.core.validate.ValidatorLimit;
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

    /** A part of the definition the validator could not check ({@link ValidatorLimit#RULE}). */
    void limit(Location location, String message, String hint) {
        problems.add(ValidatorLimit.problem(file, location.line(), location.column(), message, hint));
    }

    /** Any other problem, already made. */
    void add(Problem problem) {
        problems.add(problem);
    }

    List<Problem> problems() {
        return problems;
    }
}
