package dev.apitpl.core.validate.asl;

import dev.apitpl.core.asl.QueryLanguage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitpl.core.validate.Problem;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** One smallest definition per rule that breaks it, and nothing else. */
class AslRuleExamplesTest {

    private static String machine(String states) {
        return "{\"StartAt\": \"A\", \"States\": {" + states + "}}";
    }

    private static String jsonata(String states) {
        return "{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"A\", \"States\": {" + states + "}}";
    }

    private static final String TASK = "\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \"End\": true";

    private static final Map<AslRule, String> EXAMPLES = Map.ofEntries(
            Map.entry(AslRule.JSON_SYNTAX, "{\"StartAt\": \"A\",}"),
            Map.entry(AslRule.DUPLICATE_KEY, machine("\"A\": {\"Type\": \"Succeed\", \"Type\": \"Succeed\"}")),
            Map.entry(AslRule.EMPTY_DEFINITION, ""),
            Map.entry(AslRule.REQUIRED_FIELD, machine("\"A\": {\"Type\": \"Task\", \"End\": true}")),
            Map.entry(AslRule.UNKNOWN_FIELD, machine("\"A\": {\"Type\": \"Succeed\", \"Nextt\": \"B\"}")),
            Map.entry(AslRule.FIELD_TYPE, machine("\"A\": {\"Type\": \"Wait\", \"Seconds\": \"10\", \"End\": true}")),
            Map.entry(AslRule.FIELD_RANGE, machine("\"A\": {" + TASK + ", \"TimeoutSeconds\": 0}")),
            Map.entry(AslRule.EXCLUSIVE_FIELDS, machine("\"A\": {\"Type\": \"Fail\", \"Cause\": \"x\", \"CausePath\": \"$.c\"}")),
            Map.entry(AslRule.STATE_TYPE, machine("\"A\": {\"Type\": \"Sucess\"}")),
            Map.entry(AslRule.QUERY_LANGUAGE, jsonata("\"A\": {\"Type\": \"Pass\", \"OutputPath\": \"$.a\", \"End\": true}")),
            Map.entry(AslRule.NEXT_OR_END, machine("\"A\": {\"Type\": \"Pass\"}, \"B\": {\"Type\": \"Succeed\"}")
                    .replace("\"Pass\"}", "\"Pass\", \"Next\": \"B\", \"End\": true}")),
            Map.entry(AslRule.TRANSITION_TARGET, machine("\"A\": {" + TASK
                    + ", \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Zeta\"}]}")),
            Map.entry(AslRule.UNREACHABLE_STATE, machine("\"A\": {\"Type\": \"Succeed\"}, \"B\": {\"Type\": \"Succeed\"}")),
            Map.entry(AslRule.NO_TERMINAL_STATE, machine("\"A\": {\"Type\": \"Pass\", \"Next\": \"A\"}")),
            Map.entry(AslRule.DUPLICATE_STATE_NAME, machine("\"A\": {\"Type\": \"Parallel\", \"End\": true, \"Branches\": "
                    + "[{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}}]}")),
            Map.entry(AslRule.STATE_NAME, "{\"StartAt\": \"" + "N".repeat(81) + "\", \"States\": {\"" + "N".repeat(81)
                    + "\": {\"Type\": \"Succeed\"}}}"),
            Map.entry(AslRule.CHOICE_RULE, machine("\"A\": {\"Type\": \"Choice\", \"Default\": \"B\", \"Choices\": "
                    + "[{\"Variable\": \"$.n\", \"NumericEquals\": \"1\", \"Next\": \"B\"}]}, \"B\": {\"Type\": \"Succeed\"}")),
            Map.entry(AslRule.PATH, machine("\"A\": {\"Type\": \"Pass\", \"InputPath\": \"$.a[\", \"End\": true}")),
            Map.entry(AslRule.PAYLOAD_TEMPLATE, machine("\"A\": {\"Type\": \"Pass\", \"Parameters\": {\"a.$\": 1}, \"End\": true}")),
            Map.entry(AslRule.INTRINSIC_FUNCTION, machine("\"A\": {\"Type\": \"Pass\", \"Parameters\": {\"a.$\": \"States.Formatt('x')\"}, \"End\": true}")),
            Map.entry(AslRule.JSONATA_SYNTAX, jsonata("\"A\": {\"Type\": \"Pass\", \"Output\": \"{% (1 %}\", \"End\": true}")),
            Map.entry(AslRule.JSONATA_UNSUPPORTED, jsonata("\"A\": {\"Type\": \"Pass\", \"Output\": \"{% $eval('1') %}\", \"End\": true}")),
            Map.entry(AslRule.RETRY_CATCH, machine("\"A\": {" + TASK + ", \"Retry\": [{\"ErrorEquals\": []}]}")),
            Map.entry(AslRule.RESOURCE, machine("\"A\": {\"Type\": \"Task\", \"Resource\": \"my-function\", \"End\": true}")),
            Map.entry(AslRule.TIMESTAMP, machine("\"A\": {\"Type\": \"Wait\", \"Timestamp\": \"tomorrow\", \"End\": true}")),
            Map.entry(AslRule.STATES_VARIABLE, jsonata("\"A\": {" + TASK + ", \"Arguments\": {\"x\": \"{% $states.result.a %}\"}}")),
            Map.entry(AslRule.VARIABLE_NAME, machine("\"A\": {\"Type\": \"Pass\", \"Assign\": {\"1st\": 1}, \"End\": true}")),
            Map.entry(AslRule.ERROR_NAME, machine("\"A\": {" + TASK + ", \"Retry\": [{\"ErrorEquals\": [\"States.Timout\"]}]}")),
            Map.entry(AslRule.UNDEFINED_VARIABLE, machine("\"A\": {\"Type\": \"Pass\", \"InputPath\": \"$order\", \"End\": true}")),
            Map.entry(AslRule.NO_DOLLAR, machine("\"A\": {\"Type\": \"Pass\", \"Parameters\": {\"a\": \"$$.Execution.Id\"}, \"End\": true}")),
            Map.entry(AslRule.NO_PATH, machine("\"A\": {\"Type\": \"Fail\", \"Error\": \"$.error\"}")),
            Map.entry(AslRule.PASS_RESULT_IS_STATIC, machine("\"A\": {\"Type\": \"Pass\", \"Result\": {\"a.$\": \"$.a\"}, \"End\": true}")));

    /** Rules whose example needs options other than the defaults. */
    private static final Set<AslRule> WITH_OPTIONS = EnumSet.of(AslRule.PLACEHOLDER_UNRESOLVED, AslRule.EXPRESS_INTEGRATION);

    @Test
    void eachExampleBreaksExactlyItsRule() {
        for (Map.Entry<AslRule, String> example : EXAMPLES.entrySet()) {
            List<Problem> problems = AslValidator.validate(Path.of("example.asl.json"), example.getValue(),
                    AslValidationOptions.defaults());
            Set<String> rules = problems.stream().map(Problem::ruleId).collect(Collectors.toSet());
            assertEquals(Set.of(example.getKey().id()), rules, () -> example.getKey() + ": " + problems);
            assertTrue(problems.stream().allMatch(p -> p.line() > 0 && p.column() > 0), () -> "unlocated: " + problems);
        }
    }

    @Test
    void optionDependentRulesHaveExamplesToo() {
        List<Problem> unresolved = AslValidator.validate(Path.of("example.asl.json"),
                machine("\"A\": {\"Type\": \"Task\", \"Resource\": \"${Fn}\", \"End\": true}"), AslValidationOptions.substituting(Map.of()));
        assertEquals(List.of("ASL-PLACEHOLDER-UNRESOLVED"), unresolved.stream().map(Problem::ruleId).toList());
        List<Problem> express = AslValidator.validate(Path.of("example.asl.json"),
                machine("\"A\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke.waitForTaskToken\", \"End\": true}"),
                AslValidationOptions.defaults().withStateMachineType(StateMachineType.EXPRESS));
        assertEquals(List.of("ASL-EXPRESS-INTEGRATION"), express.stream().map(Problem::ruleId).toList());
    }

    @Test
    void everyRuleHasAnExample() {
        Set<AslRule> covered = EnumSet.copyOf(EXAMPLES.keySet());
        covered.addAll(WITH_OPTIONS);
        assertEquals(EnumSet.allOf(AslRule.class), covered,
                () -> "rules without example: " + Arrays.stream(AslRule.values()).filter(r -> !covered.contains(r)).toList());
    }
}
