package dev.apitpl.plugin;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** apitpl:run and apitpl:test as a project sees them: parameters in, build success or one clear failure out. */
class LocalExecutionMojosTest {

    @TempDir
    Path project;

    @BeforeEach
    void writeProject() throws Exception {
        Path statemachines = Files.createDirectories(project.resolve("src/main/statemachine"));
        Files.writeString(statemachines.resolve("greet.asl.json"), """
                {"StartAt": "Check", "States": {
                  "Check": {"Type": "Choice", "Choices": [{"Variable": "$.name", "StringEquals": "", "Next": "NoName"}],
                            "Default": "Greet"},
                  "Greet": {"Type": "Pass", "Parameters": {"greeting.$": "States.Format('hello {}', $.name)"}, "End": true},
                  "NoName": {"Type": "Fail", "Error": "NameMissing", "Cause": "Give a name."}}}""");
        Files.createDirectories(project.resolve("src/test/statemachine"));
    }

    private final ValidateMojoTest.RecordingLog log = new ValidateMojoTest.RecordingLog();

    private <T extends LocalExecutionMojo> T configure(T mojo) {
        mojo.setLog(log);
        mojo.statemachineDirectory = project.resolve("src/main/statemachine").toFile();
        mojo.templates = project.resolve("src/main/templates").toFile();
        mojo.classpathElements = List.of();
        mojo.basedir = project.toFile();
        return mojo;
    }

    @Test
    void runSucceedsForASucceededExecution() throws Exception {
        RunMojo run = configure(new RunMojo());
        run.input = "{\"name\": \"Ada\"}";

        run.execute();

        assertTrue(log.lines.stream().anyMatch(line -> line.startsWith("[INFO] SUCCEEDED in ")), log.lines.toString());
        assertTrue(log.lines.stream().anyMatch(line -> line.startsWith("[INFO] Output:") && line.contains("hello Ada")),
                log.lines.toString());
    }

    @Test
    void runFailsWithTheExecutionsErrorAndCause() {
        RunMojo run = configure(new RunMojo());
        run.input = "{\"name\": \"\"}";

        MojoFailureException failure = assertThrows(MojoFailureException.class, run::execute);

        assertTrue(failure.getMessage().contains("FAILED"), failure.getMessage());
        assertTrue(failure.getMessage().contains("NameMissing: Give a name."), failure.getMessage());
    }

    @Test
    void runNamesTheFixWhenInputIsNotJson() {
        RunMojo run = configure(new RunMojo());
        run.input = "{name";

        MojoFailureException failure = assertThrows(MojoFailureException.class, run::execute);

        assertTrue(failure.getMessage().startsWith("The input is not JSON"), failure.getMessage());
    }

    @Test
    void runReadsAnInputFileRelativeToTheProject() throws Exception {
        Files.writeString(Files.createDirectories(project.resolve("inputs")).resolve("empty-name.json"), "{\"name\": \"\"}");
        RunMojo run = configure(new RunMojo());
        run.input = "@inputs/empty-name.json";

        MojoFailureException failure = assertThrows(MojoFailureException.class, run::execute);

        assertTrue(failure.getMessage().contains("NameMissing"), failure.getMessage());
    }

    @Test
    void runTakesPlaceholderValuesFromTheSubstitutionsFile() throws Exception {
        Files.writeString(project.resolve("src/main/statemachine/greet.asl.json"), """
                {"StartAt": "Greet", "States": {"Greet": {"Type": "Fail", "Error": "${ErrorName}", "Cause": "placeholder"}}}""");
        Files.writeString(project.resolve("dev.properties"), "ErrorName=FromTheFile\n");
        RunMojo run = configure(new RunMojo());
        run.substitutionsFile = project.resolve("dev.properties").toFile();

        MojoFailureException failure = assertThrows(MojoFailureException.class, run::execute);

        assertTrue(failure.getMessage().contains("FromTheFile: placeholder"), failure.getMessage());
    }

    @Test
    void runNamesBothParametersWhenThereIsNoDefinition() throws Exception {
        Files.delete(project.resolve("src/main/statemachine/greet.asl.json"));
        RunMojo run = configure(new RunMojo());

        MojoFailureException failure = assertThrows(MojoFailureException.class, run::execute);

        assertTrue(failure.getMessage().contains("-Dapitpl.statemachineDirectory=DIR"), failure.getMessage());
        assertTrue(failure.getMessage().contains("-Dapitpl.definition=FILE"), failure.getMessage());
    }

    @Test
    void runFindsADefinitionInASubdirectory() throws Exception {
        Path nested = Files.createDirectories(project.resolve("src/main/statemachine/flows"));
        Files.move(project.resolve("src/main/statemachine/greet.asl.json"), nested.resolve("greet.asl.json"));
        RunMojo run = configure(new RunMojo());
        run.input = "{\"name\": \"Ada\"}";

        run.execute();

        assertTrue(log.lines.contains("[INFO] Running " + nested.resolve("greet.asl.json")), log.lines.toString());
        assertTrue(log.lines.stream().anyMatch(line -> line.contains("hello Ada")), log.lines.toString());
    }

    @Test
    void runRunsAYamlDefinition() throws Exception {
        Files.delete(project.resolve("src/main/statemachine/greet.asl.json"));
        Files.writeString(project.resolve("src/main/statemachine/greet.asl.yaml"), """
                StartAt: Greet
                States:
                  Greet:
                    Type: Pass
                    Parameters:
                      greeting.$: States.Format('hello {}', $.name)
                    End: true
                """);
        RunMojo run = configure(new RunMojo());
        run.input = "{\"name\": \"Ada\"}";

        run.execute();

        assertTrue(log.lines.stream().anyMatch(line -> line.startsWith("[INFO] Output:") && line.contains("hello Ada")),
                log.lines.toString());
    }

    @Test
    void runLogsTheProblemsAsValidateDoesAndRunsNothingWhenTheDefinitionHasAnError() throws Exception {
        Path definition = project.resolve("src/main/statemachine/greet.asl.json");
        Files.writeString(definition, """
                {"StartAt": "Greet", "States": {"Greet": {"Type": "Pass", "Next": "Gone"}}}""");
        RunMojo run = configure(new RunMojo());

        MojoFailureException failure = assertThrows(MojoFailureException.class, run::execute);

        assertTrue(log.lines.contains("[ERROR] " + definition + ":1:67: error ASL-TRANSITION-TARGET Next of 'Greet' names"
                + " 'Gone', which is not a state of the state machine (name one of: Greet)"), log.lines.toString());
        assertTrue(failure.getMessage().startsWith("apitpl: 1 error, 0 warnings in " + definition), failure.getMessage());
        assertTrue(log.lines.stream().noneMatch(line -> line.startsWith("[INFO] Running")), log.lines.toString());
    }

    @Test
    void runSkipsWhenAskedTo() throws Exception {
        RunMojo run = configure(new RunMojo());
        run.input = "{\"name\": \"\"}";
        run.skipRun = true;

        run.execute();

        assertTrue(log.lines.equals(List.of("[INFO] apitpl:run skipped")), log.lines.toString());
    }

    private WorkflowTestMojo testMojoWithOneFailingCase() throws Exception {
        Path tests = Files.writeString(project.resolve("src/test/statemachine/workflow-tests.json"), """
                {"StateMachines": {"greet": {"TestCases": {"Greets": {}, "WrongGreeting": {}}}},
                 "Expectations": {"greet": {
                   "Greets": {"Input": {"name": "Ada"}, "Output": {"greeting": "hello Ada"}},
                   "WrongGreeting": {"Input": {"name": "Ada"}, "Output": {"greeting": "bye Ada"}}}}}""");
        WorkflowTestMojo test = configure(new WorkflowTestMojo());
        test.testsFile = tests.toFile();
        return test;
    }

    @Test
    void testFailsOnceWithASummary() throws Exception {
        WorkflowTestMojo test = testMojoWithOneFailingCase();

        MojoFailureException failure = assertThrows(MojoFailureException.class, test::execute);

        assertTrue(failure.getMessage().startsWith("Workflow tests: 1 passed, 1 failed"), failure.getMessage());
    }

    @Test
    void testHonoursSkipTests() throws Exception {
        WorkflowTestMojo test = testMojoWithOneFailingCase();
        test.skipTests = true;

        test.execute();

        assertTrue(log.lines.equals(List.of("[INFO] apitpl:test skipped")), log.lines.toString());
    }

    @Test
    void testHonoursMavenTestSkip() throws Exception {
        WorkflowTestMojo test = testMojoWithOneFailingCase();
        test.skipTestCompilation = true;

        test.execute();

        assertTrue(log.lines.equals(List.of("[INFO] apitpl:test skipped")), log.lines.toString());
    }
}
