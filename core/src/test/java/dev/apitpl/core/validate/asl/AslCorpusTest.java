package dev.apitpl.core.validate.asl;

import dev.apitpl.core.asl.QueryLanguage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.apitpl.core.validate.Problem;
import dev.apitpl.core.validate.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The validator against the shared ASL corpora: published AWS samples (no false positives), a peer validator's
 * fixtures (verdict agreement) and one-rule probes (expected verdicts with their basis).
 */
class AslCorpusTest {

    private static final Path CORPUS = Path.of("../../shared/corpus/asl");
    private static final String MALFORMED = "swc__sfn-iot-data-analytics-dataset__statemachine.asl.json";
    private static final String INVALID = "swc__shared-fallback-state-jsonata__statemachine.asl.json";

    /**
     * Fixture verdicts where the peer validator's expectation contradicts what AWS accepts (see the rules doc): it
     * expects "{%10%}" and "{% \n10   %}" rejected; AWS accepts JSONata without (or with extra) inner spaces, as the
     * published samples in real-world/ show. Any other disagreement, or one of these going away, fails the test.
     */
    private static final Set<String> FIXTURE_DISAGREEMENTS = Set.of("invalid-jsonata-surround-syntax-no-spaces.json",
            "invalid-json-surround-syntax-extra-spaces.json");
    private static final int REAL_WORLD_VALID = 225;
    private static final int EXECUTIONS = 821;
    private static final int FIXTURES = 112;
    private static final int PROBES = 56;

    @Test
    void everyPublishedDefinitionIsAcceptedWithPlaceholdersTolerated() throws IOException {
        Path folder = corpus("real-world");
        List<Map<String, String>> rows = manifest(folder);
        List<String> falsePositives = new ArrayList<>();
        int accepted = 0;
        int valid = 0;
        int warned = 0;
        for (Map<String, String> row : rows) {
            String name = row.get("file");
            List<Problem> problems = AslValidator.validate(folder.resolve(name), AslValidationOptions.tolerant());
            List<Problem> errors = errors(problems);
            if (errors.size() < problems.size()) {
                warned++;
                problems.stream().filter(p -> p.severity() == Severity.WARNING)
                        .forEach(p -> System.out.println("  warning " + name + ":" + p.line() + ":" + p.column() + " "
                                + p.ruleId() + " " + p.message()));
            }
            if (name.equals(MALFORMED)) {
                assertEquals(1, errors.size(), () -> name + ": " + format(errors));
                assertEquals("ASL-JSON-SYNTAX", errors.get(0).ruleId());
                assertEquals(10, errors.get(0).line(), () -> format(errors));
            } else if (name.equals(INVALID)) {
                assertTrue(!errors.isEmpty(), name + " misplaces QueryLanguage inside States and must be rejected");
            } else {
                valid++;
                if (errors.isEmpty()) {
                    accepted++;
                } else {
                    falsePositives.add(name + ": " + format(errors));
                }
            }
        }
        try (Stream<Path> yaml = Files.list(folder.resolve("yaml"))) {
            for (Path file : yaml.filter(f -> f.toString().matches(".*\\.ya?ml$")).sorted().toList()) {
                valid++;
                List<Problem> errors = errors(AslValidator.validate(file, AslValidationOptions.tolerant()));
                if (errors.isEmpty()) {
                    accepted++;
                } else {
                    falsePositives.add("yaml/" + file.getFileName() + ": " + format(errors));
                }
            }
        }
        System.out.printf("real-world: %d/%d valid accepted, %d false positives (%d JSON files with warnings)%n", accepted,
                valid, falsePositives.size(), warned);
        falsePositives.forEach(line -> System.out.println("  false positive " + line));
        assertEquals(REAL_WORLD_VALID, valid, "the corpus has 216 valid JSON and 9 YAML definitions");
        assertEquals(List.of(), falsePositives);
    }

    @Test
    void everyDefinitionAwsExecutedIsAccepted() throws IOException {
        Path folder = CORPUS.resolve("../executions").normalize();
        assumeTrue(Files.isDirectory(folder), "corpus folder " + folder.toAbsolutePath() + " is absent");
        List<String> falsePositives = new ArrayList<>();
        int total = 0;
        try (Stream<Path> cases = Files.list(folder)) {
            for (Path definition : cases.map(c -> c.resolve("definition.json")).filter(Files::isRegularFile).sorted().toList()) {
                total++;
                List<Problem> errors = errors(AslValidator.validate(definition, AslValidationOptions.defaults()));
                if (!errors.isEmpty()) {
                    falsePositives.add(definition.getParent().getFileName() + ": " + format(errors));
                }
            }
        }
        System.out.printf("executions: %d/%d definitions AWS ran accepted, %d false positives%n",
                total - falsePositives.size(), total, falsePositives.size());
        falsePositives.forEach(line -> System.out.println("  false positive " + line));
        assertEquals(EXECUTIONS, total, "the executions corpus has 821 cases");
        assertEquals(List.of(), falsePositives);
    }

    @Test
    void peerFixturesGetTheirExpectedVerdict() throws IOException {
        Path folder = corpus("asl-validator-fixtures");
        List<String> disagreements = new ArrayList<>();
        Set<String> disagreeing = new TreeSet<>();
        List<Map<String, String>> rows = manifest(folder);
        for (Map<String, String> row : rows) {
            String name = row.get("file");
            List<Problem> errors = errors(AslValidator.validate(folder.resolve(name), AslValidationOptions.tolerant()));
            String verdict = errors.isEmpty() ? "valid" : "invalid";
            if (!verdict.equals(row.get("expected"))) {
                disagreements.add(name + " (expected " + row.get("expected") + "): " + format(errors));
                disagreeing.add(name);
            }
        }
        int agree = rows.size() - disagreements.size();
        System.out.printf("fixtures: %d/%d verdicts agree%n", agree, rows.size());
        disagreements.forEach(line -> System.out.println("  disagree " + line));
        assertEquals(FIXTURES, rows.size(), "the fixture corpus has 112 cases");
        assertEquals(new TreeSet<>(FIXTURE_DISAGREEMENTS), disagreeing, disagreements::toString);
    }

    @Test
    void probesGetTheirExpectedVerdict() throws IOException {
        Path folder = corpus("probes");
        List<String> disagreements = new ArrayList<>();
        List<Map<String, String>> rows = manifest(folder);
        for (Map<String, String> row : rows) {
            String name = row.get("file");
            String expected = row.get("expected");
            Path file = folder.resolve(name);
            List<Problem> strict = AslValidator.validate(file, AslValidationOptions.defaults());
            String outcome = switch (expected) {
                case "valid" -> errors(strict).isEmpty() ? null : "errors " + format(errors(strict));
                case "invalid" -> errors(strict).isEmpty() ? "no error" : null;
                case "valid-with-warning" -> !errors(strict).isEmpty() ? "errors " + format(errors(strict))
                        : strict.isEmpty() ? "no warning" : null;
                case "valid-after-substitution" -> {
                    List<Problem> tolerant = errors(AslValidator.validate(file, AslValidationOptions.tolerant()));
                    yield !tolerant.isEmpty() ? "tolerant mode: " + format(tolerant)
                            : errors(strict).isEmpty() ? "accepted before substitution" : null;
                }
                default -> "unknown expectation " + expected;
            };
            if (outcome != null) {
                disagreements.add(name + " [" + row.get("rule") + "] expected " + expected + ": " + outcome);
            }
        }
        int agree = rows.size() - disagreements.size();
        System.out.printf("probes: %d/%d%n", agree, rows.size());
        disagreements.forEach(line -> System.out.println("  disagree " + line));
        assertEquals(PROBES, rows.size(), "the probe corpus has 56 cases");
        assertEquals(List.of(), disagreements);
    }

    private static Path corpus(String name) {
        Path folder = CORPUS.resolve(name);
        assumeTrue(Files.isDirectory(folder), "corpus folder " + folder.toAbsolutePath().normalize()
                + " is absent: shared/ must sit beside the project root");
        return folder;
    }

    static List<Map<String, String>> manifest(Path folder) throws IOException {
        List<String> lines = Files.readAllLines(folder.resolve("manifest.tsv"));
        String[] header = lines.get(0).split("\t", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length && i < cells.length; i++) {
                row.put(header[i], cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<Problem> errors(List<Problem> problems) {
        return problems.stream().filter(problem -> problem.severity() == Severity.ERROR).toList();
    }

    private static String format(List<Problem> problems) {
        return String.join(" | ", problems.stream().limit(3)
                .map(p -> p.line() + ":" + p.column() + " " + p.ruleId() + " " + p.message()).toList());
    }
}
