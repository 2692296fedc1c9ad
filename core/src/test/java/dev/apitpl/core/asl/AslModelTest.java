package dev.apitpl.core.asl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model's public read API, as policies, synthesis and the local environment use it. */
class AslModelTest {

    @TempDir
    Path dir;

    private static final String NESTED = """
            {"StartAt": "Get",
             "States": {
              "Get": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem",
                      "Parameters": {"TableName": "${Table}", "Key": {"PK": {"S.$": "$.id"}}}, "Next": "Fan"},
              "Fan": {"Type": "Parallel", "Next": "Each", "Branches": [
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "${FunctionArn}", "End": true}}}]},
              "Each": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "Put", "States": {
                "Put": {"Type": "Task", "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::dynamodb:putItem",
                        "Arguments": ${Item}, "End": true}}}}}}""";

    @Test
    void taskStatesAreFoundThroughBranchesAndItemProcessorsWithSubstitutedArguments() throws Exception {
        Path file = Files.writeString(dir.resolve("nested.asl.json"), NESTED);

        AslModel model = AslModel.read(file, Map.of("Table", "Orders", "FunctionArn",
                "arn:aws:lambda:eu-west-1:123456789012:function:f", "Item", "{\"TableName\": \"Items\", \"n\": 1.10}"));

        List<TaskState> tasks = model.taskStates();
        assertEquals(List.of("Get", "Call", "Put"), tasks.stream().map(TaskState::name).toList());
        assertEquals("arn:aws:states:::dynamodb:getItem", tasks.get(0).resource());
        assertEquals("Orders", tasks.get(0).arguments().get("TableName").asText());
        assertEquals(new Location(3, 3), tasks.get(0).location());
        assertEquals("arn:aws:lambda:eu-west-1:123456789012:function:f", tasks.get(1).resource());
        assertNull(tasks.get(1).arguments());
        assertEquals("/States/Fan/Branches/0/States/Call", tasks.get(1).pointer());
        assertEquals("{\"TableName\":\"Items\",\"n\":1.10}", tasks.get(2).arguments().toString());
        assertEquals(QueryLanguage.JSONATA, tasks.get(2).queryLanguage());
        assertEquals("/States/Each/ItemProcessor/States/Put", tasks.get(2).pointer());
        assertTrue(model.readProblems().isEmpty(), model.readProblems().toString());
    }

    @Test
    void placeholdersAreListedWithLocationsAndWhetherTheyHaveAValue() throws Exception {
        Path file = Files.writeString(dir.resolve("nested.asl.json"), NESTED);

        AslModel model = AslModel.read(file, Map.of("Table", "Orders"));

        assertEquals(List.of(new Placeholder("Table", new Location(4, 40), true, false),
                new Placeholder("FunctionArn", new Location(6, 74), false, false),
                new Placeholder("Item", new Location(9, 26), false, true)), model.placeholders());
        assertEquals("${FunctionArn}", model.taskStates().get(1).resource());
    }

    @Test
    void yamlIsReadIntoTheSameModelAsJson() throws Exception {
        Path file = Files.writeString(dir.resolve("flow.asl.yaml"), """
                StartAt: Get
                States:
                  Get:
                    Type: Task
                    Resource: arn:aws:states:::dynamodb:getItem
                    Parameters:
                      TableName: ${Table}
                      Limit: 1.50
                    End: true
                """);

        AslModel model = AslModel.read(file, Map.of("Table", "Orders"));

        assertEquals("{\"TableName\":\"Orders\",\"Limit\":1.50}", model.taskStates().get(0).arguments().toString());
        assertEquals(new Location(3, 3), model.taskStates().get(0).location());
        assertEquals(StateType.TASK, model.states().get(0).stateType());
    }

    @Test
    void numbersKeepTheirJsonTypesAndExactDecimals() {
        AslModel model = AslModel.parse("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"i": 5, "l": 12345678901,
                 "d": 1.10, "e": 1e3}, "End": true}}}""");

        var result = model.toJson().at("/States/P/Result");
        assertTrue(result.get("i").isInt());
        assertTrue(result.get("l").isLong());
        assertEquals("1.10", result.get("d").toString());
        assertEquals("1E+3", result.get("e").toString());
    }

    @Test
    void whatCannotBeReadIsAProblemAndTheRestIsStillThere() {
        AslModel broken = AslModel.parse("{\"StartAt\": ");
        assertEquals(ReadProblem.Kind.SYNTAX, broken.readProblems().get(0).kind());
        assertNull(broken.root());
        assertFalse(broken.document().isPresent());

        AslModel duplicate = AslModel.parse("""
                {"StartAt": "A", "StartAt": "A", "States": {"A": {"Type": "Succeed"}}}""");
        assertEquals(ReadProblem.Kind.DUPLICATE_KEY, duplicate.readProblems().get(0).kind());
        assertEquals(1, duplicate.states().size());
    }

    @Test
    void aBareSubstitutionThatIsNotJsonIsASyntaxProblemAtThePlaceholder() {
        AslModel model = AslModel.read(Path.of("x.asl.json"), """
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": ${P}, "End": true}}}""",
                Map.of("P", "not json"), PlaceholderMode.SUBSTITUTE);

        assertEquals(List.of(ReadProblem.Kind.SYNTAX), model.readProblems().stream().map(ReadProblem::kind).toList());
        assertEquals(new Location(1, 65), model.readProblems().get(0).location());
    }

    @Test
    void retriersCarryAwsDefaultsAndCatchersTheirFields() {
        AslModel model = AslModel.parse("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                 "Retry": [{"ErrorEquals": ["States.Timeout"]},
                           {"ErrorEquals": ["States.ALL"], "IntervalSeconds": 3, "MaxAttempts": 0, "BackoffRate": 1.5,
                            "MaxDelaySeconds": 10, "JitterStrategy": "FULL"}],
                 "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "Done", "ResultPath": "$.error"}],
                 "End": true}, "Done": {"Type": "Succeed"}}}""");

        AslState task = model.states().get(0);
        Retrier defaults = task.retriers().get(0);
        assertEquals(List.of("States.Timeout"), defaults.errorEquals());
        assertEquals(0, defaults.intervalSeconds().compareTo(java.math.BigDecimal.ONE));
        assertEquals(3, defaults.maxAttempts());
        assertEquals(0, defaults.backoffRate().compareTo(java.math.BigDecimal.valueOf(2)));
        assertNull(defaults.maxDelaySeconds());
        assertFalse(defaults.fullJitter());
        Retrier given = task.retriers().get(1);
        assertEquals(0, given.maxAttempts());
        assertEquals("1.5", given.backoffRate().toPlainString());
        assertTrue(given.fullJitter());
        assertTrue(given.handles("Custom.Error", StateType.TASK));
        assertFalse(given.handles("States.Runtime", StateType.TASK));
        Catcher catcher = task.catchers().get(0);
        assertEquals("Done", catcher.next());
        assertEquals("$.error", catcher.resultPath().asText());
        assertTrue(catcher.handles("Lambda.Unknown", StateType.TASK));
        assertFalse(catcher.handles("States.Timeout", StateType.TASK));
    }
}
