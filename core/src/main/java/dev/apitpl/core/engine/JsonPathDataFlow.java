package dev.apitpl.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.core.asl.Catcher;
import dev.apitpl.core.asl.ErrorNames;
import dev.apitpl.core.asl.StateType;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSONPath data flow: InputPath, Parameters, ResultSelector, ResultPath, OutputPath; payload templates whose
 * {@code .$} keys take a path ({@code $.x}, the context object {@code $$.x}, a variable {@code $name.x}) or an
 * intrinsic function call; Assign as a payload template over the state's result.
 */
final class JsonPathDataFlow implements DataFlow {

    static final JsonPathDataFlow INSTANCE = new JsonPathDataFlow();

    private JsonPathDataFlow() {}

    @Override
    public JsonNode effectiveInput(StateRun run) {
        return selectField(run, "InputPath", run.rawInput);
    }

    @Override
    public JsonNode arguments(StateRun run) {
        JsonNode effective = effectiveInput(run);
        JsonNode parameters = run.field("Parameters");
        if (parameters == null || run.state.type() == StateType.MAP) {
            // A Map's Parameters is the legacy name of its ItemSelector: it applies to each item.
            return effective;
        }
        return payload(run, parameters, effective, null);
    }

    @Override
    public Value value(StateRun run, String field, JsonNode pathData) {
        JsonNode value = run.field(field);
        if (value != null) {
            return new Value(value, null);
        }
        JsonNode path = run.field(field + "Path");
        if (path == null) {
            return null;
        }
        return new Value(expression(run, path.asText(), pathData, null, field + "Path"), path.asText());
    }

    @Override
    public boolean matches(StateRun run, JsonNode rule, JsonNode effective) {
        return ChoiceRules.matches(rule, path -> readPath(run, path, effective));
    }

    @Override
    public JsonNode items(StateRun run, JsonNode effective) {
        JsonNode items = effective;
        JsonNode itemsPath = run.field("ItemsPath");
        if (itemsPath != null) {
            items = expression(run, itemsPath.asText(), effective, null, "ItemsPath");
        }
        if (!items.isArray()) {
            throw StatesError.runtime("Map state input must be an array but was: " + Json.write(items));
        }
        return items;
    }

    @Override
    public JsonNode selectItem(StateRun run, JsonNode effective, int index, JsonNode item) {
        JsonNode selector = run.has("ItemSelector") ? run.field("ItemSelector") : run.field("Parameters");
        if (selector == null) {
            return item;
        }
        return payload(run, selector, effective, ContextObject.of(run, new MapItem(index, item)));
    }

    @Override
    public JsonNode passResult(StateRun run) {
        JsonNode effective = arguments(run);
        return run.has("Result") ? run.field("Result") : effective;
    }

    @Override
    public Step finish(StateRun run, JsonNode result, String next) {
        JsonNode selector = run.field("ResultSelector");
        JsonNode selected = selector != null ? payload(run, selector, result, null) : result;
        assign(run, run.field("Assign"), selected);
        return new Step(selectField(run, "OutputPath", resultPath(run.rawInput, selected, run.field("ResultPath"))),
                next);
    }

    @Override
    public Step proceed(StateRun run, JsonNode holder, JsonNode effective, String next) {
        assign(run, holder.get("Assign"), effective);
        return new Step(selectField(run, "OutputPath", effective), next);
    }

    @Override
    public Step caught(StateRun run, Catcher catcher, ObjectNode errorOutput) {
        assign(run, catcher.assign(), errorOutput);
        return new Step(resultPath(run.rawInput, errorOutput, catcher.resultPath()), catcher.next());
    }

    @Override
    public String evaluationError() {
        return ErrorNames.RUNTIME;
    }

    /** InputPath or OutputPath: absent keeps the data, null gives {}, a path selects. */
    private static JsonNode selectField(StateRun run, String field, JsonNode data) {
        JsonNode path = run.field(field);
        if (path == null) {
            return data;
        }
        if (path.isNull()) {
            return Json.NODES.objectNode();
        }
        try {
            return readPath(run, path.asText(), data);
        } catch (JsonPaths.NoResult e) {
            throw StatesError.runtime("Invalid path '" + path.asText() + "' : " + e.getMessage());
        }
    }

    private static JsonNode resultPath(JsonNode input, JsonNode result, JsonNode resultPath) {
        if (resultPath == null) {
            return result;
        }
        if (resultPath.isNull()) {
            return input;
        }
        return JsonPaths.put(input, resultPath.asText(), result);
    }

    private static void assign(StateRun run, JsonNode assign, JsonNode data) {
        if (assign == null) {
            return;
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        payload(run, assign, data, null).fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue()));
        run.variables.assignAll(values);
    }

    /**
     * Resolves a payload template: keys ending in .$ take a path or intrinsic function's value.
     *
     * @param context the context object {@code $$} reads, or null for the state's own
     */
    private static JsonNode payload(StateRun run, JsonNode template, JsonNode data, JsonNode context) {
        if (template.isObject()) {
            ObjectNode out = Json.NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String key = entry.getKey();
                JsonNode value = entry.getValue();
                if (key.endsWith(".$") && value.isTextual()) {
                    out.set(key.substring(0, key.length() - 2), expression(run, value.textValue(), data, context, key));
                } else {
                    out.set(key, payload(run, value, data, context));
                }
            }
            return out;
        }
        if (template.isArray()) {
            ArrayNode out = Json.NODES.arrayNode();
            for (JsonNode item : template) {
                out.add(payload(run, item, data, context));
            }
            return out;
        }
        return template;
    }

    /** A path ({@code $.x}, {@code $$.x}, {@code $var.x}) or an intrinsic function call. */
    private static JsonNode expression(StateRun run, String text, JsonNode data, JsonNode context, String field) {
        if (IntrinsicFunctions.isIntrinsic(text)) {
            return IntrinsicFunctions.evaluate(text, path -> resolve(run, path, data, context, field));
        }
        return resolve(run, text, data, context, field);
    }

    private static JsonNode resolve(StateRun run, String path, JsonNode data, JsonNode context, String field) {
        try {
            if (path.startsWith("$$") && context != null) {
                return JsonPaths.read(context, path.substring(1));
            }
            return readPath(run, path, data);
        } catch (JsonPaths.NoResult e) {
            throw StatesError.runtime("The JSONPath '" + path + "' specified for the field '" + field
                    + "' could not be found in the input '" + Json.write(data) + "'");
        }
    }

    /** Reads a path against data, the context object ($$) or a variable ($name). */
    private static JsonNode readPath(StateRun run, String path, JsonNode data) throws JsonPaths.NoResult {
        if (path.startsWith("$$")) {
            return JsonPaths.read(run.context(), path.substring(1));
        }
        if (path.length() > 1 && path.charAt(0) == '$' && path.charAt(1) != '.' && path.charAt(1) != '['
                && !Character.isWhitespace(path.charAt(1))) {
            int end = 1;
            while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                end++;
            }
            String variable = path.substring(1, end);
            JsonNode value = run.variables.get(variable);
            if (value == null) {
                throw new JsonPaths.NoResult("No variable '" + variable + "' is assigned");
            }
            return JsonPaths.read(value, "$" + path.substring(end));
        }
        return JsonPaths.read(data, path);
    }
}
