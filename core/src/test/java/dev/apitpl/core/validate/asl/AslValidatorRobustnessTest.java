package dev.apitpl.core.validate.asl;

import dev.apitpl.core.asl.QueryLanguage;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.apitpl.core.validate.Problem;
import dev.apitpl.core.validate.ValidatorLimit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input never makes the validator throw: every defect comes back as a located problem. */
class AslValidatorRobustnessTest {

    private static final Path PROBES = Path.of("../../shared/corpus/asl/probes");
    private static final Path JSON = Path.of("deep.asl.json");
    /** Every placeholder mode, with substitution values of every kind (blank, string, object holding placeholders). */
    private static final List<AslValidationOptions> OPTIONS = List.of(AslValidationOptions.defaults(),
            AslValidationOptions.tolerant(), AslValidationOptions.substituting(Map.of()),
            AslValidationOptions.substituting(Map.of("Value", "")),
            AslValidationOptions.substituting(Map.of("Value", "\"text\"")),
            AslValidationOptions.substituting(Map.of("Value", "{\"a\": [1, \"${Value}\"], \"b.$\": \"$.x\"}")));

    /** Each problem as "line:column RULE-ID", the form the assertions compare. */
    private static List<String> located(List<Problem> problems) {
        return problems.stream().map(p -> p.line() + ":" + p.column() + " " + p.ruleId()).toList();
    }

    private static List<Problem> validate(Path file, String definition, AslValidationOptions options) {
        return assertDoesNotThrow(() -> AslValidator.validate(file, definition, options), definition.length() > 300
                ? definition.substring(0, 300) + "..." : definition);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[]", "42", "null", "{\"StartAt\": 5, \"States\": []}",
        "{\"StartAt\": \"A\", \"States\": {\"A\": 5}}",
        "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": 5, \"Next\": []}}}",
        "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Choice\", \"Choices\": {\"x\": 1}, \"Default\": 3}}}",
        "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Choice\", \"Choices\": [1, {\"And\": 3, \"Next\": \"A\"}, {\"Not\": [], \"Next\": 4}]}}}",
        "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Parallel\", \"Branches\": [1, {\"States\": 2}], \"End\": \"yes\"}}}",
        "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Map\", \"ItemProcessor\": [], \"Iterator\": {\"ProcessorConfig\": 1}, \"End\": true}}}",
        "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Task\", \"Resource\": [], \"Retry\": [1, {\"ErrorEquals\": \"x\"}], \"Catch\": {}, \"End\": true}}}",
        "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Parameters\": {\"a.$\": \"States.Format(\", \"b.$\": \"$[\", \"c.$\": 3}, \"End\": true}}}",
        "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"InputPath\": \"$[?(@.a ==\", \"ResultPath\": \"$$\", \"End\": true}}}",
        "{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Output\": \"{% %}\", \"Assign\": 3, \"End\": true}}}"
    })
    void malformedStructuresAreProblemsNotExceptions(String definition) {
        List<Problem> problems = assertDoesNotThrow(() ->
                AslValidator.validate(Path.of("odd.asl.json"), definition, AslValidationOptions.tolerant()));
        assertFalse(problems.isEmpty(), "expected at least one problem for " + definition);
    }

    @Test
    void anEmptyOrBlankSubstitutionForAWholeValueIsOneProblemAtThePlaceholder() {
        String definition = "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Wait\", \"Seconds\": ${Wait}, \"End\": true}}}";
        for (String value : List.of("", "   ", "\n")) {
            List<Problem> problems = validate(JSON, definition, AslValidationOptions.substituting(Map.of("Wait", value)));
            assertEquals(List.of("1:62 ASL-JSON-SYNTAX"), located(problems), problems::toString);
            assertTrue(problems.get(0).message().contains("${Wait}"), problems::toString);
        }
    }

    @Test
    void aSubstitutionValueIsReadOnceWhateverItHolds() {
        // the value is not itself searched for placeholders (CloudFormation substitutes in one pass)
        List<Problem> string = validate(JSON, "${Definition}", AslValidationOptions.substituting(Map.of("Definition", "\"x\"")));
        assertEquals(List.of("1:1 ASL-FIELD-TYPE"), located(string), string::toString);
        String result = "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Result\": ${R}, \"End\": true}}}";
        List<Problem> notJson = validate(JSON, result, AslValidationOptions.substituting(Map.of("R", "{\"a\": [${R}]}")));
        assertEquals(List.of("1:61 ASL-JSON-SYNTAX"), located(notJson), notJson::toString);
        AslAnalysis literal = AslValidator.analyze(JSON, result, AslValidationOptions.substituting(Map.of("R", "{\"a\": \"${R}\"}")));
        assertEquals(List.of(), literal.problems());
        assertEquals("${R}", literal.document().orElseThrow().states().get(0).node().get("Result").get("a").text());
    }

    @Test
    void nestingDeeperThanTheValidatorFollowsIsOneLocatedProblem() {
        String jsonata = "{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\","
                + " \"Output\": \"{% " + "(".repeat(3000) + "1" + ")".repeat(3000) + " %}\", \"End\": true}}}";
        assertEquals(List.of("1:89 " + ValidatorLimit.RULE), located(validate(JSON, jsonata, AslValidationOptions.defaults())));
        String chain = "{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\","
                + " \"Output\": \"{% 1" + " + 1".repeat(20_000) + " %}\", \"End\": true}}}";
        assertEquals(List.of("1:89 " + ValidatorLimit.RULE), located(validate(JSON, chain, AslValidationOptions.defaults())));
        String intrinsic = "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Parameters\": {\"a.$\": \""
                + "States.Array(".repeat(5000) + ")".repeat(5000) + "\"}, \"End\": true}}}";
        assertEquals(List.of("1:73 " + ValidatorLimit.RULE), located(validate(JSON, intrinsic, AslValidationOptions.defaults())));
        for (String path : List.of("$" + "[?(@.a".repeat(3000) + ")]".repeat(3000), "$" + "[0]".repeat(30_000),
                "$.a" + ".b".repeat(30_000))) {
            String definition = "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"InputPath\": \"" + path
                    + "\", \"Parameters\": {\"a.$\": \"States.Array(" + path + ")\"}, \"End\": true}}}";
            assertEquals(List.of("1:64 " + ValidatorLimit.RULE, "1:" + (90 + path.length()) + " " + ValidatorLimit.RULE),
                    located(validate(JSON, definition, AslValidationOptions.defaults())));
        }
        String prefix = "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Result\": ";
        String arrays = prefix + "[".repeat(1500) + "]".repeat(1500) + ", \"End\": true}}}";
        List<Problem> deep = validate(JSON, arrays, AslValidationOptions.defaults());
        // the root object, States and A are three levels: the 998th '[' is the 1001st
        assertEquals(List.of("1:" + (prefix.length() + 998) + " " + ValidatorLimit.RULE), located(deep), deep::toString);
        assertTrue(deep.get(0).hint().contains("1000"), deep::toString);
        String yaml = "StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n    Result: " + "[".repeat(1500) + "]".repeat(1500) + "\n";
        List<Problem> deepYaml = validate(Path.of("deep.asl.yaml"), yaml, AslValidationOptions.defaults());
        assertEquals(1, deepYaml.size(), deepYaml::toString);
        assertEquals(ValidatorLimit.RULE, deepYaml.get(0).ruleId(), deepYaml::toString);
        assertTrue(deepYaml.get(0).line() == 6 && deepYaml.get(0).column() > 0, deepYaml::toString);
    }

    @Test
    void truncatedAndMutatedProbesNeverThrow() throws IOException {
        assumeTrue(Files.isDirectory(PROBES), "corpus folder " + PROBES.toAbsolutePath().normalize() + " is absent");
        Random random = new Random(20260131);
        List<Path> files;
        try (Stream<Path> listing = Files.list(PROBES)) {
            files = listing.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        int variants = 0;
        for (Path file : files) {
            String content = Files.readString(file);
            for (int i = 0; i < 8; i++) {
                int cut = random.nextInt(content.length());
                String truncated = content.substring(0, cut);
                String deleted = content.substring(0, cut) + content.substring(Math.min(content.length(), cut + 1 + random.nextInt(8)));
                String placeholder = content.substring(0, cut) + (random.nextBoolean() ? "${Value}" : "\"${Value}\"")
                        + content.substring(cut);
                for (String variant : List.of(truncated, deleted, placeholder)) {
                    for (AslValidationOptions options : OPTIONS) {
                        assertDoesNotThrow(() -> AslValidator.validate(file, variant, options), () -> file + " variant:\n" + variant);
                        variants++;
                    }
                }
            }
        }
        System.out.printf("robustness: %d mutated definitions validated without exception%n", variants);
    }
}
