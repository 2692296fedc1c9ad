package dev.apitpl.core.cli;

import dev.apitpl.core.engine.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    static final String PROJECT = "src/test/resources/validation/project";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int validate(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("validate"));
        command.addAll(List.of(args));
        return Main.run(command, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void validFilesExitZeroWithTheSummary() {
        assertEquals(0, validate("--tolerant", PROJECT + "/templates", PROJECT + "/statemachine/workflow.asl.json"));
        assertEquals("apitpl: 3 files valid", out().strip());
    }

    @Test
    void problemsArePrintedOnePerLineThenTheSummaryAndExitOne() {
        assertEquals(1, validate("--tolerant", PROJECT));
        List<String> lines = out().strip().lines().toList();
        assertEquals(2, lines.size(), out());
        assertTrue(lines.get(0).startsWith(Path.of(PROJECT, "statemachine", "static-orders.asl.json")
                + ":21:83: error XREF-TEMPLATE-MISSING"), lines.get(0));
        assertEquals("apitpl: 1 error, 0 warnings in 1 file", lines.get(1));
    }

    @Test
    void substitutionsComeFromAPropertiesFile(@TempDir Path dir) throws IOException {
        Path values = Files.writeString(dir.resolve("dev.properties"), "TemplateTableName=t\n");
        assertEquals(1, validate("--substitutions", values.toString(), PROJECT + "/statemachine/workflow.asl.json"));
        assertTrue(out().contains("ASL-PLACEHOLDER-UNRESOLVED"), out());
        assertTrue(out().contains("ApiCallFunctionArn"), out());
    }

    @Test
    void sarifAndJsonFormatsPrintTheReportAndReportDirGetsTheFiles(@TempDir Path dir) throws IOException {
        assertEquals(1, validate("--tolerant", "--format", "sarif", "--report-dir", dir.toString(), PROJECT));
        JsonNode sarif = Json.MAPPER.readTree(out());
        assertEquals("XREF-TEMPLATE-MISSING", sarif.path("runs").get(0).path("results").get(0).path("ruleId").asText());
        assertTrue(Files.exists(dir.resolve("validation.sarif")));
        assertTrue(Files.exists(dir.resolve("static-orders.mmd")));
        out.reset();
        assertEquals(1, validate("--tolerant", "--format", "json", PROJECT));
        assertEquals(1, Json.MAPPER.readTree(out()).path("summary").path("errors").asInt());
    }

    @Test
    void warningsFailOnlyWithFailOnWarning(@TempDir Path dir) throws IOException {
        Path template = Files.writeString(dir.resolve("t.json"), "{\"name\": \"t\", \"method\": \"GET\","
                + " \"url\": \"https://api.example.com\", \"parameters\": {\"properties\": {\"spare\": {}}}}");
        assertEquals(0, validate(template.toString()));
        assertEquals(1, validate("--fail-on-warning", template.toString()));
    }

    @Test
    void usageErrorsExitTwoAndSayWhatIsWrong() {
        assertEquals(2, validate());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("name at least one file or directory"));
        assertEquals(2, validate("--format", "xml", PROJECT));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--format must be text, json or sarif, not 'xml'"));
        assertEquals(2, validate("no/such/file.json"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no/such/file.json does not exist"));
        assertEquals(2, validate("--substitutions"));
        assertEquals(2, validate("--frobnicate", PROJECT));
    }
}
