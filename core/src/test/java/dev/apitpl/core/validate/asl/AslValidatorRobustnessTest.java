package dev.apitpl.core.validate.asl;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.apitpl.core.validate.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input never makes the validator throw: every defect comes back as a located problem. */
class AslValidatorRobustnessTest {

    private static final Path PROBES = Path.of("../../shared/corpus/asl/probes");

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
                for (String variant : List.of(truncated, deleted)) {
                    for (AslValidationOptions options : List.of(AslValidationOptions.defaults(), AslValidationOptions.tolerant())) {
                        assertDoesNotThrow(() -> AslValidator.validate(file, variant, options), () -> file + " variant:\n" + variant);
                        variants++;
                    }
                }
            }
        }
        System.out.printf("robustness: %d mutated definitions validated without exception%n", variants);
    }
}
