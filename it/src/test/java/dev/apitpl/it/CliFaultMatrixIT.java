package dev.apitpl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input matrix of the command-line jar: each broken input gets a clear error that names the file and line
 * (or the option) and the fix, exits with the documented status, and changes none of the user's files.
 */
class CliFaultMatrixIT {

    @TempDir
    Path dir;

    private SampleProject project;
    private Map<String, String> before;

    @BeforeEach
    void copyTheSampleProject() throws Exception {
        project = SampleProject.copyInto(dir);
    }

    private CliRun.Result validate(String... targets) throws Exception {
        before = project.contentDigests();
        String[] args = new String[targets.length + 3];
        args[0] = "validate";
        args[1] = "--substitutions";
        args[2] = SampleProject.SUBSTITUTIONS;
        System.arraycopy(targets, 0, args, 3, targets.length);
        return CliRun.run(dir, Map.of(), args);
    }

    private void assertNothingChanged() throws Exception {
        assertEquals(before, project.contentDigests(), "a failed command must leave the user's files as they were");
    }

    private static void assertMatches(String regex, CliRun.Result result) {
        assertTrue(Pattern.compile(regex, Pattern.MULTILINE).matcher(result.out() + result.err()).find(),
                "expected /" + regex + "/ in\n" + result.both());
    }

    @Test
    void malformedJsonInTheDefinitionIsLocatedWithItsFix() throws Exception {
        project.write(SampleProject.DEFINITION, project.read(SampleProject.DEFINITION)
                .replace("\"StartAt\": \"GetTemplate\",", "\"StartAt\": \"GetTemplate\""));

        CliRun.Result result = validate(SampleProject.DEFINITION);

        assertEquals(1, result.exit(), result.both());
        assertMatches("^statemachine/workflow\\.asl\\.json:4:3: error ASL-JSON-SYNTAX .*\\(fix the JSON syntax", result);
        assertMatches("^apitpl: 1 error, 0 warnings in 1 file$", result);
        assertNothingChanged();
    }

    @Test
    void malformedYamlInTheDefinitionIsLocatedWithItsFix() throws Exception {
        project.write("statemachine/other.asl.yaml", "StartAt: A\nStates:\n  A:\n    Type: Pass\n   End: true\n");

        CliRun.Result result = validate("statemachine/other.asl.yaml");

        assertEquals(1, result.exit(), result.both());
        assertMatches("^statemachine/other\\.asl\\.yaml:5:4: error ASL-JSON-SYNTAX malformed YAML", result);
        assertMatches("\\(fix the YAML syntax at this position\\)", result);
        assertNothingChanged();
    }

    @Test
    void malformedJsonInATemplateIsLocatedInTheTemplateFile() throws Exception {
        project.write(SampleProject.TEMPLATE, "{\"name\": \"greeting\", \"method\": \"GET\",\n \"url\": \"http://x/\"\n");

        CliRun.Result result = validate("templates");

        assertEquals(1, result.exit(), result.both());
        assertMatches("^templates/greeting\\.json:3:1: error TPL-JSON-SYNTAX .*\\(a template file is one JSON object\\)", result);
        assertNothingChanged();
    }

    @Test
    void aJinjaSyntaxErrorIsLocatedInsideTheTemplateString() throws Exception {
        project.write(SampleProject.TEMPLATE, project.read(SampleProject.TEMPLATE)
                .replace("{{ apiBaseUrl }}/greeting", "{{ apiBaseUrl }/greeting"));

        CliRun.Result result = validate("templates");

        assertEquals(1, result.exit(), result.both());
        assertMatches("^templates/greeting\\.json:\\d+:\\d+: error TPL-JINJA-SYNTAX .*\\(close it with }}", result);
        assertNothingChanged();
    }

    @Test
    void anUnresolvedPlaceholderNamesTheSubstitutionToAdd() throws Exception {
        project.write(SampleProject.SUBSTITUTIONS, "TemplateTableName=it-templates\n");

        CliRun.Result result = validate(SampleProject.DEFINITION);

        assertEquals(1, result.exit(), result.both());
        assertMatches("^statemachine/workflow\\.asl\\.json:19:26: error ASL-PLACEHOLDER-UNRESOLVED placeholder "
                + "\\$\\{ApiCallFunctionArn} has no substitution \\(add 'ApiCallFunctionArn' to the substitutions", result);
        assertNothingChanged();
    }

    @Test
    void aMalformedSubstitutionsFileIsAUsageErrorNamingTheOptionAndLine() throws Exception {
        project.write("substitutions.json", "{\"TemplateTableName\":\n");

        before = project.contentDigests();
        CliRun.Result result = CliRun.run(dir, Map.of(), "validate", "--substitutions", "substitutions.json",
                SampleProject.DEFINITION);

        assertEquals(2, result.exit(), result.both());
        assertMatches("cannot read --substitutions substitutions\\.json: .*", result);
        assertMatches("line: 2, column: 1", result);
        assertNothingChanged();
    }

    private CliRun.Result run(String input, Map<String, String> environment) throws Exception {
        before = project.contentDigests();
        return CliRun.run(dir, environment, "run", "--definition", SampleProject.DEFINITION, "--templates", "templates",
                "--substitutions", SampleProject.SUBSTITUTIONS, "--input", input);
    }

    @Test
    @Tag("slow")
    void malformedJsonInTheInputFileIsAUsageErrorWithItsLine() throws Exception {
        project.write("input.json", "{\"templateName\": \"greeting\",\n \"method\": GET}\n");

        CliRun.Result result = run("@input.json", Map.of());

        assertEquals(2, result.exit(), result.both());
        assertMatches("input\\.json", result);
        assertMatches("line 2", result);
        assertNothingChanged();
    }

    @Test
    @Tag("slow")
    void aMissingParameterFailsTheExecutionWithItsNamedErrorAndSendsNothing() throws Exception {
        try (LoopbackApi api = new LoopbackApi(200, "{}".getBytes(StandardCharsets.UTF_8))) {
            CliRun.Result result = run("{\"templateName\": \"greeting\", \"method\": \"GET\", \"params\": {\"apiBaseUrl\": \""
                    + api.baseUrl() + "\"}}", Map.of("APITPL_ALLOWED_DESTINATIONS", "127.0.0.1"));

            assertEquals(1, result.exit(), result.both());
            assertMatches("^FAILED in \\d+ ms: dev\\.apitpl\\.runtime\\.error\\.MissingParameterException: .*"
                    + "template 'greeting' needs parameter 'name'", result);
            assertEquals(List.of(), api.received(), "nothing may be sent when rendering failed");
        }
        assertNothingChanged();
    }

    @Test
    @Tag("slow")
    void aBlockedDestinationIsRefusedBeforeAnythingIsSent() throws Exception {
        try (LoopbackApi api = new LoopbackApi(200, "{}".getBytes(StandardCharsets.UTF_8))) {
            CliRun.Result result = run("{\"templateName\": \"greeting\", \"method\": \"GET\", \"params\": {\"apiBaseUrl\": \""
                    + api.baseUrl() + "\", \"name\": \"Ada\"}}", Map.of());

            assertEquals(1, result.exit(), result.both());
            assertMatches("DestinationBlockedException: .*Blocked destination: '127\\.0\\.0\\.1' .*add the host or a CIDR "
                    + "to the template's allowedDestinations or to APITPL_ALLOWED_DESTINATIONS", result);
            assertEquals(List.of(), api.received(), "the guard decides before connecting");
        }
        assertNothingChanged();
    }

    @Test
    @Tag("slow")
    void aHugeApiResponseFailsWithItsNamedErrorInsteadOfBeingTruncated() throws Exception {
        byte[] huge = ("{\"blob\": \"" + "x".repeat(3 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        try (LoopbackApi api = new LoopbackApi(200, huge)) {
            CliRun.Result result = run("{\"templateName\": \"greeting\", \"method\": \"GET\", \"params\": {\"apiBaseUrl\": \""
                    + api.baseUrl() + "\", \"name\": \"Ada\"}}", Map.of("APITPL_ALLOWED_DESTINATIONS", "127.0.0.1"));

            assertEquals(1, result.exit(), result.both());
            assertMatches("ResponseTooLargeException: .*exceeds the 1048576-byte read cap .*raise APITPL_MAX_RESPONSE_BYTES",
                    result);
            assertFalse(result.out().contains("xxxxxxxxxx"), "no part of the oversized body is shown");
        }
        assertNothingChanged();
    }

    @Test
    @Tag("slow")
    void anInterruptDuringRunEndsTheProcessPromptlyWithNothingLeftRunning() throws Exception {
        try (LoopbackApi api = new LoopbackApi(200, "{}".getBytes(StandardCharsets.UTF_8), 120_000)) {
            before = project.contentDigests();
            Process run = CliRun.start(dir, Map.of("APITPL_ALLOWED_DESTINATIONS", "127.0.0.1"), "run",
                    "--definition", SampleProject.DEFINITION, "--templates", "templates",
                    "--substitutions", SampleProject.SUBSTITUTIONS, "--input",
                    "{\"templateName\": \"greeting\", \"method\": \"GET\", \"params\": {\"apiBaseUrl\": \""
                            + api.baseUrl() + "\", \"name\": \"Ada\"}}");
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
            while (api.received().isEmpty() && run.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(1, api.received().size(), "the run should be waiting on the API when interrupted");
            List<ProcessHandle> children = run.descendants().toList();

            new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor();

            assertTrue(run.waitFor(20, java.util.concurrent.TimeUnit.SECONDS), "SIGINT must end the run promptly");
            assertTrue(children.stream().noneMatch(ProcessHandle::isAlive), "no process of the run may outlive it");
        }
        assertNothingChanged();
    }
}
