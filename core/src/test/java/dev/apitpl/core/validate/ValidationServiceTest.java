package dev.apitpl.core.validate;

import dev.apitpl.core.asl.QueryLanguage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidationServiceTest {

    static final Path PROJECT = Path.of("src/test/resources/validation/project");
    static final Path WORKFLOW = PROJECT.resolve("statemachine/workflow.asl.json");
    static final Path STATIC_ORDERS = PROJECT.resolve("statemachine/static-orders.asl.json");
    static final List<Path> TEMPLATES = List.of(PROJECT.resolve("templates/create-order.json"),
            PROJECT.resolve("templates/search-products.json"));
    static final Map<String, String> SUBSTITUTIONS = Map.of(
            "TemplateTableName", "api-templates",
            "ApiCallFunctionArn", "arn:aws:lambda:eu-west-1:123456789012:function:generic-api-call");

    private final ValidationService service = new ValidationService();

    private static ValidationRequest request(List<Path> definitions, List<Path> templates, Map<String, String> values,
                                             boolean tolerant, Path reports, boolean failOnWarning) {
        return new ValidationRequest(definitions, templates, values, tolerant, null, reports, failOnWarning);
    }

    /** 1-based line and column of the first occurrence of {@code text} in {@code file}. */
    static String locationOf(Path file, String text) throws IOException {
        String content = Files.readString(file);
        int offset = content.indexOf(text);
        int line = (int) content.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
        int column = offset - content.lastIndexOf('\n', offset - 1);
        return file + ":" + line + ":" + column;
    }

    @Test
    void theReferenceProjectIsValid() {
        ValidationReport report = service.validate(request(List.of(WORKFLOW), TEMPLATES, SUBSTITUTIONS, false, null, false));
        assertEquals(List.of(), report.problems());
        assertEquals(3, report.filesChecked().size());
        assertFalse(report.failed());
        assertEquals("apitpl: 3 files valid", report.summary());
    }

    @Test
    void aTemplateReadByStaticNameMustExistWithThatMethod() throws IOException {
        ValidationReport report = service.validate(request(List.of(STATIC_ORDERS), TEMPLATES, SUBSTITUTIONS, false, null, false));
        List<String> lines = report.problems().stream().map(Problem::format).toList();
        assertEquals(1, lines.size(), lines::toString);
        assertTrue(lines.get(0).startsWith(locationOf(STATIC_ORDERS, "\"refund-order\"")
                + ": error XREF-TEMPLATE-MISSING state 'FetchRefund' reads template 'refund-order' with method POST"),
                lines.get(0));
        assertTrue(lines.get(0).contains("templates: create-order POST, search-products GET"), lines.get(0));
    }

    @Test
    void oneBrokenFileNeverStopsTheOthers(@TempDir Path dir) throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"name\": \"x\",");
        Path missing = dir.resolve("missing.json");
        Path explodingDefinition = Files.writeString(dir.resolve("explodes.asl.json"), "{}");
        Path explodingTemplate = Files.writeString(dir.resolve("explodes.json"), "{}");
        // validators that fail on one file each, as a validator bug would: the file gets a problem, the others are checked
        ValidationService failing = new ValidationService(
                (file, content, options) -> {
                    if (file.equals(explodingDefinition)) {
                        throw new StackOverflowError();
                    }
                    return dev.apitpl.core.validate.asl.AslValidator.analyze(file, content, options);
                },
                (file, content) -> {
                    if (file.equals(explodingTemplate)) {
                        throw new IllegalStateException("a validator bug");
                    }
                    return new dev.apitpl.core.validate.template.TemplateFileValidator().validate(file, content);
                });
        Path reports = dir.resolve("reports");
        ValidationReport report = failing.validate(request(List.of(missing, explodingDefinition, STATIC_ORDERS),
                List.of(broken, explodingTemplate, TEMPLATES.get(0)), SUBSTITUTIONS, false, reports, false));
        List<String> rules = report.problems().stream().map(p -> p.file().getFileName() + " " + p.ruleId()).toList();
        assertEquals(List.of("missing.json IO-UNREADABLE", "explodes.asl.json VALIDATOR-LIMIT",
                "static-orders.asl.json XREF-TEMPLATE-MISSING", "static-orders.asl.json XREF-TEMPLATE-MISSING",
                "broken.json TPL-JSON-SYNTAX", "explodes.json VALIDATOR-LIMIT"), rules);
        Problem limit = report.problems().get(1);
        assertTrue(limit.message().contains("explodes.asl.json") && limit.message().contains("StackOverflowError")
                && limit.message().contains("limitation of the validator"), limit::format);
        assertTrue(report.problems().get(5).message().contains("a validator bug"), report.problems()::toString);
        assertEquals("apitpl: 6 errors, 0 warnings in 5 files", report.summary());
        assertTrue(Files.readString(reports.resolve("validation.json")).contains("\"rule\" : \"VALIDATOR-LIMIT\""));
        assertTrue(Files.isRegularFile(reports.resolve("static-orders.mmd")));
    }

    @Test
    void inputsThatOnceStoppedEveryFileAreProblemsOfTheirOwnFile(@TempDir Path dir) throws IOException {
        Path blank = Files.writeString(dir.resolve("blank.asl.json"),
                "{\"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Wait\", \"Seconds\": ${Blank}, \"End\": true}}}");
        Path jsonata = Files.writeString(dir.resolve("jsonata.asl.json"), "{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"P\","
                + " \"States\": {\"P\": {\"Type\": \"Pass\", \"Output\": \"{% " + "(".repeat(3000) + "1" + ")".repeat(3000)
                + " %}\", \"End\": true}}}");
        Path intrinsic = Files.writeString(dir.resolve("intrinsic.asl.json"), "{\"StartAt\": \"P\", \"States\": {\"P\":"
                + " {\"Type\": \"Pass\", \"Parameters\": {\"a.$\": \"" + "States.Array(".repeat(5000) + ")".repeat(5000)
                + "\"}, \"End\": true}}}");
        Path jinja = Files.writeString(dir.resolve("jinja.json"), "{\"name\": \"x\", \"method\": \"GET\", \"url\":"
                + " \"https://a.example/{{ " + "[".repeat(800) + "1" + "]".repeat(800) + " }}\"}");
        Path reports = dir.resolve("reports");
        ValidationReport report = service.validate(request(List.of(blank, jsonata, intrinsic, WORKFLOW),
                List.of(jinja, TEMPLATES.get(0), TEMPLATES.get(1)), withValue(SUBSTITUTIONS, "Blank", " "), false, reports, false));
        List<String> rules = report.problems().stream().map(p -> p.file().getFileName() + " " + p.ruleId()).toList();
        assertEquals(List.of("blank.asl.json ASL-JSON-SYNTAX", "jsonata.asl.json VALIDATOR-LIMIT",
                "intrinsic.asl.json VALIDATOR-LIMIT", "jinja.json VALIDATOR-LIMIT"), rules);
        assertTrue(report.problems().stream().allMatch(p -> p.line() == 1 && p.column() > 1), report.problems()::toString);
        assertTrue(Files.isRegularFile(reports.resolve("validation.sarif")));
        assertTrue(Files.isRegularFile(reports.resolve("workflow.mmd")));
    }

    private static Map<String, String> withValue(Map<String, String> values, String name, String value) {
        Map<String, String> all = new java.util.HashMap<>(values);
        all.put(name, value);
        return all;
    }

    @Test
    void theProblemsOfAFileAreInLineOrderCrossChecksIncluded(@TempDir Path dir) throws IOException {
        Path definition = Files.writeString(dir.resolve("order.asl.json"), """
                {"StartAt": "Get", "States": {
                  "Get": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem", "Next": "Stop",
                          "Parameters": {"TableName": "t", "Key": {"PK": {"S": "no-such-template"}}}},
                  "Stop": {"Type": "Fail", "Error": "$.error"}}}
                """);
        ValidationReport report = service.validate(request(List.of(definition), TEMPLATES, SUBSTITUTIONS, false, null, false));
        assertEquals(List.of("3:64 XREF-TEMPLATE-MISSING", "4:37 ASL-NO-PATH"), report.problems().stream()
                .map(p -> p.line() + ":" + p.column() + " " + p.ruleId()).toList());
    }

    @Test
    void placeholdersNeedAValueUnlessTolerated() {
        ValidationReport missingValue = service.validate(request(List.of(WORKFLOW), List.of(),
                Map.of("TemplateTableName", "api-templates"), false, null, false));
        assertEquals(List.of("ASL-PLACEHOLDER-UNRESOLVED"), missingValue.problems().stream().map(Problem::ruleId).toList());
        assertTrue(missingValue.problems().get(0).message().contains("ApiCallFunctionArn"), missingValue.problems()::toString);
        ValidationReport tolerated = service.validate(request(List.of(WORKFLOW), List.of(), Map.of(), true, null, false));
        assertEquals(List.of(), tolerated.problems());
    }

    @Test
    void substitutionsComeFromAPropertiesFileOverriddenByExplicitValues(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("dev.properties"),
                "TemplateTableName=dev-templates\nApiCallFunctionArn=arn:aws:lambda:eu-west-1:123456789012:function:dev\n");
        Map<String, String> values = PlaceholderSubstitutions.merge(file, Map.of("TemplateTableName", "override"));
        assertEquals("override", values.get("TemplateTableName"));
        assertEquals("arn:aws:lambda:eu-west-1:123456789012:function:dev", values.get("ApiCallFunctionArn"));
        assertEquals(List.of(), service.validate(request(List.of(WORKFLOW), List.of(), values, false, null, false)).problems());
    }

    @Test
    void warningsFailOnlyWhenAsked(@TempDir Path dir) throws IOException {
        Path unused = Files.writeString(dir.resolve("t.json"), "{\"name\": \"t\", \"method\": \"GET\","
                + " \"url\": \"https://api.example.com\", \"parameters\": {\"properties\": {\"spare\": {}}}}");
        ValidationReport lenient = service.validate(request(List.of(), List.of(unused), Map.of(), false, null, false));
        assertEquals("apitpl: 0 errors, 1 warning in 1 file", lenient.summary());
        assertFalse(lenient.failed());
        assertTrue(service.validate(request(List.of(), List.of(unused), Map.of(), false, null, true)).failed());
    }

    @Test
    void reportsAreWrittenToTheReportDirectory(@TempDir Path dir) throws IOException {
        Path reports = dir.resolve("apitpl");
        ValidationReport report = service.validate(request(List.of(WORKFLOW, STATIC_ORDERS), TEMPLATES, SUBSTITUTIONS,
                false, reports, false));
        assertEquals(List.of(reports.resolve("validation.json"), reports.resolve("validation.sarif"),
                reports.resolve("workflow.mmd"), reports.resolve("static-orders.mmd")), report.reportFiles());
        for (Path written : report.reportFiles()) {
            assertTrue(Files.size(written) > 0, written + " is empty");
        }
        assertTrue(Files.readString(reports.resolve("validation.json")).contains("\"rule\" : \"XREF-TEMPLATE-MISSING\""));
    }

    @Test
    void definitionsWithTheSameNameInDifferentFoldersGetDiagramsOfTheirOwn(@TempDir Path dir) throws IOException {
        Path a = Files.createDirectories(dir.resolve("a")).resolve("flow.asl.json");
        Path b = Files.createDirectories(dir.resolve("b")).resolve("flow.asl.json");
        Files.writeString(a, "{\"StartAt\": \"FromA\", \"States\": {\"FromA\": {\"Type\": \"Succeed\"}}}");
        Files.writeString(b, "{\"StartAt\": \"FromB\", \"States\": {\"FromB\": {\"Type\": \"Succeed\"}}}");
        Path reports = dir.resolve("reports");
        ValidationReport report = service.validate(request(List.of(a, b, WORKFLOW), List.of(), SUBSTITUTIONS, false, reports, false));
        assertEquals(List.of(reports.resolve("validation.json"), reports.resolve("validation.sarif"),
                reports.resolve("a-flow.mmd"), reports.resolve("b-flow.mmd"), reports.resolve("workflow.mmd")), report.reportFiles());
        assertTrue(Files.readString(reports.resolve("a-flow.mmd")).contains("FromA"));
        assertTrue(Files.readString(reports.resolve("b-flow.mmd")).contains("FromB"));
    }

    @Test
    void aTemplateIsToldFromADefinitionByItsTopLevelKeys(@TempDir Path dir) throws IOException {
        Path template = Files.writeString(dir.resolve("ship.json"), "{\"name\": \"ship\", \"method\": \"POST\","
                + " \"url\": \"https://a.example\", \"body\": {\"note\": \"United States: ground\", \"States\": 1}}");
        Path definition = Files.writeString(dir.resolve("machine.json"), "{\"Comment\": \"x\", \"StartAt\": \"A\","
                + " \"States\": {\"A\": {\"Type\": \"Succeed\"}}}");
        Path malformed = Files.writeString(dir.resolve("broken.json"), "{\"StartAt\": \"A\", \"States\": {");
        ValidationFiles.Classified classified = ValidationFiles.classify(List.of(dir));
        assertEquals(List.of(malformed, definition), classified.definitions());
        assertEquals(List.of(template), classified.templates());
    }

    @Test
    void filesOnACommandLineAreToldApartByContent(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("nested"));
        Path definition = Files.writeString(dir.resolve("nested/machine.json"), "{\"StartAt\": \"A\", \"States\": {}}");
        Path yaml = Files.writeString(dir.resolve("flow.yaml"), "StartAt: A\n");
        Path template = Files.writeString(dir.resolve("call.json"), "{\"name\": \"x\"}");
        Files.writeString(dir.resolve("notes.txt"), "not validated");
        ValidationFiles.Classified classified = ValidationFiles.classify(List.of(dir));
        assertEquals(List.of(yaml, definition), classified.definitions());
        assertEquals(List.of(template), classified.templates());
        assertEquals(List.of(definition), ValidationFiles.find(dir, List.of("**/*.json"), List.of("call.json")));
    }
}
