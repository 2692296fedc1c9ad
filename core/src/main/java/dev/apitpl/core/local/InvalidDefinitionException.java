package dev.apitpl.core.local;

import dev.apitpl.core.validate.Problem;
import dev.apitpl.core.validate.Severity;
import java.nio.file.Path;
import java.util.List;

/**
 * A definition the validator finds errors in, so it is not run. The message is what {@code apitpl validate} prints
 * for it: one {@code file:line:column: error RULE-ID message (hint)} line per problem, then a summary.
 */
public final class InvalidDefinitionException extends LocalRunException {

    private static final String UNRESOLVED = "ASL-PLACEHOLDER-UNRESOLVED";

    private final transient List<Problem> problems;

    public InvalidDefinitionException(Path definition, List<Problem> problems) {
        super(message(definition, problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem of the definition, errors and warnings, in line order. */
    public List<Problem> problems() {
        return problems;
    }

    private static String message(Path definition, List<Problem> problems) {
        long errors = problems.stream().filter(problem -> problem.severity() == Severity.ERROR).count();
        long warnings = problems.size() - errors;
        StringBuilder text = new StringBuilder();
        problems.forEach(problem -> text.append(problem.format()).append('\n'));
        text.append("apitpl: ").append(errors).append(errors == 1 ? " error, " : " errors, ").append(warnings)
                .append(warnings == 1 ? " warning" : " warnings").append(" in ").append(definition)
                .append(": fix them to run it (apitpl validate reports the same)");
        if (problems.stream().anyMatch(problem -> UNRESOLVED.equals(problem.ruleId()))) {
            text.append(". Give each placeholder a value: <substitutions><Name>...</Name></substitutions> in the plugin"
                    + " configuration or a line Name=... in the <substitutionsFile> (-Dapitpl.substitutionsFile);"
                    + " on the command line, an entry in the file passed to --substitutions");
        }
        return text.toString();
    }
}
