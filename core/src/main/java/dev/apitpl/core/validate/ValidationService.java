package dev.apitpl.core.validate;

import dev.apitpl.core.asl.AslDocument;
import dev.apitpl.core.report.JsonReport;
import dev.apitpl.core.report.MermaidDiagram;
import dev.apitpl.core.report.SarifReport;
import dev.apitpl.core.validate.asl.AslAnalysis;
import dev.apitpl.core.validate.asl.AslValidationOptions;
import dev.apitpl.core.asl.PlaceholderMode;
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
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * Validates state machine definitions and API templates in one pass: every file is checked even when others are
 * broken, templates referenced by name from definitions are cross-checked, and the reports are written. A validator
 * that fails on a file (an exception, a stack overflow) costs that file a {@value ValidatorLimit#RULE} problem; the
 * other files are still checked and the reports still written.
 */
public final class ValidationService {

    /** The rule of a file that cannot be read at all. */
    public static final String UNREADABLE_RULE = "IO-UNREADABLE";

    private static final Comparator<Problem> IN_FILE_ORDER =
            Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column);

    /** Analyses one definition: {@link AslValidator#analyze(Path, String, AslValidationOptions)}. */
    @FunctionalInterface
    interface DefinitionValidator {
        AslAnalysis analyze(Path file, String content, AslValidationOptions options);
    }

    /** Validates one template file: {@link TemplateFileValidator#validate(Path, String)}. */
    @FunctionalInterface
    interface TemplateValidator {
        TemplateValidation validate(Path file, String content);
    }

    private final DefinitionValidator definitionValidator;
    private final TemplateValidator templateValidator;

    public ValidationService() {
        this(AslValidator::analyze, new TemplateFileValidator()::validate);
    }

    /** With other validators: tests use it to see what a failing validator costs. */
    ValidationService(DefinitionValidator definitionValidator, TemplateValidator templateValidator) {
        this.definitionValidator = definitionValidator;
        this.templateValidator = templateValidator;
    }

    public ValidationReport validate(ValidationRequest request) {
        // Templates first: definitions are cross-checked against them. Problems are reported definitions first.
        List<Problem> templateProblems = new ArrayList<>();
        List<TemplateKey> templates = new ArrayList<>();
        for (Path file : request.templateFiles()) {
            Optional<String> content = read(file, templateProblems);
            if (content.isPresent()) {
                try {
                    TemplateValidation validation = templateValidator.validate(file, content.get());
                    templateProblems.addAll(validation.problems());
                    validation.key().ifPresent(templates::add);
                } catch (Throwable e) {
                    templateProblems.add(failure(file, e));
                }
            }
        }
        List<Problem> problems = new ArrayList<>();
        Map<Path, AslDocument> documents = new LinkedHashMap<>();
        AslValidationOptions options = options(request);
        for (Path file : request.definitionFiles()) {
            Optional<String> content = read(file, problems);
            if (content.isEmpty()) {
                continue;
            }
            List<Problem> fileProblems = new ArrayList<>();
            AslDocument document = null;
            try {
                AslAnalysis analysis = definitionValidator.analyze(file, content.get(), options);
                fileProblems.addAll(analysis.problems());
                document = analysis.document().orElse(null);
            } catch (Throwable e) {
                fileProblems.add(failure(file, e));
            }
            if (document != null) {
                documents.put(file, document);
                if (!request.templateFiles().isEmpty()) {
                    try {
                        fileProblems.addAll(TemplateReferences.check(document, templates));
                    } catch (Throwable e) {
                        fileProblems.add(failure(file, e));
                    }
                }
            }
            fileProblems.sort(IN_FILE_ORDER); // the cross-checks' problems among the others, by line
            problems.addAll(fileProblems);
        }
        problems.addAll(templateProblems);
        List<Path> checked = new ArrayList<>(request.definitionFiles());
        checked.addAll(request.templateFiles());
        if (request.reportDirectory() == null) {
            return new ValidationReport(problems, checked, List.of(), request.failOnWarning());
        }
        Map<String, String> diagrams = diagrams(documents, problems);
        ValidationReport report = new ValidationReport(problems, checked, List.of(), request.failOnWarning());
        return new ValidationReport(report.problems(), report.filesChecked(),
                writeReports(report, diagrams, request.reportDirectory()), request.failOnWarning());
    }

    /** A validator failed on {@code file}: the file was not (fully) checked, which is said, not thrown. */
    static Problem failure(Path file, Throwable e) {
        String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return ValidatorLimit.problem(file, 0, 0, "the validator failed on " + file + " (" + reason + "); this is a"
                + " limitation of the validator, not necessarily a mistake in the file, and the file's remaining checks"
                + " did not run", "report it to the apitpl project with the file; to build meanwhile, leave the file out"
                + " (excludes) if it is known to be good");
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
        } catch (IOException e) {
            problems.add(unreadable(file, e));
            return Optional.empty();
        }
    }

    /** The {@value #UNREADABLE_RULE} problem of a file that could not be read. */
    public static Problem unreadable(Path file, IOException e) {
        String reason = Files.exists(file) ? "cannot be read as UTF-8 text (" + e.getMessage() + ")" : "does not exist";
        return new Problem(file, 0, 0, Severity.ERROR, UNREADABLE_RULE, "the file " + reason,
                "check the path and the file's encoding");
    }

    /** Each definition's Mermaid diagram by report file name; a diagram that cannot be drawn is its file's problem. */
    private static Map<String, String> diagrams(Map<Path, AslDocument> documents, List<Problem> problems) {
        Map<Path, String> names = diagramNames(documents.keySet());
        Map<String, String> diagrams = new LinkedHashMap<>();
        for (Map.Entry<Path, AslDocument> definition : documents.entrySet()) {
            try {
                diagrams.put(names.get(definition.getKey()), MermaidDiagram.render(definition.getValue()));
            } catch (Throwable e) {
                problems.add(failure(definition.getKey(), e));
            }
        }
        return diagrams;
    }

    /**
     * A diagram file name per definition: {@code workflow.asl.json} gives {@code workflow.mmd}; definitions of the same
     * name in different folders are told apart by the folders below the one they share ({@code a/flow.asl.json} gives
     * {@code a-flow.mmd}); a name still taken gets a number ({@code flow-2.mmd}).
     */
    static Map<Path, String> diagramNames(Collection<Path> definitions) {
        Map<String, List<Path>> byName = new LinkedHashMap<>();
        for (Path definition : definitions) {
            byName.computeIfAbsent(MermaidDiagram.fileName(definition), name -> new ArrayList<>()).add(definition);
        }
        Map<Path, String> names = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (Path definition : definitions) {
            String name = MermaidDiagram.fileName(definition);
            List<Path> sameName = byName.get(name);
            if (sameName.size() > 1) {
                Path shared = sharedFolder(sameName);
                Path folder = shared.relativize(definition.toAbsolutePath().normalize()).getParent();
                if (folder != null) {
                    name = String.join("-", StreamSupport.stream(folder.spliterator(), false).map(Path::toString).toList())
                            + "-" + name;
                }
            }
            String unique = name;
            for (int n = 2; !taken.add(unique); n++) {
                unique = name.substring(0, name.length() - ".mmd".length()) + "-" + n + ".mmd";
            }
            names.put(definition, unique);
        }
        return names;
    }

    /** The deepest folder all the files are in. */
    private static Path sharedFolder(List<Path> files) {
        Path shared = files.get(0).toAbsolutePath().normalize().getParent();
        for (Path file : files) {
            Path folder = file.toAbsolutePath().normalize().getParent();
            while (shared != null && !folder.startsWith(shared)) {
                shared = shared.getParent();
            }
        }
        return shared == null ? files.get(0).toAbsolutePath().getRoot() : shared;
    }

    private static List<Path> writeReports(ValidationReport report, Map<String, String> diagrams, Path directory) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(directory);
            written.add(JsonReport.write(report, directory.resolve("validation.json")));
            written.add(SarifReport.write(report, directory.resolve("validation.sarif")));
            for (Map.Entry<String, String> definition : diagrams.entrySet()) {
                Path diagram = directory.resolve(definition.getKey());
                Files.writeString(diagram, definition.getValue(), StandardCharsets.UTF_8);
                written.add(diagram);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the validation reports to " + directory, e);
        }
        return written;
    }
}
