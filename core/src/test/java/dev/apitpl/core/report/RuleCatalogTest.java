package dev.apitpl.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.apitpl.core.validate.Severity;
import dev.apitpl.core.validate.ValidationService;
import dev.apitpl.core.validate.ValidatorLimit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SARIF and JSON reports describe every rule they report, the internal ones included. */
class RuleCatalogTest {

    @Test
    void internalRulesAreDescribedNotJustNamed() {
        for (String id : List.of(ValidatorLimit.RULE, ValidationService.UNREADABLE_RULE, "TPL-JINJA-DISABLED")) {
            RuleCatalog.Rule rule = RuleCatalog.rule(id);
            assertNotEquals(id, rule.description(), id + " has no description in the catalogue");
            assertEquals(Severity.ERROR, rule.severity(), id);
        }
    }
}
