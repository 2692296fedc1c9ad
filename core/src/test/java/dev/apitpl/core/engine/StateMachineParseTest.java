package dev.apitpl.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.apitpl.core.asl.AslModel;
import dev.apitpl.core.asl.PlaceholderMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The engine's structural parse accepts every published real-world definition that any of the three reference
 * validators accepts, and rejects with a message the ones that all of them reject (not JSON, misplaced fields).
 */
class StateMachineParseTest {

    private static final Path REAL_WORLD = Path.of("../../shared/corpus/asl/real-world");

    @Test
    void parsesEveryRealWorldDefinitionThatAValidatorAccepts() throws Exception {
        Path manifest = REAL_WORLD.resolve("manifest.tsv");
        assumeTrue(Files.isRegularFile(manifest), "real-world ASL corpus not found at " + REAL_WORLD.toAbsolutePath());
        List<String> lines = Files.readAllLines(manifest);
        List<String> header = List.of(lines.get(0).split("\t"));
        int file = header.indexOf("file");
        List<Integer> verdicts = List.of(header.indexOf("aslv_verdict"), header.indexOf("statelint_verdict"),
                header.indexOf("asls_verdict"));
        Map<String, String> wrong = new TreeMap<>();
        int accepted = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] columns = line.split("\t", -1);
            boolean valid = verdicts.stream().anyMatch(i -> columns[i].equals("valid"));
            String name = columns[file];
            try {
                // read as the corpus test validates them: placeholders stand for values a deployment gives
                StateMachine.from(AslModel.read(REAL_WORLD.resolve(name), Files.readString(REAL_WORLD.resolve(name)),
                        Map.of(), PlaceholderMode.TOLERATE));
                accepted++;
                if (!valid) {
                    wrong.put(name, "accepted, but every reference validator rejects it");
                }
            } catch (DefinitionException e) {
                if (valid) {
                    wrong.put(name, "rejected: " + e.getMessage());
                }
            }
        }
        wrong.forEach((name, why) -> System.out.println("  WRONG " + name + ": " + why));
        System.out.printf("Real-world definitions parsed: %d/%d%n", accepted, lines.size() - 1);
        assertTrue(accepted > 200, "too few definitions read: " + accepted);
        assertEquals(Map.of(), wrong);
    }
}
