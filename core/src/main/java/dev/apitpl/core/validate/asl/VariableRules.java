package dev.apitpl.core.validate.asl;

import dev.apitpl.core.asl.AslNode;
import dev.apitpl.core.asl.AslState;
import dev.apitpl.core.asl.Location;
import dev.apitpl.core.asl.QueryLanguage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Workflow variables: what Assign (of a state, a catcher, a Choice rule) sets, variable names (AWS's workflow
 * variables: a Unicode identifier, ID_Start then ID_Continue characters, at most 80 long; {@code states} is
 * reserved), JSONPath reads of a variable nobody assigns, and where a JSONata state may read the reserved
 * {@code $states}: {@code $states.result} in the Output and Assign of a Task, Parallel or Map state,
 * {@code $states.errorOutput} in a catcher's Output and Assign; {@code $states.input} and {@code $states.context}
 * everywhere.
 */
final class VariableRules {

    static final int MAX_NAME_LENGTH = 80;
    private static final Set<String> WITH_RESULT = Set.of("Task", "Parallel", "Map");
    private static final Pattern STATES_MEMBER = Pattern.compile("\\$states\\s*\\.\\s*(result|errorOutput)\\b");

    private record Use(String name, Location location) {}

    private final FieldChecks fields;
    private final Findings findings;
    private final Set<String> assigned = new HashSet<>();
    private final List<Use> uses = new ArrayList<>();
    /** Checks Assign as a payload template in JSONPath; set once the payload rules exist. */
    PayloadRules payloads;

    VariableRules(FieldChecks fields) {
        this.fields = fields;
        this.findings = fields.findings;
    }

    /** Records the variables an Assign sets, checks their names, and checks it as a payload template in JSONPath. */
    void assign(AslNode assign, QueryLanguage language) {
        if (assign == null) {
            return;
        }
        if (!assign.isObject()) {
            if (!assign.isPlaceholder()) {
                fields.typeError(assign, "Assign", "an object of variable names to values");
            }
            return;
        }
        for (AslNode.Member member : assign.members()) {
            String name = language == QueryLanguage.JSONPATH && member.name().endsWith(".$")
                    ? member.name().substring(0, member.name().length() - 2) : member.name();
            assigned.add(name);
            name(name, member);
        }
        if (language == QueryLanguage.JSONPATH) {
            payloads.payloadTemplate(assign);
        }
    }

    private void name(String name, AslNode.Member member) {
        if (fields.carriesPlaceholder(name)) {
            return;
        }
        String problem = null;
        if (name.equals("states")) {
            problem = "is reserved: $states holds the state's input, result, error output and context";
        } else if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            problem = "has " + name.codePointCount(0, name.length()) + " characters, more than " + MAX_NAME_LENGTH;
        } else if (!isIdentifier(name)) {
            problem = "is not a Unicode identifier (a letter first, then letters, digits or _)";
        }
        if (problem != null) {
            findings.report(AslRule.VARIABLE_NAME, member.keyLocation(), "variable name '" + name + "' " + problem,
                    "name variables like identifiers of at most " + MAX_NAME_LENGTH
                            + " characters, e.g. orderTotal; a part of a variable (x.y, x[0]) cannot be assigned");
        }
    }

    /** Unicode Standard Annex #31: an ID_Start character, then ID_Continue characters. */
    static boolean isIdentifier(String name) {
        if (name.isEmpty() || !Character.isUnicodeIdentifierStart(name.codePointAt(0))) {
            return false;
        }
        return name.codePoints().skip(1).allMatch(c -> Character.isUnicodeIdentifierPart(c)
                && !Character.isIdentifierIgnorable(c));
    }

    /** A JSONPath read of a variable ($name), reported later if nothing assigns it. */
    void use(String name, Location location) {
        uses.add(new Use(name, location));
    }

    /** Reports the variables read but never assigned; call once every state has been checked. */
    void undefinedVariables() {
        for (Use use : uses) {
            if (!assigned.contains(use.name())) {
                findings.report(AslRule.UNDEFINED_VARIABLE, use.location(), "variable '$" + use.name()
                        + "' is never assigned", Suggestions.didYouMean(use.name(), assigned,
                        "assign it with Assign in an earlier state, or write $." + use.name() + " for an input field"));
            }
        }
    }

    /** Where a JSONata state reads $states.result and $states.errorOutput. */
    void statesReads(AslState state, String type) {
        if (state.queryLanguage() != QueryLanguage.JSONATA) {
            return;
        }
        for (AslNode.Member member : state.node().members()) {
            String field = member.name();
            AslNode value = member.value();
            if (field.equals("Choices") || field.equals("Catch")) {
                boolean catcher = field.equals("Catch");
                for (AslNode handler : value.elements()) {
                    for (String part : List.of("Condition", "Output", "Assign")) {
                        AslNode read = handler.isObject() ? handler.get(part) : null;
                        if (read != null) {
                            statesReads(read, (catcher ? "a catcher's " : "a Choice rule's ") + part, false, catcher);
                        }
                    }
                }
            } else if (!PayloadRules.NOT_EXPRESSIONS.contains(field)) {
                boolean resultField = field.equals("Output") || field.equals("Assign");
                statesReads(value, field, resultField && WITH_RESULT.contains(type), false);
            }
        }
    }

    private void statesReads(AslNode value, String field, boolean result, boolean errorOutput) {
        if (value.isString()) {
            if (value.carriesPlaceholder() || !JsonataExpressions.isExpression(value.text())) {
                return;
            }
            Matcher matcher = STATES_MEMBER.matcher(value.text());
            while (matcher.find()) {
                String member = matcher.group(1);
                if (member.equals("result") && !result) {
                    findings.report(AslRule.STATES_VARIABLE, value.location(), field + " reads $states.result, which "
                            + "does not exist there", "$states.result is the result of a Task, Parallel or Map state,"
                            + " readable in its Output and Assign; read $states.input here");
                } else if (member.equals("errorOutput") && !errorOutput) {
                    findings.report(AslRule.STATES_VARIABLE, value.location(), field + " reads $states.errorOutput,"
                            + " which does not exist there", "$states.errorOutput is readable only in a catcher's"
                            + " Output and Assign");
                }
            }
        } else if (value.isObject()) {
            value.members().forEach(member -> statesReads(member.value(), field, result, errorOutput));
        } else if (value.isArray()) {
            value.elements().forEach(element -> statesReads(element, field, result, errorOutput));
        }
    }
}
