package dev.apitpl.core.report;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.apitpl.runtime.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.core.validate.Problem;
import dev.apitpl.core.validate.ValidationReport;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The validation report as JSON, for scripts: a summary, the files checked and every problem with its location.
 * <pre>{"summary": {"errors": 1, "warnings": 0, "files": 2, "failed": true, "text": "apitpl: ..."},
 *  "files": ["..."], "problems": [{"file", "line", "column", "severity", "rule", "message", "hint"}]}</pre>
 */
public final class JsonReport {

    /** The project's one JSON configuration, indented for reading. */
    static final ObjectWriter WRITER = Json.mapper().writerWithDefaultPrettyPrinter();

    private JsonReport() {}

    public static ObjectNode toJson(ValidationReport report) {
        ObjectNode root = Json.object();
        ObjectNode summary = root.putObject("summary");
        summary.put("errors", report.errorCount());
        summary.put("warnings", report.warningCount());
        summary.put("files", report.filesChecked().size());
        summary.put("failed", report.failed());
        summary.put("text", report.summary());
        ArrayNode files = root.putArray("files");
        report.filesChecked().forEach(file -> files.add(file.toString()));
        ArrayNode problems = root.putArray("problems");
        for (Problem problem : report.problems()) {
            ObjectNode entry = problems.addObject();
            entry.put("file", problem.file().toString());
            entry.put("line", problem.line());
            entry.put("column", problem.column());
            entry.put("severity", problem.severity().label());
            entry.put("rule", problem.ruleId());
            entry.put("message", problem.message());
            if (problem.hint() != null) {
                entry.put("hint", problem.hint());
            }
        }
        return root;
    }

    /** Writes the report to {@code target} and returns it. */
    public static Path write(ValidationReport report, Path target) throws IOException {
        WRITER.writeValue(target.toFile(), toJson(report));
        return target;
    }
}
