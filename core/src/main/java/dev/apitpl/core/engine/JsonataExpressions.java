package dev.apitpl.core.engine;

import dev.apitpl.core.asl.ErrorNames;
import dev.apitpl.core.asl.QueryLanguage;
import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * JSONata evaluation for states with {@code QueryLanguage: JSONata}: {@code {% expr %}} strings, the {@code $states}
 * binding (input, result, errorOutput, context), workflow variables, and the functions AWS adds ($partition,
 * $range, $hash, $random, $uuid, $parse).
 */
final class JsonataExpressions {

    private static final Map<String, Jsonata> COMPILED = new ConcurrentHashMap<>();
    private static final Map<String, Object> AWS_FUNCTIONS = awsFunctions();

    private JsonataExpressions() {}

    /** Whether a field value is a JSONata expression string {@code {% ... %}}. */
    static boolean isExpression(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return false;
        }
        String text = value.textValue();
        return text.startsWith("{%") && text.endsWith("%}") && text.length() >= 4;
    }

    static String body(String expression) {
        return expression.substring(2, expression.length() - 2).trim();
    }

    /**
     * Evaluates one {@code {% %}} string; returns {@code null} for JSONata's "undefined".
     *
     * @param field the field name for error messages, e.g. {@code Output/result}
     */
    static JsonNode evaluate(String expression, Map<String, Object> states, Variables variables, String field) {
        String body = body(expression);
        Jsonata compiled;
        try {
            compiled = COMPILED.computeIfAbsent(body, Jsonata::jsonata);
        } catch (JException e) {
            throw queryError("The JSONata expression '" + body + "' specified for the field '" + field
                    + "' could not be parsed: " + e.getMessage());
        }
        Object result = run(compiled, body, states, variables, field);
        if (result == null) {
            // The library returns null for both JSON null and undefined; $exists tells them apart.
            Jsonata exists = COMPILED.computeIfAbsent("$exists((" + body + "))", Jsonata::jsonata);
            return Boolean.TRUE.equals(run(exists, body, states, variables, field)) ? Json.NODES.nullNode() : null;
        }
        if (!isJsonValue(result)) {
            throw queryError("The JSONata expression '" + body + "' specified for the field '" + field
                    + "' returned an unsupported result type.");
        }
        return toNode(result);
    }

    private static Object run(Jsonata compiled, String body, Map<String, Object> states, Variables variables,
            String field) {
        Jsonata.Frame frame = compiled.createFrame();
        AWS_FUNCTIONS.forEach(frame::bind);
        for (Map.Entry<String, JsonNode> variable : variables.visible().entrySet()) {
            frame.bind(variable.getKey(), toJava(variable.getValue()));
        }
        frame.bind("states", states);
        try {
            return compiled.evaluate(null, frame);
        } catch (StatesError e) {
            throw e;
        } catch (RuntimeException e) {
            throw queryError("An error occurred while evaluating the JSONata expression '" + body
                    + "' specified for the field '" + field + "': " + e.getMessage());
        }
    }

    /** As {@link #evaluate}, but undefined is an error (AWS: "returned nothing (undefined)"). */
    static JsonNode evaluateDefined(String expression, Map<String, Object> states, Variables variables, String field) {
        JsonNode value = evaluate(expression, states, variables, field);
        if (value == null) {
            throw queryError("The JSONata expression '" + body(expression) + "' specified for the field '" + field
                    + "' returned nothing (undefined).");
        }
        return value;
    }

    /** Evaluates every {@code {% %}} string inside a JSON template (Arguments, Output, Assign, ItemSelector). */
    static JsonNode evaluateTemplate(JsonNode template, Map<String, Object> states, Variables variables, String field) {
        if (isExpression(template)) {
            return evaluateDefined(template.textValue(), states, variables, field);
        }
        if (template.isObject()) {
            ObjectNode out = Json.NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                out.set(entry.getKey(), evaluateTemplate(entry.getValue(), states, variables, field + "/" + entry.getKey()));
            }
            return out;
        }
        if (template.isArray()) {
            ArrayNode out = Json.NODES.arrayNode();
            for (int i = 0; i < template.size(); i++) {
                out.add(evaluateTemplate(template.get(i), states, variables, field + "[" + i + "]"));
            }
            return out;
        }
        return template;
    }

    static StatesError queryError(String cause) {
        return new StatesError(ErrorNames.QUERY_EVALUATION_ERROR, cause);
    }

    private static boolean isJsonValue(Object value) {
        if (value == null || value == Jsonata.NULL_VALUE || value instanceof String || value instanceof Number
                || value instanceof Boolean) {
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().allMatch(JsonataExpressions::isJsonValue);
        }
        if (value instanceof List<?> list) {
            return list.stream().allMatch(JsonataExpressions::isJsonValue);
        }
        return false;
    }

    /** JSON tree to the plain Java values the JSONata library works on. */
    static Object toJava(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                node.fields().forEachRemaining(e -> map.put(e.getKey(), toJava(e.getValue())));
                return map;
            }
            case ARRAY: {
                List<Object> list = new ArrayList<>(node.size());
                node.forEach(item -> list.add(toJava(item)));
                return list;
            }
            case STRING:
                return node.textValue();
            case BOOLEAN:
                return node.booleanValue();
            case NUMBER:
                if (node.isIntegralNumber()) {
                    return node.canConvertToLong() ? (Object) node.longValue() : node.doubleValue();
                }
                return node.doubleValue();
            case NULL:
                return Jsonata.NULL_VALUE;
            default:
                return null;
        }
    }

    static JsonNode toNode(Object value) {
        if (value == null || value == Jsonata.NULL_VALUE) {
            return Json.NODES.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = Json.NODES.objectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), toNode(v)));
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = Json.NODES.arrayNode();
            list.forEach(item -> array.add(toNode(item)));
            return array;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Json.NODES.numberNode((long) d);
            }
            return Json.NODES.numberNode(new BigDecimal(Double.toString(d)));
        }
        return JsonPaths.toNode(value);
    }

    private static Map<String, Object> awsFunctions() {
        Map<String, Object> functions = new LinkedHashMap<>();
        functions.put("partition", new Jsonata.JFunction((input, args) -> {
            List<?> array = asList(args.get(0));
            int size = ((Number) args.get(1)).intValue();
            if (size <= 0) {
                throw queryError("The chunk size argument to $partition must be positive, but was " + size);
            }
            List<Object> chunks = new ArrayList<>();
            for (int i = 0; i < array.size(); i += size) {
                chunks.add(new ArrayList<>(array.subList(i, Math.min(array.size(), i + size))));
            }
            return chunks;
        }, "<an:a>"));
        functions.put("range", new Jsonata.JFunction((input, args) -> {
            long first = ((Number) args.get(0)).longValue();
            long last = ((Number) args.get(1)).longValue();
            long step = ((Number) args.get(2)).longValue();
            if (step == 0) {
                throw queryError("The step argument to $range must not be 0");
            }
            List<Object> range = new ArrayList<>();
            for (long i = first; step > 0 ? i <= last : i >= last; i += step) {
                range.add(i);
            }
            // JSONata collapses a one-item sequence to the item itself.
            return range.size() == 1 ? range.get(0) : range;
        }, "<nnn:a>"));
        functions.put("hash", new Jsonata.JFunction((input, args) -> {
            Object data = args.get(0);
            String text = data instanceof String s ? s : Json.write(toNode(data));
            String algorithm = String.valueOf(args.get(1));
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        }, "<js:s>"));
        functions.put("random", new Jsonata.JFunction((input, args) -> {
            Random random = args.isEmpty() || args.get(0) == null ? ThreadLocalRandom.current()
                    : new Random(((Number) args.get(0)).longValue());
            return random.nextDouble();
        }, "<n?:n>"));
        functions.put("uuid", new Jsonata.JFunction((input, args) -> UUID.randomUUID().toString(), "<:s>"));
        functions.put("parse", new Jsonata.JFunction((input, args) -> {
            String text = String.valueOf(args.get(0));
            try {
                return toJava(Json.read(text));
            } catch (Exception e) {
                throw queryError("The argument to $parse is not valid JSON: " + text);
            }
        }, "<s:j>"));
        return functions;
    }

    private static List<?> asList(Object value) {
        return value instanceof List<?> list ? list : List.of(value);
    }

}
