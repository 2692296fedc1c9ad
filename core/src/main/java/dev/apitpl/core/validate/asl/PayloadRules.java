package dev.apitpl.core.validate.asl;

import dev.apitpl.core.asl.AslNode;
import dev.apitpl.core.asl.AslState;
import dev.apitpl.core.asl.QueryLanguage;
import dev.apitpl.core.validate.ValidatorLimit;
import java.util.List;
import java.util.Set;

/**
 * What a state does with its data: JSONPath paths and Reference Paths (InputPath, OutputPath, ResultPath and the
 * {@code *Path} fields), payload templates (Parameters, ResultSelector, ItemSelector, Assign, ...) and their
 * {@code .$} keys, intrinsic function calls, strings taken literally that look like paths; in JSONata states every
 * {@code {% %}} expression.
 */
final class PayloadRules {

    /** Fields of a JSONata state whose strings are never expressions (or are checked on their own). */
    static final Set<String> NOT_EXPRESSIONS = Set.of("Type", "Comment", "QueryLanguage", "Next", "End",
            "Default", "Resource", "Branches", "ItemProcessor", "Choices", "Retry", "Catch", "Label");

    private final FieldChecks fields;
    private final Findings findings;
    private final VariableRules variables;

    PayloadRules(FieldChecks fields, VariableRules variables) {
        this.fields = fields;
        this.findings = fields.findings;
        this.variables = variables;
    }

    /** The data fields every state has in its language: JSONPath's paths and templates, or JSONata's expressions. */
    void state(AslState state, String type) {
        AslNode node = state.node();
        if (state.queryLanguage() != QueryLanguage.JSONPATH) {
            jsonataStrings(node);
            return;
        }
        path(node.get("InputPath"), "InputPath", false, true);
        path(node.get("OutputPath"), "OutputPath", false, true);
        path(node.get("ResultPath"), "ResultPath", true, false);
        payloadTemplate(node.get("Parameters"));
        payloadTemplate(node.get("ResultSelector"));
        if (!"Fail".equals(type)) {
            return;
        }
        for (String literal : List.of("Error", "Cause")) {
            AslNode value = node.get(literal);
            if (value != null && value.isString() && PathSyntax.looksLikePath(value.text())) {
                findings.report(AslRule.NO_PATH, value.location(), literal + " '" + value.text()
                        + "' looks like a path but is taken literally", "use " + literal + "Path to read it from the input");
            }
        }
    }

    /** A Pass state's Result is static: paths in it are not evaluated. */
    void passResult(AslState state) {
        AslNode result = state.node().get("Result");
        if (result != null && state.queryLanguage() == QueryLanguage.JSONPATH && looksDynamic(result)) {
            findings.report(AslRule.PASS_RESULT_IS_STATIC, result.location(), "Result of a Pass state is static:"
                    + " its paths are not evaluated", "use Parameters to build the output from paths");
        }
    }

    private boolean looksDynamic(AslNode node) {
        if (node.isString()) {
            return !node.carriesPlaceholder() && PathSyntax.looksLikePath(node.text());
        }
        if (node.isObject()) {
            for (AslNode.Member member : node.members()) {
                if (member.name().endsWith(".$") || looksDynamic(member.value())) {
                    return true;
                }
            }
        }
        return node.elements().stream().anyMatch(this::looksDynamic);
    }

    /** Checks a JSONPath payload template: keys ending in .$ hold paths or intrinsic calls, anywhere in it. */
    void payloadTemplate(AslNode template) {
        if (template == null) {
            return;
        }
        if (template.isArray()) {
            template.elements().forEach(this::payloadTemplate);
            return;
        }
        if (!template.isObject()) {
            return;
        }
        for (AslNode.Member member : template.members()) {
            String key = member.name();
            AslNode value = member.value();
            if (key.endsWith(".$") && key.length() > 2) {
                String plain = key.substring(0, key.length() - 2);
                if (template.has(plain)) {
                    findings.report(AslRule.PAYLOAD_TEMPLATE, member.keyLocation(), "'" + key + "' and '" + plain
                            + "' are both set", "keep one: '" + key + "' takes its value from a path, '" + plain + "' is literal");
                }
                dynamicValue(value, key);
            } else {
                if (value.isString() && !value.carriesPlaceholder()
                        && (PathSyntax.looksLikePath(value.text()) || IntrinsicFunctions.looksLikeCall(value.text()))) {
                    findings.report(AslRule.NO_DOLLAR, value.location(), "'" + key + "' has the value '" + value.text()
                            + "', which looks like a path or intrinsic function but is taken literally",
                            "rename the key to '" + key + ".$' to evaluate it");
                }
                payloadTemplate(value);
            }
        }
    }

    private void dynamicValue(AslNode value, String key) {
        if (value.isPlaceholder()) {
            return;
        }
        if (!value.isString()) {
            findings.report(AslRule.PAYLOAD_TEMPLATE, value.location(), "'" + key
                    + "' must be a string holding a path or an intrinsic function call",
                    "write a path such as \"$.field\", or drop '.$' from the key for a literal value");
            return;
        }
        if (value.carriesPlaceholder()) {
            return;
        }
        String text = value.text();
        if (IntrinsicFunctions.looksLikeCall(text)) {
            intrinsic(value);
        } else if (text.startsWith("$")) {
            path(value, key, false, true);
        } else {
            findings.report(AslRule.PAYLOAD_TEMPLATE, value.location(), "'" + key + "' has the value '" + text
                    + "', which is neither a path nor an intrinsic function call",
                    (text.matches("[A-Za-z_][A-Za-z0-9_.]*") ? "write a path such as \"$." + text + "\"" : "write a path such as \"$.field\"")
                            + ", or drop '.$' from the key for a literal value");
        }
    }

    /** ErrorPath and CausePath take an intrinsic function call or a Reference Path. */
    void pathOrIntrinsic(AslNode value, String field) {
        if (value != null && fields.expectString(value, field) && !value.carriesPlaceholder()) {
            if (IntrinsicFunctions.looksLikeCall(value.text())) {
                intrinsic(value);
            } else {
                path(value, field, true, true);
            }
        }
    }

    private void intrinsic(AslNode value) {
        IntrinsicFunctions.Parsed parsed = IntrinsicFunctions.parse(value.text());
        if (parsed.tooDeep()) {
            findings.limit(value.location(), ValidatorLimit.tooDeep("the intrinsic function call"), ValidatorLimit.TOO_DEEP_HINT);
            return;
        }
        if (parsed.error() != null) {
            findings.report(AslRule.INTRINSIC_FUNCTION, value.location(), "'" + value.text() + "': " + parsed.error(),
                    "see the intrinsic functions of Step Functions (States.Format, States.Array, States.MathAdd, ...)");
            return;
        }
        for (String argument : parsed.paths()) {
            PathSyntax.Checked checked = PathSyntax.check(argument, false);
            if (checked.tooDeep()) {
                findings.limit(value.location(), checked.error(), ValidatorLimit.TOO_DEEP_HINT);
            } else if (!checked.valid()) {
                findings.report(AslRule.PATH, value.location(), "argument of '" + value.text() + "': " + checked.error(),
                        "write a JSONPath such as $.field");
            } else if (checked.variable() != null) {
                variables.use(checked.variable(), value.location());
            }
        }
    }

    /**
     * Checks a Path (or Reference Path) field; null and placeholders are fine.
     *
     * @param reference whether the field takes a Reference Path
     * @param readsVariables whether a variable ($name) may be read here
     */
    void path(AslNode value, String field, boolean reference, boolean readsVariables) {
        if (value == null || value.isNull() || value.isPlaceholder()) {
            return;
        }
        if (!value.isString()) {
            fields.typeError(value, field, "a path string");
            return;
        }
        if (value.carriesPlaceholder()) {
            return;
        }
        PathSyntax.Checked checked = PathSyntax.check(value.text(), reference);
        if (checked.tooDeep()) {
            findings.limit(value.location(), checked.error(), ValidatorLimit.TOO_DEEP_HINT);
        } else if (!checked.valid()) {
            findings.report(AslRule.PATH, value.location(), field + ": " + checked.error(), fields.placeholderHint(value,
                    reference ? "write a Reference Path such as $.result or $.detail.items[0]"
                            : "write a JSONPath such as $.field, $$.Execution.Id or $.items[?(@.ok)]"));
        } else if (checked.variable() != null) {
            if (!readsVariables) {
                findings.report(AslRule.PATH, value.location(), field + " cannot refer to variable '$" + checked.variable() + "'",
                        "set variables with Assign; " + field + " takes a path into the state's data ($...)");
            } else {
                variables.use(checked.variable(), value.location());
            }
        }
    }

    /** Checks every string in a JSONata state's fields (except those never expressions) as a possible {% %} expression. */
    private void jsonataStrings(AslNode node) {
        for (AslNode.Member member : node.members()) {
            if (!NOT_EXPRESSIONS.contains(member.name())) {
                jsonataValue(member.value());
            }
        }
    }

    /** Checks every string in a JSONata value as a possible {% %} expression. */
    void jsonataValue(AslNode value) {
        if (value.isString()) {
            if (value.carriesPlaceholder()) {
                return;
            }
            JsonataExpressions.Verdict verdict = JsonataExpressions.check(value.text());
            if (verdict != null && verdict.rule() == null) {
                findings.limit(value.location(), verdict.message(), verdict.hint());
            } else if (verdict != null) {
                findings.report(verdict.rule(), value.location(), verdict.message(), verdict.hint());
            }
        } else if (value.isObject()) {
            value.members().forEach(member -> jsonataValue(member.value()));
        } else if (value.isArray()) {
            value.elements().forEach(this::jsonataValue);
        }
    }
}
