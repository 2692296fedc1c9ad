package dev.apitpl.core.synth;

import dev.apitpl.core.validate.Problem;
import java.util.List;

/** Synthesis refused: the project's definition, templates or configuration have problems the template would carry. */
public final class SynthException extends Exception {

    private final transient List<Problem> problems;

    public SynthException(String message, List<Problem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    /** The located problems, each with its file:line:column and fix; empty for a configuration problem. */
    public List<Problem> problems() {
        return problems;
    }
}
