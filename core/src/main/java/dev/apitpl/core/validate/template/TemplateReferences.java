package dev.apitpl.core.validate.template;

import dev.apitpl.core.asl.AslNode;
import dev.apitpl.core.asl.AslDocument;
import dev.apitpl.core.asl.AslState;
import dev.apitpl.core.validate.Problem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks that every template a state machine reads by a static name exists among the project's template files:
 * a DynamoDB {@code getItem} on the template table whose {@code Key.PK} (template name) is written in the definition,
 * optionally with a static {@code Key.SK} (method), or a Lambda invoked with a static {@code templateName} (and
 * {@code method}). The template table is the one table the definition's DynamoDB tasks name, as the local run infers
 * it; when they name several, or a read names its table at run time, a read is a template read only when it is keyed
 * like one: {@code PK} and an {@code SK} that is an HTTP method. Names decided at run time (a path,
 * {@code "S.$": "$.templateName"}, or a JSONata {@code {% %}} expression) are not checked.
 */
public final class TemplateReferences {

    private TemplateReferences() {}

    public static List<Problem> check(AslDocument definition, Collection<TemplateKey> templates) {
        List<Problem> problems = new ArrayList<>();
        String templateTable = templateTable(definition);
        for (AslState state : definition.states()) {
            AslNode resource = state.resource();
            AslNode input = state.parameters();
            if (resource == null || !resource.isString() || input == null || !input.isObject()) {
                continue;
            }
            String arn = resource.text();
            if (arn.endsWith(":dynamodb:getItem")) {
                AslNode key = input.get("Key");
                if (key == null || !key.isObject()) {
                    continue;
                }
                String table = tableName(input);
                boolean templateRead = templateTable != null && table != null ? table.equals(templateTable)
                        : keyedLikeATemplate(key);
                if (templateRead) {
                    reference(definition, state, staticString(key.get("PK")), staticString(key.get("SK")), templates, problems);
                }
            } else if (arn.contains(":lambda:") || arn.contains(":function:")) {
                AslNode payload = arn.endsWith(":lambda:invoke") ? input.get("Payload") : input;
                if (payload != null && payload.isObject()) {
                    reference(definition, state, literal(payload.get("templateName")), literal(payload.get("method")),
                            templates, problems);
                }
            }
        }
        return problems;
    }

    /** The one table the definition's DynamoDB tasks name in the definition, or null when there are several or none. */
    private static String templateTable(AslDocument definition) {
        Set<String> tables = new LinkedHashSet<>();
        for (AslState state : definition.states()) {
            AslNode resource = state.resource();
            AslNode input = state.parameters();
            if (resource != null && resource.isString() && resource.text().contains(":dynamodb:")
                    && input != null && input.isObject()) {
                String table = tableName(input);
                if (table != null) {
                    tables.add(table);
                }
            }
        }
        return tables.size() == 1 ? tables.iterator().next() : null;
    }

    /** A TableName written in the definition (a placeholder's text counts: it names the same table each time). */
    private static String tableName(AslNode input) {
        AslNode table = input.get("TableName");
        return table != null && table.isString() && !isExpression(table.text()) ? table.text() : null;
    }

    /** {@code PK} and {@code SK} only, the SK an HTTP method: how the template table is keyed. */
    private static boolean keyedLikeATemplate(AslNode key) {
        AslNode method = staticString(key.get("SK"));
        return key.members().size() == 2 && key.has("PK") && method != null
                && TemplateFileValidator.HTTP_METHODS.contains(method.text());
    }

    private static void reference(AslDocument definition, AslState state, AslNode name, AslNode method,
                                  Collection<TemplateKey> templates, List<Problem> problems) {
        if (name == null) {
            return;
        }
        String wantedMethod = method == null ? null : method.text().toUpperCase(Locale.ROOT);
        boolean found = templates.stream().anyMatch(template -> template.name().equals(name.text())
                && (wantedMethod == null || template.method().equals(wantedMethod)));
        if (found) {
            return;
        }
        String wanted = "'" + name.text() + "'" + (wantedMethod == null ? "" : " with method " + wantedMethod);
        String known = templates.isEmpty() ? "none"
                : templates.stream().map(TemplateKey::toString).sorted().collect(Collectors.joining(", "));
        TemplateRule rule = TemplateRule.TEMPLATE_MISSING;
        problems.add(new Problem(definition.file(), name.location().line(), name.location().column(), rule.severity(),
                rule.id(), "state '" + state.name() + "' reads template " + wanted + ", which no template file defines",
                "add a template file with \"name\": \"" + name.text() + "\"" + (wantedMethod == null ? ""
                        : " and \"method\": \"" + wantedMethod + "\"") + ", or fix the name (templates: " + known + ")"));
    }

    /** The value of a DynamoDB attribute written as {@code {"S": "name"}}, or null when dynamic or absent. */
    private static AslNode staticString(AslNode attribute) {
        return attribute != null && attribute.isObject() ? literal(attribute.get("S")) : null;
    }

    /** A string written in the definition, not one decided at run time (a placeholder or a JSONata expression). */
    private static AslNode literal(AslNode value) {
        return value != null && value.isString() && !value.carriesPlaceholder() && !isExpression(value.text()) ? value : null;
    }

    private static boolean isExpression(String text) {
        return text.startsWith("{%") && text.endsWith("%}");
    }
}
