package dev.apitpl.core.validate;

import dev.apitpl.core.report.JsonReport;
import dev.apitpl.core.report.MermaidDiagram;
import dev.apitpl.core.report.SarifReport;
import dev.apitpl.core.validate.asl.AslAnalysis;
import dev.apitpl.core.validate.asl.AslDocument;
import dev.apitpl.core.validate.asl.AslValidationOptions;
import dev.apitpl.core.validate.asl.AslValidationOptions.PlaceholderMode;
import dev.apitpl.core.validate.asl.AslValidator;
import dev.apitpl.core.validate.template.TemplateFileValidator;
import dev.apitpl.core.validate.template.TemplateKey;
import dev.apitpl.core.validate.template.TemplateReferences;
import dev.apitpl.core.validate.template.TemplateValidation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Validates state machine definitions and API templates in one pass: every file is checked even when others are
 * broken, templates referenced by name from definitions are cross-checked, and the reports are written.
 */
public final class ValidationService {

    /** The rule of a file that cannot be read at all. */
    public static final String UNREADABLE_RULE = "IO-UNREADABLE";

    private final TemplateFileValidator templateValidator = new TemplateFileValidator();

    public ValidationReport validate(ValidationRequest request) {
        // Templates first: definitions are cross-checked against them. Problems are reported definitions first.
        List<Problem> templateProblems = new ArrayList<>();
        List<TemplateKey> templates = new ArrayList<>();
        for (Path file : request.templateFiles()) {
            Optional<String> content = read(file, templateProblems);
            if (content.isPresent()) {
                TemplateValidation validation = templateValidator.validate(file, content.get());
                templateProblems.addAll(validation.problems());
                validation.key().ifPresent(templates::add);
            }
        }
        List<Problem> problems = new ArrayList<>();
        Map<Path, AslDocument> documents = new LinkedHashMap<>();
        AslValidationOptions options = options(request);
        for (Path file : request.definitionFiles()) {
            Optional<String> content = read(file, problems);
            if (content.isPresent()) {
                AslAnalysis analysis = AslValidator.analyze(file, content.get(), options);
                problems.addAll(analysis.problems());
                analysis.document().ifPresent(document -> {
                    documents.put(file, document);
                    if (!request.templateFiles().isEmpty()) {
                        problems.addAll(TemplateReferences.check(document, templates));
                    }
                });
            }
        }
        problems.addAll(templateProblems);
        List<Path> checked = new ArrayList<>(request.definitionFiles());
        checked.addAll(request.templateFiles());
        ValidationReport report = new ValidationReport(problems, checked, List.of(), request.failOnWarning());
        if (request.reportDirectory() == null) {
            return report;
        }
        return new ValidationReport(report.problems(), report.filesChecked(),
                writeReports(report, documents, request.reportDirectory()), request.failOnWarning());
    }

    private static AslValidationOptions options(ValidationRequest request) {
        // Deployments replace ${Name} before AWS sees the definition, so one left without a value is reported as such
        // rather than as whatever rule its literal text would break.
        PlaceholderMode mode = request.placeholderTolerant() ? PlaceholderMode.TOLERATE : PlaceholderMode.SUBSTITUTE;
        return new AslValidationOptions(mode, request.substitutions(), request.stateMachineType());
    }

    private static Optional<String> read(Path file, List<Problem> problems) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException e) {
            String reason = Files.exists(file) ? "cannot be read as UTF-8 text (" + e.getMessage() + ")" : "does not exist";
            problems.add(new Problem(file, 0, 0, Severity.ERROR, UNREADABLE_RULE, "the file " + reason,
                    "check the path and the file's encoding"));
            return Optional.empty();
        }
    }

    private static List<Path> writeReports(ValidationReport report, Map<Path, AslDocument> documents, Path directory) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(directory);
            written.add(JsonReport.write(report, directory.resolve("validation.json")));
            written.add(SarifReport.write(report, directory.resolve("validation.sarif")));
            for (Map.Entry<Path, AslDocument> definition : documents.entrySet()) {
                Path diagram = directory.resolve(MermaidDiagram.fileName(definition.getKey()));
                Files.writeString(diagram, MermaidDiagram.render(definition.getValue()), StandardCharsets.UTF_8);
                written.add(diagram);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the validation reports to " + directory, e);
        }
        return written;
    }
}
