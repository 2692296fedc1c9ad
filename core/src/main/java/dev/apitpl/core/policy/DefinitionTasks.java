package dev.apitpl.core.policy;

import dev.apitpl.core.asl.AslModel;
import dev.apitpl.core.asl.AslNode;
import dev.apitpl.core.asl.PlaceholderMode;
import dev.apitpl.core.asl.TaskState;
import dev.apitpl.core.validate.Problem;
import dev.apitpl.core.validate.ValidationService;
import dev.apitpl.core.validate.asl.AslValidationOptions;
import dev.apitpl.core.validate.asl.AslValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one place policies read a definition: the ASL model's Task states, with the arguments that name resources and
 * where they are written. Placeholders of managed resources are left unresolved (so they are recognised), the
 * project's own substitutions applied.
 */
final class DefinitionTasks {

    /** What was read: the Task calls, or the problems that kept the definition from being read. */
    record Read(List<TaskCall> calls, List<Problem> problems) {}

    private static final List<String> NAMING_ARGUMENTS = List.of("TableName", "FunctionName");

    private DefinitionTasks() {}

    static Read read(Path definition, Map<String, String> substitutions) {
        AslModel model;
        try {
            model = AslModel.read(definition, Files.readString(definition, StandardCharsets.UTF_8), substitutions,
                    PlaceholderMode.TOLERATE);
        } catch (IOException e) {
            return new Read(List.of(), List.of(ValidationService.unreadable(definition, e)));
        }
        if (model.document().isEmpty()) {
            // not a definition that can be read: the validator says why, located
            return new Read(List.of(), AslValidator.check(model,
                    AslValidationOptions.tolerant().withSubstitutions(substitutions)));
        }
        List<TaskCall> calls = new ArrayList<>();
        for (TaskState task : model.taskStates()) {
            AslNode resource = task.state().resource();
            AslNode input = task.state().parameters();
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
                boolean integration = task.resource() != null && task.resource().contains(":states:::");
                payloadFields = fields(integration ? input.get("Payload") : input);
            }
            calls.add(new TaskCall(task.name(), task.location().line(), task.location().column(),
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
