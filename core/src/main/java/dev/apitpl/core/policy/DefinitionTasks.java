package dev.apitpl.core.policy;

import dev.apitpl.core.validate.Problem;
import dev.apitpl.core.validate.asl.AslAnalysis;
import dev.apitpl.core.validate.asl.AslDocument;
import dev.apitpl.core.validate.asl.AslNode;
import dev.apitpl.core.validate.asl.AslState;
import dev.apitpl.core.validate.asl.AslValidationOptions;
import dev.apitpl.core.validate.asl.AslValidator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one place policies read a definition: its Task states with the arguments that name resources. Placeholders of
 * managed resources are left unresolved (so they are recognised), the project's own substitutions applied.
 */
final class DefinitionTasks {

    /** What was read: the Task calls, or the problems that kept the definition from being read. */
    record Read(List<TaskCall> calls, List<Problem> problems) {}

    private static final List<String> NAMING_ARGUMENTS = List.of("TableName", "FunctionName");

    private DefinitionTasks() {}

    static Read read(Path definition, Map<String, String> substitutions) {
        AslValidationOptions options = AslValidationOptions.tolerant().withSubstitutions(substitutions);
        AslAnalysis analysis = AslValidator.analyze(definition, options);
        if (analysis.document().isEmpty()) {
            return new Read(List.of(), analysis.problems());
        }
        AslDocument document = analysis.document().get();
        List<TaskCall> calls = new ArrayList<>();
        for (AslState state : document.states()) {
            if (!"Task".equals(state.type())) {
                continue;
            }
            AslNode resource = state.resource();
            AslNode input = state.parameters();
            Map<String, TaskCall.Argument> arguments = new LinkedHashMap<>();
            Set<String> payloadFields = null;
            if (input != null && input.isObject()) {
                for (String name : NAMING_ARGUMENTS) {
                    TaskCall.Argument argument = argument(input, name);
                    if (argument != null) {
                        arguments.put(name, argument);
                    }
                }
                // an integration carries the function's input in Payload; a function ARN as Resource gets the whole input
                boolean integration = resource != null && resource.isString() && resource.text().contains(":states:::");
                payloadFields = fields(integration ? input.get("Payload") : input);
            }
            calls.add(new TaskCall(state.name(), state.location().line(), state.location().column(),
                    resource == null ? null : argument(resource), arguments, payloadFields));
        }
        return new Read(calls, List.of());
    }

    private static TaskCall.Argument argument(AslNode input, String name) {
        AslNode.Member path = input.member(name + ".$");
        if (path != null) {
            return new TaskCall.Argument(TaskCall.Kind.DYNAMIC, name + ".$: " + path.value().text(),
                    path.keyLocation().line(), path.keyLocation().column());
        }
        AslNode value = input.get(name);
        return value == null ? null : argument(value);
    }

    private static TaskCall.Argument argument(AslNode value) {
        int line = value.location().line();
        int column = value.location().column();
        String text = value.text() == null ? "" : value.text();
        if (value.isPlaceholder() && text.startsWith("${") && text.endsWith("}")) {
            return new TaskCall.Argument(TaskCall.Kind.PLACEHOLDER, text.substring(2, text.length() - 1), line, column);
        }
        if (!value.isString() || value.carriesPlaceholder() || text.startsWith("{%")) {
            return new TaskCall.Argument(TaskCall.Kind.DYNAMIC, text, line, column);
        }
        return new TaskCall.Argument(TaskCall.Kind.LITERAL, text, line, column);
    }

    private static Set<String> fields(AslNode payload) {
        if (payload == null || !payload.isObject()) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        payload.members().forEach(member -> names.add(member.name().endsWith(".$")
                ? member.name().substring(0, member.name().length() - 2) : member.name()));
        return names;
    }
}
