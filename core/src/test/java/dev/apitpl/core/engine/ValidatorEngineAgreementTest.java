package dev.apitpl.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.core.asl.AslModel;
import dev.apitpl.core.asl.PlaceholderMode;
import dev.apitpl.core.engine.task.TaskFailedException;
import dev.apitpl.core.validate.Problem;
import dev.apitpl.core.validate.Severity;
import dev.apitpl.core.validate.asl.AslValidationOptions;
import dev.apitpl.core.validate.asl.AslValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The validator and the engine give one answer: what the validator rejects the engine refuses to build, with the
 * same problems; what it accepts the engine runs without tripping over the definition. Cases chosen at the seams
 * (intrinsic functions, paths, variables, error names, Choice operators), then the two shared corpora.
 */
class ValidatorEngineAgreementTest {

    private static final Path EXECUTIONS = Path.of("../../shared/corpus/executions");
    private static final Path REAL_WORLD = Path.of("../../shared/corpus/asl/real-world");

    private final LocalEngine engine = LocalEngine.builder().sleeper(Sleeper.NONE)
            .taskInvoker(request -> {
                throw new TaskFailedException("Custom.Error", "boom");
            }).build();

    private static String pass(String parameters) {
        return "{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Pass\", \"Parameters\": " + parameters
                + ", \"End\": true}}}";
    }

    private static String task(String catchers) {
        return "{\"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\","
                + " \"Catch\": " + catchers + ", \"End\": true}, \"Caught\": {\"Type\": \"Pass\", \"Result\": \"caught\","
                + " \"End\": true}}}";
    }

    private static String choice(String rule) {
        return "{\"StartAt\": \"C\", \"States\": {\"C\": {\"Type\": \"Choice\", \"Choices\": [" + rule + "],"
                + " \"Default\": \"No\"}, \"Yes\": {\"Type\": \"Pass\", \"Result\": \"yes\", \"End\": true},"
                + " \"No\": {\"Type\": \"Pass\", \"Result\": \"no\", \"End\": true}}}";
    }

    /** name, definition, input, the rule the validator reports as an error (null: none), the engine's output. */
    static Stream<Arguments> seams() {
        String items = "{\"a\": \"x\", \"n\": 4, \"m\": 9, \"items\": [{\"n\": 1}, {\"n\": 2}]}";
        return Stream.of(
                Arguments.of("nested intrinsic calls", pass("{\"v.$\": \"States.Format('{}-{}', States.MathAdd(1, 2), $.a)\"}"),
                        items, null, "{\"v\":\"3-x\"}"),
                Arguments.of("a call without arguments", pass("{\"v.$\": \"States.ArrayLength(States.Array())\"}"),
                        items, null, "{\"v\":0}"),
                Arguments.of("an unknown function", pass("{\"v.$\": \"States.Formatt('x')\"}"), items,
                        "ASL-INTRINSIC-FUNCTION", null),
                Arguments.of("too few arguments", pass("{\"v.$\": \"States.MathAdd(1)\"}"), items,
                        "ASL-INTRINSIC-FUNCTION", null),
                Arguments.of("a string where a number goes", pass("{\"v.$\": \"States.MathAdd('1', 2)\"}"), items,
                        "ASL-INTRINSIC-FUNCTION", null),
                Arguments.of("an unclosed call", pass("{\"v.$\": \"States.Array(1, 2\"}"), items,
                        "ASL-INTRINSIC-FUNCTION", null),
                Arguments.of("a filter path", pass("{\"v.$\": \"$.items[?(@.n > 1)].n\"}"), items, null, "{\"v\":[2]}"),
                Arguments.of("a broken filter path", pass("{\"v.$\": \"$.items[?(@.n > 1]\"}"), items, "ASL-PATH", null),
                Arguments.of("a variable path", "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\","
                        + " \"Assign\": {\"x\": {\"k\": 5}}, \"Next\": \"B\"}, \"B\": {\"Type\": \"Pass\","
                        + " \"Parameters\": {\"v.$\": \"$x.k\"}, \"End\": true}}}", items, null, "{\"v\":5}"),
                Arguments.of("States.TaskFailed catches a task's own error", task("[{\"ErrorEquals\":"
                        + " [\"States.TaskFailed\"], \"Next\": \"Caught\"}]"), "{}", null, "\"caught\""),
                Arguments.of("States.ALL not alone", task("[{\"ErrorEquals\": [\"States.ALL\", \"Custom.Error\"],"
                        + " \"Next\": \"Caught\"}]"), "{}", "ASL-RETRY-CATCH", null),
                Arguments.of("a path comparison", choice("{\"Variable\": \"$.m\", \"NumericGreaterThanPath\": \"$.n\","
                        + " \"Next\": \"Yes\"}"), items, null, "\"yes\""),
                Arguments.of("a string compared as a number", choice("{\"Variable\": \"$.m\", \"NumericGreaterThan\":"
                        + " \"4\", \"Next\": \"Yes\"}"), items, "ASL-CHOICE-RULE", null),
                Arguments.of("an unknown operator", choice("{\"Variable\": \"$.m\", \"NumericGreaterThen\": 4,"
                        + " \"Next\": \"Yes\"}"), items, "ASL-CHOICE-RULE", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seams")
    void validatorAndEngineGiveOneAnswer(String name, String definition, String input, String rejectedBy,
            String output) {
        List<Problem> problems = AslValidator.validate(StateMachine.UNNAMED, definition, AslValidationOptions.defaults());
        List<String> errors = problems.stream().filter(problem -> problem.severity() == Severity.ERROR)
                .map(Problem::ruleId).distinct().toList();
        if (rejectedBy != null) {
            assertEquals(List.of(rejectedBy), errors, problems.toString());
            DefinitionException refused = org.junit.jupiter.api.Assertions.assertThrows(DefinitionException.class,
                    () -> StateMachine.parse(definition));
            assertEquals(problems.stream().filter(problem -> problem.severity() == Severity.ERROR).toList(),
                    refused.problems());
            return;
        }
        assertEquals(List.of(), errors, problems.toString());
        ExecutionResult result = engine.execute(StateMachine.parse(definition), Json.parse(input));
        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), () -> result.error() + ": " + result.cause());
        assertEquals(Json.parse(output), result.output());
    }

    @Test
    void theValidatorAcceptsEveryDefinitionOfTheRecordedExecutions() throws Exception {
        assumeTrue(Files.isDirectory(EXECUTIONS), "execution corpus not found at " + EXECUTIONS.toAbsolutePath());
        Map<String, String> rejected = new TreeMap<>();
        int count = 0;
        try (Stream<Path> cases = Files.list(EXECUTIONS)) {
            for (Path dir : cases.filter(Files::isDirectory).sorted().toList()) {
                Path definition = dir.resolve("definition.json");
                if (!Files.isRegularFile(definition)) {
                    continue;
                }
                count++;
                List<Problem> errors = AslValidator.validate(definition, AslValidationOptions.defaults()).stream()
                        .filter(problem -> problem.severity() == Severity.ERROR).toList();
                if (!errors.isEmpty()) {
                    rejected.put(dir.getFileName().toString(), errors.get(0).format());
                }
            }
        }
        System.out.printf("Recorded executions whose definition the validator accepts: %d/%d%n",
                count - rejected.size(), count);
        assertTrue(count >= 821, "too few executions read: " + count);
        assertEquals(Map.of(), rejected);
    }

    @Test
    void everyRealWorldDefinitionTheValidatorAcceptsBuildsAnEngineMachine() throws Exception {
        Path manifest = REAL_WORLD.resolve("manifest.tsv");
        assumeTrue(Files.isRegularFile(manifest), "real-world ASL corpus not found at " + REAL_WORLD.toAbsolutePath());
        List<String> lines = Files.readAllLines(manifest);
        int file = List.of(lines.get(0).split("\t")).indexOf("file");
        Map<String, String> wrong = new TreeMap<>();
        int built = 0;
        for (String line : lines.subList(1, lines.size())) {
            Path definition = REAL_WORLD.resolve(line.split("\t", -1)[file]);
            // read as the corpus test validates them: placeholders stand for values a deployment gives
            AslModel model = AslModel.read(definition, Files.readString(definition), Map.of(), PlaceholderMode.TOLERATE);
            boolean valid = AslValidator.check(model, AslValidationOptions.tolerant()).stream()
                    .noneMatch(problem -> problem.severity() == Severity.ERROR);
            try {
                StateMachine.from(model);
                built++;
                if (!valid) {
                    wrong.put(definition.getFileName().toString(), "built, but the validator rejects it");
                }
            } catch (DefinitionException e) {
                if (valid) {
                    wrong.put(definition.getFileName().toString(), "refused: " + e.getMessage());
                }
            } catch (RuntimeException e) {
                wrong.put(definition.getFileName().toString(), "building failed: " + e);
            }
        }
        System.out.printf("Real-world definitions built: %d/%d%n", built, lines.size() - 1);
        assertTrue(built > 200, "too few definitions built: " + built);
        assertEquals(Map.of(), wrong);
    }
}
