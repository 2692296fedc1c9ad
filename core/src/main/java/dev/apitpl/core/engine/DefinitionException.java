package dev.apitpl.core.engine;

import dev.apitpl.core.validate.Problem;
import java.util.List;

/**
 * A state machine definition cannot be run: the validator found errors in it. The message lists them as
 * {@code apitpl validate} prints them ({@code file:line:column: error RULE-ID message (hint)}).
 */
public class DefinitionException extends RuntimeException {

    private final List<Problem> problems;

    public DefinitionException(String message) {
        super(message);
        this.problems = List.of();
    }

    public DefinitionException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of();
    }

    /** The validator's errors (and warnings) that keep the definition from running, one line each in the message. */
    public DefinitionException(List<Problem> problems) {
        super(String.join("\n", problems.stream().map(Problem::format).toList()));
        this.problems = List.copyOf(problems);
    }

    /** The problems found in the definition, in line order; empty when the failure is not a validation one. */
    public List<Problem> problems() {
        return problems;
    }
}
