package dev.apitpl.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.core.validate.Problem;
import dev.apitpl.core.validate.Severity;
import dev.apitpl.core.validate.ValidationReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The SARIF 2.1.0 fields code-scanning services require, checked on a report with a located and a file-wide problem. */
class SarifReportTest {

    private static final Path TEMPLATE = Path.of("src/main/templates/create order.json");
    private static final ValidationReport REPORT = new ValidationReport(List.of(
            new Problem(TEMPLATE, 4, 12, Severity.ERROR, "TPL-URL", "url '/orders' is not an absolute URL", "write https://..."),
            new Problem(TEMPLATE, 9, 3, Severity.WARNING, "TPL-PARAM-UNUSED", "parameter 'spare' is unused", null),
            new Problem(Path.of("gone.json"), 0, 0, Severity.ERROR, "IO-UNREADABLE", "the file does not exist", null)),
            List.of(TEMPLATE, Path.of("gone.json")), List.of(), false);

    private final JsonNode sarif = SarifReport.toSarif(REPORT);

    @Test
    void theLogNamesItsVersionAndSchemaAndHasOneRunOfApitpl() {
        assertEquals("2.1.0", sarif.path("version").asText());
        assertEquals(SarifReport.SCHEMA, sarif.path("$schema").asText());
        assertEquals(1, sarif.path("runs").size());
        assertEquals("apitpl", sarif.path("runs").get(0).path("tool").path("driver").path("name").asText());
    }

    @Test
    void everyReportedRuleIsDescribedOnceWithHelpText() {
        JsonNode rules = sarif.path("runs").get(0).path("tool").path("driver").path("rules");
        assertEquals(3, rules.size());
        for (JsonNode rule : rules) {
            assertFalse(rule.path("id").asText().isEmpty());
            assertFalse(rule.path("shortDescription").path("text").asText().isEmpty(), rule::toString);
            assertFalse(rule.path("help").path("text").asText().isEmpty(), rule::toString);
            assertTrue(Set.of("error", "warning").contains(rule.path("defaultConfiguration").path("level").asText()));
        }
        assertTrue(rules.get(0).path("help").path("text").asText().contains("absolute http or https URL"));
    }

    @Test
    void everyResultPointsAtItsRuleAndFileWithAValidRegion() {
        JsonNode run = sarif.path("runs").get(0);
        JsonNode results = run.path("results");
        assertEquals(3, results.size());
        for (JsonNode result : results) {
            int index = result.path("ruleIndex").asInt(-1);
            assertEquals(result.path("ruleId").asText(), run.path("tool").path("driver").path("rules").get(index).path("id").asText());
            assertTrue(Set.of("error", "warning").contains(result.path("level").asText()));
            assertFalse(result.path("message").path("text").asText().isEmpty());
            JsonNode location = result.path("locations").get(0).path("physicalLocation");
            assertFalse(location.path("artifactLocation").path("uri").asText().isEmpty());
            JsonNode region = location.path("region");
            assertTrue(region.isMissingNode() || region.path("startLine").asInt() >= 1, region::toString);
        }
        JsonNode first = results.get(0);
        assertEquals("src/main/templates/create%20order.json",
                first.path("locations").get(0).path("physicalLocation").path("artifactLocation").path("uri").asText());
        assertEquals(4, first.path("locations").get(0).path("physicalLocation").path("region").path("startLine").asInt());
        assertEquals(12, first.path("locations").get(0).path("physicalLocation").path("region").path("startColumn").asInt());
        assertEquals("url '/orders' is not an absolute URL (write https://...)", first.path("message").path("text").asText());
        assertTrue(results.get(2).path("locations").get(0).path("physicalLocation").path("region").isMissingNode(),
                "a file-wide problem has no region: SARIF lines start at 1");
    }

    @Test
    void theJsonReportCarriesTheSummaryAndEveryProblem() {
        JsonNode json = JsonReport.toJson(REPORT);
        assertEquals(2, json.path("summary").path("errors").asInt());
        assertEquals(1, json.path("summary").path("warnings").asInt());
        assertTrue(json.path("summary").path("failed").asBoolean());
        assertEquals("apitpl: 2 errors, 1 warning in 2 files", json.path("summary").path("text").asText());
        assertEquals("TPL-PARAM-UNUSED", json.path("problems").get(1).path("rule").asText());
        assertEquals(9, json.path("problems").get(1).path("line").asInt());
    }
}
