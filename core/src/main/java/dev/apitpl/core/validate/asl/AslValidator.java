package dev.apitpl.core.validate.asl;

import dev.apitpl.core.asl.AslModel;
import dev.apitpl.core.asl.AslNode;
import dev.apitpl.core.asl.Placeholder;
import dev.apitpl.core.asl.PlaceholderMode;
import dev.apitpl.core.asl.ReadProblem;
import dev.apitpl.core.validate.Problem;
import dev.apitpl.core.validate.ValidationService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Validates Amazon States Language definitions (JSON, or YAML for {@code .yaml}/{@code .yml} files) against the
 * rules AWS applies when a state machine is created. Never throws on bad input: every defect is a located
 * {@link Problem}. Thread-safe and stateless.
 */
public final class AslValidator {

    private AslValidator() {}

    /** Validates a definition given as text; {@code file} names it in problems and decides JSON or YAML. */
    public static List<Problem> validate(Path file, String content, AslValidationOptions options) {
        return analyze(file, content, options).problems();
    }

    /** Reads and validates a definition file (UTF-8); an unreadable file is one {@code IO-UNREADABLE} problem. */
    public static List<Problem> validate(Path file, AslValidationOptions options) {
        return analyze(file, options).problems();
    }

    /** Reads and validates a definition without placeholders, as a Standard workflow. */
    public static List<Problem> validate(Path file) {
        return validate(file, AslValidationOptions.defaults());
    }

    /** Reads and validates a definition file, returning its problems and its state graph. */
    public static AslAnalysis analyze(Path file, AslValidationOptions options) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new AslAnalysis(List.of(ValidationService.unreadable(file, e)), Optional.empty());
        }
        return analyze(file, content, options);
    }

    /** Validates a definition given as text, returning its problems and, when it parsed, its state graph. */
    public static AslAnalysis analyze(Path file, String content, AslValidationOptions options) {
        AslModel model = AslModel.read(file, content, options.substitutions(), options.placeholders());
        return new AslAnalysis(check(model, options), model.document());
    }

    /**
     * Every problem of a definition already read: what stopped reading it, placeholders without a value (when
     * substituting), then the rules over its state graph; in line order.
     */
    public static List<Problem> check(AslModel model, AslValidationOptions options) {
        Findings findings = new Findings(model.file());
        for (ReadProblem problem : model.readProblems()) {
            switch (problem.kind()) {
                case EMPTY_DEFINITION -> findings.report(AslRule.EMPTY_DEFINITION, problem.location(), problem.message(), problem.hint());
                case SYNTAX -> findings.report(AslRule.JSON_SYNTAX, problem.location(), problem.message(), problem.hint());
                case DUPLICATE_KEY -> findings.report(AslRule.DUPLICATE_KEY, problem.location(), problem.message(), problem.hint());
                case READER_LIMIT -> findings.limit(problem.location(), problem.message(), problem.hint());
            }
        }
        if (options.placeholders() == PlaceholderMode.SUBSTITUTE) {
            for (Placeholder placeholder : model.placeholders()) {
                if (!placeholder.resolved()) {
                    findings.report(AslRule.PLACEHOLDER_UNRESOLVED, placeholder.location(), "placeholder ${"
                            + placeholder.name() + "} has no substitution",
                            "add '" + placeholder.name() + "' to the substitutions (DefinitionSubstitutions)");
                }
            }
        }
        AslNode root = model.root();
        if (root == null) {
            return inFileOrder(findings.problems());
        }
        if (!root.isObject()) {
            findings.report(AslRule.FIELD_TYPE, root.location(), "the definition is not a JSON object",
                    "write an object with StartAt and States");
            return inFileOrder(findings.problems());
        }
        new DefinitionChecker(model.document().orElseThrow(), options, findings).check();
        return inFileOrder(findings.problems());
    }

    private static List<Problem> inFileOrder(List<Problem> problems) {
        List<Problem> sorted = new java.util.ArrayList<>(problems);
        sorted.sort(java.util.Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
        return sorted;
    }
}
