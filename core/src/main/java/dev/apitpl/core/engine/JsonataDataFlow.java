package dev.apitpl.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.core.asl.Catcher;
import dev.apitpl.core.asl.ErrorNames;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSONata data flow: Arguments, Output and Assign, where every {@code {% %}} string is evaluated against
 * {@code $states} (input, result after a task, errorOutput in a catcher, context) and the variables.
 */
final class JsonataDataFlow implements DataFlow {

    static final JsonataDataFlow INSTANCE = new JsonataDataFlow();

    private JsonataDataFlow() {}

    @Override
    public JsonNode effectiveInput(StateRun run) {
        return run.rawInput;
    }

    @Override
    public JsonNode arguments(StateRun run) {
        return run.has("Arguments") ? template(run, run.field("Arguments"), states(run, null, null), "Arguments")
                : run.rawInput;
    }

    @Override
    public Value value(StateRun run, String field, JsonNode pathData) {
        JsonNode value = run.field(field);
        return value == null ? null : new Value(template(run, value, states(run, null, null), field), null);
    }

    @Override
    public boolean matches(StateRun run, JsonNode rule, JsonNode effective) {
        JsonNode condition = rule.get("Condition");
        JsonNode verdict = JsonataExpressions.isExpression(condition)
                ? JsonataExpressions.evaluateDefined(condition.textValue(), states(run, null, null), run.variables,
                        "Condition")
                : condition;
        if (verdict == null || !verdict.isBoolean()) {
            throw unexpectedType(condition == null ? "" : JsonataExpressions.body(condition.asText()), "Condition",
                    "boolean", verdict);
        }
        return verdict.booleanValue();
    }

    @Override
    public JsonNode items(StateRun run, JsonNode effective) {
        JsonNode field = run.field("Items");
        if (field == null) {
            if (!run.rawInput.isArray()) {
                throw JsonataExpressions.queryError("Map state input must be an array but was: "
                        + Json.write(run.rawInput));
            }
            return run.rawInput;
        }
        JsonNode items = template(run, field, states(run, null, null), "Items");
        if (!items.isArray()) {
            String shown = JsonataExpressions.isExpression(field) ? JsonataExpressions.body(field.textValue())
                    : Json.write(field);
            throw unexpectedType(shown, "Items", "array", items);
        }
        return items;
    }

    @Override
    public JsonNode selectItem(StateRun run, JsonNode effective, int index, JsonNode item) {
        JsonNode selector = run.field("ItemSelector");
        if (selector == null) {
            return item;
        }
        Map<String, Object> states = states(run, null, null);
        states.put("context", JsonataExpressions.toJava(ContextObject.of(run, new MapItem(index, item))));
        return template(run, selector, states, "ItemSelector");
    }

    @Override
    public JsonNode passResult(StateRun run) {
        return null;
    }

    @Override
    public Step finish(StateRun run, JsonNode result, String next) {
        return leave(run, run.state.fields(), states(run, result, null), result == null ? run.rawInput : result, next);
    }

    @Override
    public Step proceed(StateRun run, JsonNode holder, JsonNode effective, String next) {
        return leave(run, holder, states(run, null, null), run.rawInput, next);
    }

    @Override
    public Step caught(StateRun run, Catcher catcher, ObjectNode errorOutput) {
        Map<String, Object> states = states(run, null, errorOutput);
        JsonNode output = catcher.output() != null ? template(run, catcher.output(), states, "Output") : errorOutput;
        assign(run, catcher.assign(), states);
        return new Step(output, catcher.next());
    }

    @Override
    public String evaluationError() {
        return ErrorNames.QUERY_EVALUATION_ERROR;
    }

    /** Output (or {@code fallback}) and Assign of {@code holder}, both evaluated against the same $states. */
    private static Step leave(StateRun run, JsonNode holder, Map<String, Object> states, JsonNode fallback,
            String next) {
        JsonNode outputTemplate = holder.get("Output");
        JsonNode output = outputTemplate != null ? template(run, outputTemplate, states, "Output") : fallback;
        assign(run, holder.get("Assign"), states);
        return new Step(output, next);
    }

    private static void assign(StateRun run, JsonNode assign, Map<String, Object> states) {
        if (assign == null) {
            return;
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        template(run, assign, states, "Assign").fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue()));
        run.variables.assignAll(values);
    }

    private static JsonNode template(StateRun run, JsonNode template, Map<String, Object> states, String field) {
        return JsonataExpressions.evaluateTemplate(template, states, run.variables, field);
    }

    /** {@code $states}: the state's input, its result or error output where it has one, its context object. */
    private static Map<String, Object> states(StateRun run, JsonNode result, JsonNode errorOutput) {
        Map<String, Object> states = new LinkedHashMap<>();
        states.put("input", JsonataExpressions.toJava(run.rawInput));
        if (result != null) {
            states.put("result", JsonataExpressions.toJava(result));
        }
        if (errorOutput != null) {
            states.put("errorOutput", JsonataExpressions.toJava(errorOutput));
        }
        states.put("context", JsonataExpressions.toJava(run.context()));
        return states;
    }

    private static StatesError unexpectedType(String expression, String field, String expected, JsonNode value) {
        return JsonataExpressions.queryError("The JSONata expression '" + expression + "' specified for the field '"
                + field + "' returned an unexpected result type. Expected '" + expected + "', but was '"
                + typeName(value) + "' for value: " + (value == null ? "undefined" : Json.write(value)));
    }

    private static String typeName(JsonNode value) {
        if (value == null) {
            return "undefined";
        }
        return switch (value.getNodeType()) {
            case ARRAY -> "array";
            case OBJECT -> "object";
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case NULL -> "null";
            default -> value.getNodeType().name().toLowerCase();
        };
    }
}
