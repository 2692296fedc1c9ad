package dev.apitpl.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitpl.core.validate.asl.StateMachineType;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goal run as Maven runs it, with its parameters set as Maven would set them from the pom or -D properties. */
class ValidateMojoTest {

    private static final String VALID_TEMPLATE = """
            {"name": "get-order", "method": "GET", "url": "https://api.example.com/orders/{{ orderId }}",
             "parameters": {"type": "object", "properties": {"orderId": {"type": "string"}}}}
            """;
    private static final String DEFINITION = """
            {
              "StartAt": "GetTemplate",
              "States": {
                "GetTemplate": {
                  "Type": "Task",
                  "Resource": "arn:aws:states:::dynamodb:getItem",
                  "Parameters": {"TableName": "${TemplateTableName}", "Key": {"PK": {"S": "get-order"}, "SK": {"S": "GET"}}},
                  "End": true
                }
              }
            }
            """;

    @TempDir
    Path project;

    private final RecordingLog log = new RecordingLog();
    private ValidateMojo mojo;

    /** Keeps what the goal logs, by level. */
    static final class RecordingLog extends SystemStreamLog {
        final List<String> lines = new ArrayList<>();

        @Override
        public void info(CharSequence content) {
            lines.add("[INFO] " + content);
        }

        @Override
        public void warn(CharSequence content) {
            lines.add("[WARNING] " + content);
        }

        @Override
        public void error(CharSequence content) {
            lines.add("[ERROR] " + content);
        }
    }

    @BeforeEach
    void defaults() throws IOException {
        mojo = new ValidateMojo();
        mojo.setLog(log);
        mojo.statemachineDirectory = project.resolve("src/main/statemachine").toFile();
        mojo.templates = project.resolve("src/main/templates").toFile();
        mojo.reportDirectory = project.resolve("target/apitpl").toFile();
        mojo.stateMachineType = StateMachineType.STANDARD;
        write("src/main/statemachine/flow.asl.json", DEFINITION);
        write("src/main/templates/get-order.json", VALID_TEMPLATE);
    }

    private Path write(String relative, String content) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    @Test
    void aValidProjectPassesAndWritesTheReports() throws Exception {
        mojo.substitutions = Map.of("TemplateTableName", "api-templates");
        mojo.execute();
        assertEquals(List.of("[INFO] apitpl: 2 files valid; reports in " + mojo.reportDirectory), log.lines);
        for (String report : List.of("validation.json", "validation.sarif", "flow.mmd")) {
            assertTrue(Files.isRegularFile(project.resolve("target/apitpl").resolve(report)), report);
        }
    }

    @Test
    void problemsAreLoggedLocatedThenTheGoalFailsOnceWithTheSummaryAndNextStep() throws Exception {
        mojo.placeholderTolerant = true;
        write("src/main/templates/get-order.json", VALID_TEMPLATE.replace("\"GET\"", "\"get\""));
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        Path template = project.resolve("src/main/templates/get-order.json");
        Path definition = project.resolve("src/main/statemachine/flow.asl.json");
        assertEquals(List.of(
                "[ERROR] " + definition + ":7:79: error XREF-TEMPLATE-MISSING state 'GetTemplate' reads template"
                        + " 'get-order' with method GET, which no template file defines (add a template file with"
                        + " \"name\": \"get-order\" and \"method\": \"GET\", or fix the name (templates: none))",
                "[ERROR] " + template + ":1:33: error TPL-METHOD 'get' is not an HTTP method (write it in upper case: \"GET\")"),
                log.lines);
        assertTrue(failure.getMessage().startsWith("apitpl: 2 errors, 0 warnings in 2 files. Fix the problems listed above,"
                + " then run mvn apitpl:validate again"), failure.getMessage());
    }

    @Test
    void bothSkipFlagsSkip() throws Exception {
        write("src/main/templates/broken.json", "{");
        mojo.skipValidate = true;
        mojo.execute();
        mojo.skipValidate = false;
        mojo.skip = true;
        mojo.execute();
        assertEquals(List.of("[INFO] apitpl:validate skipped", "[INFO] apitpl:validate skipped"), log.lines);
    }

    @Test
    void placeholdersTakeValuesFromTheFileAndThePomTheLatterWinning() throws Exception {
        mojo.substitutionsFile = write("env/dev.properties", "TemplateTableName=dev-templates\n").toFile();
        mojo.execute();
        assertEquals(1, log.lines.size(), log.lines::toString);

        mojo.substitutionsFile = project.resolve("env/missing.properties").toFile();
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(failure.getMessage().startsWith("<substitutionsFile> " + mojo.substitutionsFile + " cannot be read"));
        assertTrue(failure.getMessage().contains("-Dapitpl.substitutionsFile"));
    }

    @Test
    void anUnresolvedPlaceholderFailsUnlessTolerated() throws Exception {
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(log.lines.get(0).contains("ASL-PLACEHOLDER-UNRESOLVED"), log.lines::toString);
        assertTrue(failure.getMessage().startsWith("apitpl: 1 error"), failure.getMessage());
        log.lines.clear();
        mojo.placeholderTolerant = true;
        mojo.execute();
        assertEquals(1, log.lines.size(), log.lines::toString);
    }

    @Test
    void namedFilesAreValidatedWithoutTheProjectDirectories() throws Exception {
        Path elsewhere = write("elsewhere/orders.json", VALID_TEMPLATE.replace("orders/{{ orderId }}", "orders"));
        mojo.statemachineDirectory = new File("does-not-exist");
        mojo.templates = new File("does-not-exist");
        mojo.files = List.of(elsewhere.toFile());
        mojo.execute();
        assertEquals(List.of("[WARNING] " + elsewhere + ":2:61: warning TPL-PARAM-UNUSED parameter 'orderId' is declared"
                        + " but no field uses it (use it as {{ orderId }} or remove its declaration)",
                "[INFO] apitpl: 0 errors, 1 warning in 1 file; reports in " + mojo.reportDirectory), log.lines);
    }

    @Test
    void warningsFailTheBuildWithFailOnWarning() throws Exception {
        mojo.placeholderTolerant = true;
        mojo.failOnWarning = true;
        write("src/main/templates/get-order.json", VALID_TEMPLATE.replace("orders/{{ orderId }}", "orders"));
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(failure.getMessage().contains("warnings fail because of <failOnWarning>/-Dapitpl.failOnWarning"),
                failure.getMessage());
    }

    @Test
    void nothingToValidateIsAWarningNotAFailure() throws Exception {
        mojo.statemachineDirectory = project.resolve("none").toFile();
        mojo.templates = project.resolve("none").toFile();
        mojo.execute();
        assertTrue(log.lines.get(0).startsWith("[WARNING] apitpl: nothing to validate"), log.lines::toString);
    }
}
