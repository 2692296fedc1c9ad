package dev.apitpl.core.validate.asl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitpl.core.validate.Problem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * AWS's rules for workflow variables and the reserved $states: variable names (a Unicode identifier of at most 80
 * characters), and where a JSONata state may read $states.result and $states.errorOutput.
 */
class AslVariableRulesTest {

    private static final String TASK = "\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\"";

    private static List<Problem> validate(String definition) {
        return AslValidator.validate(Path.of("variables.asl.json"), definition, AslValidationOptions.defaults());
    }

    private static List<String> rules(String definition) {
        return validate(definition).stream().map(Problem::ruleId).toList();
    }

    private static String assigning(String name) {
        return "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Assign\": {\"" + name
                + "\": 1}, \"End\": true}}}";
    }

    private static String jsonata(String state) {
        return "{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"A\", \"States\": {\"A\": {" + state
                + "}, \"B\": {\"Type\": \"Succeed\"}}}";
    }

    @Test
    void variableNamesAreUnicodeIdentifiersOfAtMost80Characters() {
        for (String valid : List.of("orderTotal", "a1", "x_y", "café", "Δelta", "日本語", "n".repeat(80))) {
            assertEquals(List.of(), rules(assigning(valid)), valid);
        }
        for (String invalid : List.of("1st", "x.y", "x[2]", "with-hyphen", "has space", "n".repeat(81), "states")) {
            List<Problem> problems = validate(assigning(invalid));
            assertEquals(List.of("ASL-VARIABLE-NAME"), problems.stream().map(Problem::ruleId).toList(), invalid);
            assertEquals(1, problems.get(0).line());
            assertTrue(problems.get(0).message().contains("'" + invalid + "'"), problems.get(0).message());
        }
    }

    @Test
    void aJsonPathAssignKeyIsNamedWithoutItsDollarSuffix() {
        assertEquals(List.of(), rules(assigning("total.$").replace("1}", "\"$.total\"}")));
        assertEquals(List.of("ASL-VARIABLE-NAME"), rules(assigning("a.b.$").replace("1}", "\"$.total\"}")));
    }

    @Test
    void catchersAndChoiceRulesNameVariablesByTheSameRule() {
        String catcher = "{\"StartAt\": \"A\", \"States\": {\"A\": {" + TASK + ", \"End\": true, \"Catch\": [{\"ErrorEquals\":"
                + " [\"States.ALL\"], \"Next\": \"B\", \"Assign\": {\"bad-name\": 1}}]}, \"B\": {\"Type\": \"Succeed\"}}}";
        assertEquals(List.of("ASL-VARIABLE-NAME"), rules(catcher));
        String choice = "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.n\","
                + " \"IsPresent\": true, \"Next\": \"B\", \"Assign\": {\"9lives\": 1}}], \"Default\": \"B\"},"
                + " \"B\": {\"Type\": \"Succeed\"}}}";
        assertEquals(List.of("ASL-VARIABLE-NAME"), rules(choice));
    }

    @Test
    void resultIsReadableInTheOutputAndAssignOfTaskParallelAndMap() {
        assertEquals(List.of(), rules(jsonata(TASK + ", \"Next\": \"B\", \"Output\": \"{% $states.result.Payload %}\","
                + " \"Assign\": {\"price\": \"{% $states.result.Payload.price %}\"}")));
        assertEquals(List.of(), rules(jsonata("\"Type\": \"Map\", \"Next\": \"B\", \"Output\": {\"all\": \"{% $states.result %}\"},"
                + " \"ItemProcessor\": {\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Succeed\"}}}")));
    }

    @Test
    void resultIsNotReadableBeforeItExistsNorInStatesWithoutOne() {
        List<Problem> arguments = validate(jsonata(TASK + ", \"Next\": \"B\", \"Arguments\": {\"x\": \"{% $states.result %}\"}"));
        assertEquals(List.of("ASL-STATES-VARIABLE"), arguments.stream().map(Problem::ruleId).toList());
        assertTrue(arguments.get(0).message().startsWith("Arguments reads $states.result"), arguments.get(0).message());
        assertEquals(List.of("ASL-STATES-VARIABLE"), rules(jsonata(TASK + ", \"Next\": \"B\", \"TimeoutSeconds\":"
                + " \"{% $states.result.t %}\"")));
        assertEquals(List.of("ASL-STATES-VARIABLE"), rules(jsonata("\"Type\": \"Pass\", \"Next\": \"B\","
                + " \"Output\": \"{% $states.result %}\"")));
        assertEquals(List.of("ASL-STATES-VARIABLE"), rules(jsonata("\"Type\": \"Choice\", \"Choices\": [{\"Condition\":"
                + " \"{% $states.result.ok %}\", \"Next\": \"B\"}], \"Default\": \"B\"")));
        assertEquals(List.of("ASL-STATES-VARIABLE"), rules(jsonata(TASK + ", \"Next\": \"B\", \"Catch\": [{\"ErrorEquals\":"
                + " [\"States.ALL\"], \"Next\": \"B\", \"Output\": \"{% $states.result %}\"}]")));
    }

    @Test
    void errorOutputIsReadableOnlyInACatcher() {
        assertEquals(List.of(), rules(jsonata(TASK + ", \"Next\": \"B\", \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"],"
                + " \"Next\": \"B\", \"Output\": {\"why\": \"{% $states.errorOutput.Cause %}\"},"
                + " \"Assign\": {\"failed\": \"{% $states.errorOutput.Error %}\"}}]")));
        assertEquals(List.of("ASL-STATES-VARIABLE"), rules(jsonata(TASK + ", \"Next\": \"B\","
                + " \"Output\": \"{% $states.errorOutput %}\"")));
    }

    @Test
    void inputAndContextAreReadableEverywhere() {
        assertEquals(List.of(), rules(jsonata(TASK + ", \"Next\": \"B\", \"Arguments\": {\"in\": \"{% $states.input.a %}\","
                + " \"id\": \"{% $states.context.Execution.Id %}\"}, \"TimeoutSeconds\": \"{% $states.input.t %}\"")));
        assertFalse(rules(jsonata("\"Type\": \"Pass\", \"Next\": \"B\", \"Output\": \"{% $states.context.State.Name %}\""))
                .contains("ASL-STATES-VARIABLE"));
    }

    @Test
    void jsonPathStatesAreNotReadAsJsonata() {
        assertEquals(List.of(), rules("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Result\":"
                + " \"{% $states.result %}\", \"End\": true}}}"));
    }
}
