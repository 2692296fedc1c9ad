package dev.apitpl.core.validate.asl;

import dev.apitpl.core.asl.AslDocument;
import dev.apitpl.core.asl.AslNode;
import dev.apitpl.core.asl.AslState;
import dev.apitpl.core.asl.ErrorNames;
import dev.apitpl.core.asl.QueryLanguage;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Retry and Catch: each retrier's and catcher's fields and ranges, a non-empty ErrorEquals with States.ALL alone and
 * last, States. error names that are predefined (or raised by a Fail state of the machine), a catcher's Next,
 * ResultPath (JSONPath) or Output (JSONata) and Assign.
 */
final class RetryCatchRules {

    private static final Set<String> RETRIER_FIELDS = Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts",
            "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment");
    private static final Set<String> JSONPATH_CATCHER_FIELDS = Set.of("ErrorEquals", "Next", "ResultPath", "Assign",
            "Comment");
    private static final Set<String> JSONATA_CATCHER_FIELDS = Set.of("ErrorEquals", "Next", "Output", "Assign",
            "Comment");

    private final AslDocument document;
    private final FieldChecks fields;
    private final Findings findings;
    private final PayloadRules payloads;
    private final VariableRules variables;
    private Set<String> raisedByFailStates;

    RetryCatchRules(AslDocument document, FieldChecks fields, PayloadRules payloads, VariableRules variables) {
        this.document = document;
        this.fields = fields;
        this.findings = fields.findings;
        this.payloads = payloads;
        this.variables = variables;
    }

    void state(AslState state) {
        AslNode node = state.node();
        if (node.has("Retry")) {
            retriers(node.get("Retry"));
        }
        if (node.has("Catch")) {
            catchers(node.get("Catch"), state.queryLanguage());
        }
    }

    private void retriers(AslNode retry) {
        if (!retry.isArray()) {
            fields.typeError(retry, "Retry", "an array of retriers");
            return;
        }
        List<AslNode> elements = retry.elements();
        for (int i = 0; i < elements.size(); i++) {
            AslNode retrier = elements.get(i);
            if (!retrier.isObject()) {
                fields.typeError(retrier, "a retrier", "an object with ErrorEquals");
                continue;
            }
            fields.unknownFields(retrier, RETRIER_FIELDS, "a retrier");
            errorEquals(retrier, "retrier", i == elements.size() - 1);
            AslNode interval = retrier.get("IntervalSeconds");
            if (interval != null) {
                fields.integerIn(interval, "IntervalSeconds", BigDecimal.ONE, FieldChecks.MAX_SECONDS);
            }
            AslNode attempts = retrier.get("MaxAttempts");
            if (attempts != null) {
                fields.integerIn(attempts, "MaxAttempts", BigDecimal.ZERO, FieldChecks.MAX_SECONDS);
            }
            AslNode backoff = retrier.get("BackoffRate");
            if (backoff != null) {
                fields.numberIn(backoff, "BackoffRate", BigDecimal.ONE, null);
            }
            AslNode maxDelay = retrier.get("MaxDelaySeconds");
            if (maxDelay != null) {
                fields.integerIn(maxDelay, "MaxDelaySeconds", BigDecimal.ONE, BigDecimal.valueOf(31_622_400));
            }
            fields.oneOf(retrier.get("JitterStrategy"), "JitterStrategy", Set.of("FULL", "NONE"));
        }
    }

    private void catchers(AslNode catchers, QueryLanguage language) {
        if (!catchers.isArray()) {
            fields.typeError(catchers, "Catch", "an array of catchers");
            return;
        }
        List<AslNode> elements = catchers.elements();
        for (int i = 0; i < elements.size(); i++) {
            AslNode catcher = elements.get(i);
            if (!catcher.isObject()) {
                fields.typeError(catcher, "a catcher", "an object with ErrorEquals and Next");
                continue;
            }
            fields.unknownFields(catcher, language == QueryLanguage.JSONPATH ? JSONPATH_CATCHER_FIELDS
                    : JSONATA_CATCHER_FIELDS, "a catcher");
            errorEquals(catcher, "catcher", i == elements.size() - 1);
            AslNode next = catcher.get("Next");
            if (next == null) {
                findings.report(AslRule.REQUIRED_FIELD, catcher.location(), "a catcher has no Next",
                        "add \"Next\": \"<state that handles the error>\"");
            } else {
                fields.expectString(next, "Next");
            }
            if (language == QueryLanguage.JSONPATH) {
                payloads.path(catcher.get("ResultPath"), "ResultPath", true, false);
            } else {
                for (String field : List.of("Output", "Assign")) {
                    AslNode value = catcher.get(field);
                    if (value != null) {
                        payloads.jsonataValue(value);
                    }
                }
            }
            variables.assign(catcher.get("Assign"), language);
        }
    }

    private void errorEquals(AslNode handler, String what, boolean last) {
        AslNode errors = handler.get("ErrorEquals");
        if (errors == null) {
            findings.report(AslRule.REQUIRED_FIELD, handler.location(), "a " + what + " has no ErrorEquals",
                    "add \"ErrorEquals\": [\"States.ALL\"] or the error names to handle");
            return;
        }
        if (!errors.isArray() || errors.elements().isEmpty()) {
            findings.report(AslRule.RETRY_CATCH, errors.location(), "ErrorEquals of a " + what
                    + " is not a non-empty array of error names", "list at least one error name, e.g. [\"States.ALL\"]");
            return;
        }
        boolean all = false;
        for (AslNode error : errors.elements()) {
            if (!error.isString() && !error.isPlaceholder()) {
                fields.typeError(error, "an error name", "a string");
            } else if ("States.ALL".equals(error.text())) {
                all = true;
            } else if (error.isString() && error.text().startsWith("States.")
                    && !ErrorNames.PREDEFINED.contains(error.text()) && !error.carriesPlaceholder()
                    && !raisedByFailStates().contains(error.text())) {
                findings.report(AslRule.ERROR_NAME, error.location(), "'" + error.text()
                        + "' is not one of Step Functions' predefined errors", Suggestions.didYouMean(error.text(),
                        ErrorNames.PREDEFINED, "the States. prefix is reserved for Step Functions' own errors:"
                                + " name your own errors without it"));
            }
        }
        if (all && errors.elements().size() > 1) {
            findings.report(AslRule.RETRY_CATCH, errors.location(), "States.ALL is combined with other error names",
                    "States.ALL must appear alone in its ErrorEquals");
        }
        if (all && !last) {
            findings.report(AslRule.RETRY_CATCH, errors.location(), "the " + what + " with States.ALL is not the last one",
                    "move it after the other " + what + "s");
        }
    }

    /** Error names Fail states of this machine raise: a States. name raised here can be caught here. */
    private Set<String> raisedByFailStates() {
        if (raisedByFailStates == null) {
            raisedByFailStates = new HashSet<>();
            for (AslState state : document.states()) {
                AslNode error = state.node().get("Error");
                if ("Fail".equals(state.type()) && error != null && error.isString()) {
                    raisedByFailStates.add(error.text());
                }
            }
        }
        return raisedByFailStates;
    }
}
