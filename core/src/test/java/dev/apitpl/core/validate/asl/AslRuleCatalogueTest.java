package dev.apitpl.core.validate.asl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule ids are stable names users search for: unique, and each documented with its AWS code. */
class AslRuleCatalogueTest {

    private static final Path RULES_DOC = Path.of("../docs/validation-rules.md");

    @Test
    void ruleIdsAreUniqueAndPrefixed() {
        List<String> ids = Arrays.stream(AslRule.values()).map(AslRule::id).toList();
        assertEquals(ids.size(), ids.stream().distinct().count(), ids::toString);
        assertTrue(ids.stream().allMatch(id -> id.matches("ASL-[A-Z]+(-[A-Z]+)*")), ids::toString);
    }

    @Test
    void everyRuleIsDocumentedWithItsAwsCodeAndTheSummaryReportsShow() throws IOException {
        assumeTrue(Files.isRegularFile(RULES_DOC), "docs/validation-rules.md is absent");
        String doc = Files.readString(RULES_DOC);
        for (AslRule rule : AslRule.values()) {
            String row = "| `" + rule.id() + "` | " + (rule.awsCode() == null ? "—" : "`" + rule.awsCode() + "`") + " | "
                    + rule.severity().label() + " | " + rule.summary() + " |";
            assertTrue(doc.contains(row), "docs/validation-rules.md lacks the row " + row);
        }
    }
}
