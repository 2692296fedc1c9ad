package dev.apitpl.core.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.runtime.json.Json;
import dev.apitpl.core.validate.Problem;
import dev.apitpl.core.validate.Severity;
import dev.apitpl.core.validate.ValidationReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validation report as SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format), which code-scanning
 * services read to annotate files: one run, the tool's rules with their help text, one result per problem.
 * File locations are relative URIs when the file is under the working directory, so annotations land on the
 * repository's files.
 */
public final class SarifReport {

    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    public static final String VERSION = "2.1.0";

    private SarifReport() {}

    public static ObjectNode toSarif(ValidationReport report) {
        ObjectNode root = Json.object();
        root.put("$schema", SCHEMA);
        root.put("version", VERSION);
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "apitpl");
        String version = SarifReport.class.getPackage().getImplementationVersion();
        if (version != null) {
            driver.put("version", version);
        }
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        ArrayNode rules = driver.putArray("rules");
        for (String id : reportedRuleIds(report)) {
            RuleCatalog.Rule rule = RuleCatalog.rule(id);
            ruleIndex.put(id, ruleIndex.size());
            ObjectNode descriptor = rules.addObject();
            descriptor.put("id", id);
            descriptor.putObject("shortDescription").put("text", rule.description());
            descriptor.putObject("help").put("text", rule.description() + " Rules are listed in docs/validation.md.");
            descriptor.putObject("defaultConfiguration").put("level", level(rule.severity()));
        }
        ArrayNode results = run.putArray("results");
        for (Problem problem : report.problems()) {
            ObjectNode result = results.addObject();
            result.put("ruleId", problem.ruleId());
            result.put("ruleIndex", ruleIndex.get(problem.ruleId()));
            result.put("level", level(problem.severity()));
            String text = problem.hint() == null ? problem.message() : problem.message() + " (" + problem.hint() + ")";
            result.putObject("message").put("text", text);
            ObjectNode location = result.putArray("locations").addObject().putObject("physicalLocation");
            location.putObject("artifactLocation").put("uri", uri(problem.file()));
            if (problem.line() > 0) {
                ObjectNode region = location.putObject("region");
                region.put("startLine", problem.line());
                if (problem.column() > 0) {
                    region.put("startColumn", problem.column());
                }
            }
        }
        return root;
    }

    public static Path write(ValidationReport report, Path target) throws IOException {
        JsonReport.WRITER.writeValue(target.toFile(), toSarif(report));
        return target;
    }

    private static List<String> reportedRuleIds(ValidationReport report) {
        List<String> ids = new ArrayList<>();
        for (Problem problem : report.problems()) {
            if (!ids.contains(problem.ruleId())) {
                ids.add(problem.ruleId());
            }
        }
        return ids;
    }

    private static String level(Severity severity) {
        return severity == Severity.ERROR ? "error" : "warning";
    }

    /** A path relative to the working directory when the file is under it, else an absolute file URI. */
    static String uri(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path workingDirectory = Path.of("").toAbsolutePath();
        if (absolute.startsWith(workingDirectory)) {
            StringBuilder relative = new StringBuilder();
            for (Path part : workingDirectory.relativize(absolute)) {
                if (!relative.isEmpty()) {
                    relative.append('/');
                }
                relative.append(java.net.URLEncoder.encode(part.toString(), java.nio.charset.StandardCharsets.UTF_8)
                        .replace("+", "%20"));
            }
            return relative.toString();
        }
        return absolute.toUri().toString();
    }
}
