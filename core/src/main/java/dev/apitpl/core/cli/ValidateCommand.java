package dev.apitpl.core.cli;

import dev.apitpl.core.report.JsonReport;
import dev.apitpl.core.report.SarifReport;
import dev.apitpl.core.validate.PlaceholderSubstitutions;
import dev.apitpl.core.validate.Problem;
import dev.apitpl.core.validate.ValidationFiles;
import dev.apitpl.core.validate.ValidationReport;
import dev.apitpl.core.validate.ValidationRequest;
import dev.apitpl.core.validate.ValidationService;
import dev.apitpl.core.validate.asl.StateMachineType;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code apitpl validate}: validates state machine definitions and API templates named on the command line
 * (directories are searched), for hooks and CI without Maven. Exit 0 when valid, 1 on problems, 2 on a usage error.
 */
public final class ValidateCommand implements Command {

    static final String USAGE_TEXT = "usage: apitpl validate [--substitutions FILE] [--tolerant] [--express]"
            + " [--fail-on-warning] [--format text|json|sarif] [--report-dir DIR] FILE|DIR...";

    @Override
    public String name() {
        return "validate";
    }

    @Override
    public String summary() {
        return "validate state machine definitions and API templates (files or directories)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        List<Path> paths = new ArrayList<>();
        Path substitutionsFile = null;
        Path reportDirectory = null;
        boolean tolerant = false;
        boolean failOnWarning = false;
        StateMachineType type = StateMachineType.STANDARD;
        String format = "text";
        Iterator<String> arguments = args.iterator();
        while (arguments.hasNext()) {
            String argument = arguments.next();
            switch (argument) {
                case "--tolerant" -> tolerant = true;
                case "--express" -> type = StateMachineType.EXPRESS;
                case "--fail-on-warning" -> failOnWarning = true;
                case "--substitutions", "--report-dir", "--format" -> {
                    if (!arguments.hasNext()) {
                        return usage(err, argument + " needs a value");
                    }
                    String value = arguments.next();
                    switch (argument) {
                        case "--substitutions" -> substitutionsFile = Path.of(value);
                        case "--report-dir" -> reportDirectory = Path.of(value);
                        default -> format = value.toLowerCase(Locale.ROOT);
                    }
                }
                case "-h", "--help" -> {
                    out.println(USAGE_TEXT);
                    return OK;
                }
                default -> {
                    if (argument.startsWith("--")) {
                        return usage(err, "unknown option '" + argument + "'");
                    }
                    paths.add(Path.of(argument));
                }
            }
        }
        if (!List.of("text", "json", "sarif").contains(format)) {
            return usage(err, "--format must be text, json or sarif, not '" + format + "'");
        }
        if (paths.isEmpty()) {
            return usage(err, "name at least one file or directory to validate");
        }
        for (Path path : paths) {
            if (!Files.exists(path)) {
                return usage(err, path + " does not exist");
            }
        }
        Map<String, String> substitutions;
        try {
            substitutions = PlaceholderSubstitutions.merge(substitutionsFile, Map.of());
        } catch (IOException e) {
            return usage(err, "cannot read --substitutions " + substitutionsFile + ": " + e.getMessage());
        }
        ValidationFiles.Classified files = ValidationFiles.classify(paths);
        ValidationReport report = new ValidationService().validate(new ValidationRequest(files.definitions(),
                files.templates(), substitutions, tolerant, type, reportDirectory, failOnWarning));
        switch (format) {
            case "json" -> out.println(JsonReport.toJson(report).toPrettyString());
            case "sarif" -> out.println(SarifReport.toSarif(report).toPrettyString());
            default -> {
                report.problems().stream().map(Problem::format).forEach(out::println);
                out.println(report.summary());
            }
        }
        return report.failed() ? PROBLEMS : OK;
    }

    private static int usage(PrintStream err, String message) {
        err.println("apitpl validate: " + message);
        err.println(USAGE_TEXT);
        return USAGE;
    }
}
