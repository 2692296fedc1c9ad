package dev.apitpl.core.validate.asl;

import dev.apitpl.core.asl.QueryLanguage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.apitpl.core.validate.Problem;
import dev.apitpl.core.validate.Severity;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Validation throughput over the published definitions (real-world corpus, JSON and YAML), in one JVM after
 * warm-up. Runs only in the {@code bench} profile: {@code mvn -B -pl core -am -Pbench test}.
 */
class AslValidatorBenchmark {

    private static final Path CORPUS = Path.of("../../shared/corpus/asl/real-world");
    private static final int WARM_UP_ROUNDS = 30;
    private static final int MEASURED_ROUNDS = 100;

    private record Definition(Path file, String content) {}

    @Test
    void validatesTheRealWorldCorpus() throws IOException {
        assumeTrue(Files.isDirectory(CORPUS), "corpus folder " + CORPUS.toAbsolutePath().normalize() + " is absent");
        List<Definition> definitions = new ArrayList<>();
        try (Stream<Path> files = Stream.concat(Files.list(CORPUS), Files.list(CORPUS.resolve("yaml")))) {
            for (Path file : files.filter(f -> f.toString().matches(".*\\.(json|ya?ml)$")).sorted().toList()) {
                definitions.add(new Definition(file, Files.readString(file)));
            }
        }
        AslValidationOptions options = AslValidationOptions.tolerant();
        long errors = 0;
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            errors = validateAll(definitions, options);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        for (int round = 0; round < MEASURED_ROUNDS; round++) {
            validateAll(definitions, options);
        }
        double count = (double) MEASURED_ROUNDS * definitions.size();
        double wallPerDefinition = (System.nanoTime() - start) / 1e6 / count;
        // CPU time of this thread: what one definition costs, whatever else the machine is doing
        double cpuPerDefinition = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6 / count;
        long bytes = definitions.stream().mapToLong(d -> d.content().length()).sum();
        System.out.printf("asl-validator benchmark: %d definitions (%d KiB), %d rounds after %d warm-up:"
                        + " %.3f ms CPU per definition (%.0f definitions/s), %.3f ms wall%n", definitions.size(),
                bytes / 1024, MEASURED_ROUNDS, WARM_UP_ROUNDS, cpuPerDefinition, 1000 / cpuPerDefinition,
                wallPerDefinition);
        // the malformed sample and the one with QueryLanguage inside States: one error each at least
        assertEquals(2, errors, "definitions with errors in the corpus");
    }

    private static long validateAll(List<Definition> definitions, AslValidationOptions options) {
        long withErrors = 0;
        for (Definition definition : definitions) {
            List<Problem> problems = AslValidator.validate(definition.file(), definition.content(), options);
            if (problems.stream().anyMatch(p -> p.severity() == Severity.ERROR)) {
                withErrors++;
            }
        }
        return withErrors;
    }
}
