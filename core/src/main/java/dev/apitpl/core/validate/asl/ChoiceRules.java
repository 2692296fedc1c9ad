package dev.apitpl.core.validate.asl;

import dev.apitpl.core.asl.AslNode;
import dev.apitpl.core.asl.ChoiceOperator;
import dev.apitpl.core.asl.ChoiceOperator.Operand;
import dev.apitpl.core.asl.QueryLanguage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules of Choice states: one comparison per rule, operand types ({@link ChoiceOperator}'s table), Next only on
 * top-level rules.
 */
final class ChoiceRules {

    private final FieldChecks fields;
    private final Findings findings;
    private final PayloadRules payloads;
    private final VariableRules variables;

    ChoiceRules(FieldChecks fields, PayloadRules payloads, VariableRules variables) {
        this.fields = fields;
        this.findings = fields.findings;
        this.payloads = payloads;
        this.variables = variables;
    }

    private static boolean isOperator(String field) {
        return ChoiceOperator.named(field) != null;
    }

    void jsonPathRule(AslNode rule, boolean topLevel) {
        if (!rule.isObject()) {
            if (!rule.isPlaceholder()) {
                fields.typeError(rule, "a choice rule", "an object");
            }
            return;
        }
        Set<String> known = new HashSet<>(List.of("Variable", "And", "Or", "Not", "Comment"));
        if (topLevel) {
            known.addAll(List.of("Next", "Assign"));
        }
        List<String> operators = new ArrayList<>();
        List<String> combinators = new ArrayList<>();
        for (AslNode.Member member : rule.members()) {
            String name = member.name();
            if (isOperator(name)) {
                operators.add(name);
            } else if (name.equals("And") || name.equals("Or") || name.equals("Not")) {
                combinators.add(name);
            } else if (name.equals("Next") && !topLevel) {
                findings.report(AslRule.CHOICE_RULE, member.keyLocation(), "a nested choice rule (inside And, Or or Not)"
                        + " has Next", "only top-level rules have Next: move it to the enclosing rule");
            } else if (!known.contains(name)) {
                Set<String> candidates = new TreeSet<>(known);
                ChoiceOperator.byName().values().stream().filter(operator -> !operator.pathForm())
                        .forEach(operator -> candidates.add(operator.name()));
                findings.report(AslRule.CHOICE_RULE, member.keyLocation(), "a choice rule has no field '" + name + "'",
                        Suggestions.didYouMean(name, candidates, "use Variable with one comparison operator, or And/Or/Not"));
            }
        }
        if (topLevel) {
            variables.assign(rule.get("Assign"), QueryLanguage.JSONPATH);
        }
        if (topLevel && !rule.has("Next")) {
            findings.report(AslRule.CHOICE_RULE, rule.location(), "a top-level choice rule has no Next",
                    "add \"Next\": \"<state to go to when the rule matches>\"");
        }
        if (!combinators.isEmpty()) {
            if (combinators.size() + operators.size() > 1 || rule.has("Variable")) {
                findings.report(AslRule.CHOICE_RULE, rule.location(), "a choice rule combines "
                        + String.join(", ", concat(combinators, operators, rule.has("Variable") ? List.of("Variable") : List.of())),
                        "use either And/Or/Not or Variable with one comparison");
            }
            for (String combinator : combinators) {
                AslNode operand = rule.get(combinator);
                if (combinator.equals("Not")) {
                    jsonPathRule(operand, false);
                } else if (!operand.isArray() || operand.elements().isEmpty()) {
                    fields.typeError(operand, combinator, "a non-empty array of rules");
                } else {
                    operand.elements().forEach(nested -> jsonPathRule(nested, false));
                }
            }
            return;
        }
        AslNode variable = rule.get("Variable");
        if (variable == null) {
            findings.report(AslRule.CHOICE_RULE, rule.location(), "a choice rule has no Variable",
                    "add \"Variable\": \"$.field\" and one comparison operator");
        } else if (fields.expectString(variable, "Variable")) {
            payloads.path(variable, "Variable", true, true);
        }
        if (operators.size() != 1) {
            findings.report(AslRule.CHOICE_RULE, rule.location(), "a choice rule has " + (operators.isEmpty()
                    ? "no comparison operator" : operators.size() + " comparison operators (" + String.join(", ", operators) + ")"),
                    "use exactly one, e.g. StringEquals, NumericGreaterThan, IsPresent; combine rules with And/Or");
        }
        for (String operator : operators) {
            operand(operator, rule.get(operator));
        }
    }

    private void operand(String operator, AslNode value) {
        if (value.isPlaceholder()) {
            return;
        }
        ChoiceOperator known = ChoiceOperator.named(operator);
        if (known == null || known.pathForm()) {
            if (fields.expectString(value, operator)) {
                payloads.path(value, operator, true, true);
            }
            return;
        }
        Operand type = known.operand();
        boolean matches = switch (type) {
            case STRING, TIMESTAMP -> value.isString();
            case NUMBER -> value.isNumber();
            case BOOLEAN, TRUE_OR_FALSE -> value.isBoolean();
        };
        if (!matches) {
            String expected = switch (type) {
                case STRING -> "a string";
                case TIMESTAMP -> "an RFC 3339 timestamp string";
                case NUMBER -> "a number";
                case BOOLEAN, TRUE_OR_FALSE -> "true or false";
            };
            findings.report(AslRule.CHOICE_RULE, value.location(), operator + " is " + FieldChecks.describe(value)
                    + ", expected " + expected, value.isString() && value.text().startsWith("$")
                    ? "to compare with a value from the input use " + operator + "Path" : null);
        } else if (type == Operand.TIMESTAMP && !value.carriesPlaceholder()) {
            fields.timestamp(value, operator);
        }
    }

    void jsonataRule(AslNode rule) {
        if (!rule.isObject()) {
            if (!rule.isPlaceholder()) {
                fields.typeError(rule, "a choice rule", "an object");
            }
            return;
        }
        Set<String> known = Set.of("Condition", "Next", "Assign", "Output", "Comment");
        for (AslNode.Member member : rule.members()) {
            if (!known.contains(member.name())) {
                boolean jsonPath = member.name().equals("Variable") || isOperator(member.name())
                        || member.name().equals("And") || member.name().equals("Or") || member.name().equals("Not");
                findings.report(jsonPath ? AslRule.QUERY_LANGUAGE : AslRule.CHOICE_RULE, member.keyLocation(),
                        "a JSONata choice rule has no field '" + member.name() + "'", jsonPath
                                ? "in JSONata write \"Condition\": \"{% ... %}\""
                                : Suggestions.didYouMean(member.name(), known, "allowed: " + String.join(", ", new TreeSet<>(known))));
            }
        }
        AslNode condition = rule.get("Condition");
        if (condition == null) {
            findings.report(AslRule.CHOICE_RULE, rule.location(), "a JSONata choice rule has no Condition",
                    "add \"Condition\": \"{% <boolean expression> %}\"");
        } else if (!condition.isBoolean() && !condition.isPlaceholder()
                && !(condition.isString() && JsonataExpressions.isExpression(condition.text()))) {
            fields.typeError(condition, "Condition", "a {% %} expression or true/false");
        }
        if (!rule.has("Next")) {
            findings.report(AslRule.CHOICE_RULE, rule.location(), "a choice rule has no Next",
                    "add \"Next\": \"<state to go to when the rule matches>\"");
        }
        for (String field : List.of("Condition", "Output", "Assign")) {
            AslNode value = rule.get(field);
            if (value != null) {
                payloads.jsonataValue(value);
            }
        }
        variables.assign(rule.get("Assign"), QueryLanguage.JSONATA);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return all;
    }
}
