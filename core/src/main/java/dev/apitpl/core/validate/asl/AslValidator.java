package dev.apitpl.core.validate.asl;

import dev.apitpl.core.validate.Problem;
import dev.apitpl.core.validate.ValidationService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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
        Findings findings = new Findings(file);
        if (content.startsWith("\uFEFF")) {
            content = content.substring(1); // a UTF-8 byte order mark is not part of the JSON text
        }
        AslNode root = DefinitionReader.read(content, isYaml(file), options, findings);
        if (root == null) {
            return new AslAnalysis(findings.problems(), Optional.empty());
        }
        if (!root.isObject()) {
            findings.report(AslRule.FIELD_TYPE, root.location(), "the definition is not a JSON object",
                    "write an object with StartAt and States");
            return new AslAnalysis(findings.problems(), Optional.empty());
        }
        AslDocument document = StateGraphReader.read(file, root);
        new DefinitionChecker(document, options, findings).check();
        return new AslAnalysis(inFileOrder(findings.problems()), Optional.of(document));
    }

    private static List<Problem> inFileOrder(List<Problem> problems) {
        List<Problem> sorted = new java.util.ArrayList<>(problems);
        sorted.sort(java.util.Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
        return sorted;
    }

    private static boolean isYaml(Path file) {
        Path name = file == null ? null : file.getFileName();
        String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml");
    }
}
