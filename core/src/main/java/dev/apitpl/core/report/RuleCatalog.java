package dev.apitpl.core.report;

import dev.apitpl.core.validate.Severity;
import dev.apitpl.core.validate.ValidationService;
import dev.apitpl.core.validate.ValidatorLimit;
import dev.apitpl.core.validate.asl.AslRule;
import dev.apitpl.core.validate.template.TemplateRule;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every rule a validation can report, by id, with its default severity and help text. */
public final class RuleCatalog {

    /**
     * @param id stable rule id
     * @param severity the severity it is reported with by default
     * @param description one sentence saying what valid input does
     */
    public record Rule(String id, Severity severity, String description) {}

    private static final Map<String, Rule> RULES;

    static {
        Map<String, Rule> rules = new LinkedHashMap<>();
        for (AslRule rule : AslRule.values()) {
            rules.put(rule.id(), new Rule(rule.id(), rule.severity(), rule.summary()));
        }
        for (TemplateRule rule : TemplateRule.values()) {
            rules.put(rule.id(), new Rule(rule.id(), rule.severity(), rule.description()));
        }
        rules.put(ValidationService.UNREADABLE_RULE, new Rule(ValidationService.UNREADABLE_RULE, Severity.ERROR,
                "Every file to validate exists and is UTF-8 text."));
        rules.put(ValidatorLimit.RULE, new Rule(ValidatorLimit.RULE, Severity.ERROR,
                "The validator could check the whole file; this internal rule marks what it could not check."));
        RULES = Collections.unmodifiableMap(rules);
    }

    private RuleCatalog() {}

    public static Map<String, Rule> all() {
        return RULES;
    }

    /** The rule with this id; an id no catalogue lists is described by its id alone. */
    public static Rule rule(String id) {
        return RULES.getOrDefault(id, new Rule(id, Severity.ERROR, id));
    }
}
