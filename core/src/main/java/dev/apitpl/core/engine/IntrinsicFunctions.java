package dev.apitpl.core.engine;

import dev.apitpl.core.asl.ErrorNames;
import dev.apitpl.core.asl.IntrinsicCall;
import dev.apitpl.core.asl.IntrinsicArgument;
import dev.apitpl.core.asl.IntrinsicArgument.Literal;
import dev.apitpl.core.asl.IntrinsicArgument.PathArgument;
import dev.apitpl.core.asl.IntrinsicArgument.Text;
import dev.apitpl.core.validate.ValidatorLimit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Evaluates the 18 ASL intrinsic functions ({@code States.Format(...)} etc.) over the call tree of the one parser,
 * {@link IntrinsicCall}; each text is parsed once.
 */
final class IntrinsicFunctions {

    /** Resolves a JSONPath argument ({@code $.x}, {@code $$.x} or {@code $var}). */
    @FunctionalInterface
    interface PathResolver {
        JsonNode resolve(String path);
    }

    private static final Map<String, IntrinsicCall> PARSED = new ConcurrentHashMap<>();
    private static final int MAX_BASE64_INPUT = 10_000;
    private static final int MAX_RANGE_ITEMS = 1000;

    private IntrinsicFunctions() {}

    static boolean isIntrinsic(String expression) {
        return expression.startsWith("States.");
    }

    static JsonNode evaluate(String expression, PathResolver paths) {
        IntrinsicCall call = PARSED.get(expression);
        if (call == null) {
            try {
                // the validator parsed the same text with the same parser before the machine was built
                call = IntrinsicCall.parse(expression, ValidatorLimit.MAX_EXPRESSION_NESTING);
            } catch (IntrinsicCall.SyntaxException e) {
                throw failure("Invalid intrinsic function '" + expression + "': " + e.getMessage());
            }
            PARSED.put(expression, call);
        }
        return apply(call, paths);
    }

    private static JsonNode value(IntrinsicArgument arg, PathResolver paths) {
        if (arg instanceof Literal literal) {
            return literal.value();
        }
        if (arg instanceof Text text) {
            return Json.NODES.textNode(text.value());
        }
        if (arg instanceof PathArgument path) {
            return paths.resolve(path.path());
        }
        return apply((IntrinsicCall) arg, paths);
    }

    private static JsonNode apply(IntrinsicCall call, PathResolver paths) {
        List<IntrinsicArgument> args = call.arguments();
        String name = call.function().aslName();
        if (name.equals("States.Format")) {
            return format(call, paths);
        }
        List<JsonNode> values = new ArrayList<>(args.size());
        for (IntrinsicArgument arg : args) {
            values.add(value(arg, paths));
        }
        switch (name) {
            case "States.StringToJson": {
                arity(name, values, 1);
                String text = string(name, values, 0);
                if (text.isBlank()) {
                    return Json.NODES.nullNode();
                }
                try {
                    return Json.read(text);
                } catch (Exception e) {
                    throw failure("Invalid argument: the argument to " + name + " must be a JSON string, but was '"
                            + text + "'");
                }
            }
            case "States.JsonToString":
                arity(name, values, 1);
                return Json.NODES.textNode(Json.write(values.get(0)));
            case "States.Array": {
                ArrayNode array = Json.NODES.arrayNode();
                values.forEach(array::add);
                return array;
            }
            case "States.ArrayPartition": {
                arity(name, values, 2);
                ArrayNode array = array(name, values, 0);
                int size = integer(name, values, 1);
                if (size <= 0) {
                    throw failure("Invalid argument: the chunk size argument to " + name + " must be positive, but was " + size);
                }
                ArrayNode chunks = Json.NODES.arrayNode();
                ArrayNode chunk = null;
                for (int i = 0; i < array.size(); i++) {
                    if (i % size == 0) {
                        chunk = chunks.addArray();
                    }
                    chunk.add(array.get(i));
                }
                return chunks;
            }
            case "States.ArrayContains": {
                arity(name, values, 2);
                ArrayNode array = array(name, values, 0);
                for (JsonNode item : array) {
                    if (JsonEquality.equal(item, values.get(1))) {
                        return Json.NODES.booleanNode(true);
                    }
                }
                return Json.NODES.booleanNode(false);
            }
            case "States.ArrayRange": {
                arity(name, values, 3);
                int first = integer(name, values, 0);
                int last = integer(name, values, 1);
                int step = integer(name, values, 2);
                if (step == 0) {
                    throw failure("Invalid argument: the step argument to " + name + " must not be 0");
                }
                ArrayNode range = Json.NODES.arrayNode();
                for (long i = first; step > 0 ? i <= last : i >= last; i += step) {
                    if (range.size() >= MAX_RANGE_ITEMS) {
                        throw failure("Invalid argument: " + name + " can produce at most " + MAX_RANGE_ITEMS + " items");
                    }
                    range.add(i);
                }
                return range;
            }
            case "States.ArrayGetItem": {
                arity(name, values, 2);
                ArrayNode array = array(name, values, 0);
                int index = integer(name, values, 1);
                if (index < 0 || index >= array.size()) {
                    throw failure("Invalid argument: index " + index + " is out of bounds for an array of "
                            + array.size() + " items in " + name);
                }
                return array.get(index);
            }
            case "States.ArrayLength":
                arity(name, values, 1);
                return Json.NODES.numberNode(array(name, values, 0).size());
            case "States.ArrayUnique": {
                arity(name, values, 1);
                ArrayNode unique = Json.NODES.arrayNode();
                for (JsonNode item : array(name, values, 0)) {
                    boolean seen = false;
                    for (JsonNode kept : unique) {
                        if (JsonEquality.equal(kept, item)) {
                            seen = true;
                            break;
                        }
                    }
                    if (!seen) {
                        unique.add(item);
                    }
                }
                return unique;
            }
            case "States.Base64Encode": {
                arity(name, values, 1);
                String text = string(name, values, 0);
                if (text.length() > MAX_BASE64_INPUT) {
                    throw failure("Invalid argument: the input to " + name + " must be at most " + MAX_BASE64_INPUT + " characters");
                }
                return Json.NODES.textNode(Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
            }
            case "States.Base64Decode": {
                arity(name, values, 1);
                String text = string(name, values, 0);
                if (text.length() > MAX_BASE64_INPUT) {
                    throw failure("Invalid argument: the input to " + name + " must be at most " + MAX_BASE64_INPUT + " characters");
                }
                try {
                    return Json.NODES.textNode(new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw failure("Invalid argument: '" + text + "' is not Base64 in " + name);
                }
            }
            case "States.Hash": {
                arity(name, values, 2);
                JsonNode data = values.get(0);
                String text = data.isTextual() ? data.textValue() : Json.write(data);
                String algorithm = string(name, values, 1);
                Set<String> known = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");
                if (!known.contains(algorithm)) {
                    throw failure("Invalid argument: the hash algorithm '" + algorithm + "' is not one of " + known
                            + " in " + name);
                }
                try {
                    byte[] digest = MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
                    return Json.NODES.textNode(HexFormat.of().formatHex(digest));
                } catch (NoSuchAlgorithmException e) {
                    throw failure("The hash algorithm " + algorithm + " is not available in this JVM");
                }
            }
            case "States.JsonMerge": {
                arity(name, values, 3);
                if (!values.get(0).isObject() || !values.get(1).isObject()) {
                    throw failure("Invalid argument: the first two arguments to " + name + " must be JSON objects");
                }
                if (!values.get(2).isBoolean()) {
                    throw failure("Invalid argument: the third argument to " + name + " must be a boolean");
                }
                if (values.get(2).booleanValue()) {
                    throw failure("Invalid argument: deep merge is not supported by " + name + "; pass false");
                }
                ObjectNode merged = ((ObjectNode) values.get(0)).deepCopy();
                merged.setAll((ObjectNode) values.get(1).deepCopy());
                return merged;
            }
            case "States.MathRandom": {
                if (values.size() != 2 && values.size() != 3) {
                    throw failure("Invalid arguments: " + name + " takes a start, an end and an optional seed");
                }
                int start = integer(name, values, 0);
                int end = integer(name, values, 1);
                if (end <= start) {
                    throw failure("Invalid argument: the end of " + name + " must be greater than its start");
                }
                Random random = values.size() == 3 ? new Random(integer(name, values, 2)) : ThreadLocalRandom.current();
                return Json.NODES.numberNode(start + random.nextInt(end - start));
            }
            case "States.MathAdd": {
                arity(name, values, 2);
                long sum = rounded(name, values, 0) + rounded(name, values, 1);
                return sum == (int) sum ? Json.NODES.numberNode((int) sum) : Json.NODES.numberNode(sum);
            }
            case "States.StringSplit": {
                arity(name, values, 2);
                String text = string(name, values, 0);
                String delimiters = string(name, values, 1);
                ArrayNode parts = Json.NODES.arrayNode();
                StringBuilder part = new StringBuilder();
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (delimiters.indexOf(c) >= 0) {
                        if (part.length() > 0) {
                            parts.add(part.toString());
                        }
                        part.setLength(0);
                    } else {
                        part.append(c);
                    }
                }
                if (part.length() > 0) {
                    parts.add(part.toString());
                }
                return parts;
            }
            case "States.UUID":
                arity(name, values, 0);
                return Json.NODES.textNode(UUID.randomUUID().toString());
            default:
                throw failure("Unknown intrinsic function " + name);
        }
    }

    private static JsonNode format(IntrinsicCall call, PathResolver paths) {
        List<IntrinsicArgument> args = call.arguments();
        if (args.isEmpty()) {
            throw failure("Invalid arguments: States.Format needs a template string");
        }
        String raw;
        if (args.get(0) instanceof Text template) {
            raw = template.raw();
        } else {
            JsonNode template = value(args.get(0), paths);
            if (!template.isTextual()) {
                throw failure("Invalid arguments: the template of States.Format must be a string, but was "
                        + Json.write(template));
            }
            raw = template.textValue();
        }
        StringBuilder out = new StringBuilder();
        int next = 1;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                out.append(raw.charAt(++i));
            } else if (c == '{' && i + 1 < raw.length() && raw.charAt(i + 1) == '}') {
                if (next >= args.size()) {
                    throw failure("Number of arguments in States.Format do not match the number of placeholders");
                }
                JsonNode value = value(args.get(next++), paths);
                appendFormatted(out, value);
                i++;
            } else {
                out.append(c);
            }
        }
        if (next != args.size()) {
            throw failure("Number of arguments in States.Format do not match the number of placeholders");
        }
        return Json.NODES.textNode(out.toString());
    }

    /** Format prints arguments the way AWS's Java implementation does: objects as {k=v, ...}, lists as [a, b]. */
    private static void appendFormatted(StringBuilder out, JsonNode value) {
        if (value.isTextual()) {
            out.append(value.textValue());
        } else if (value.isObject()) {
            out.append('{');
            boolean first = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                out.append(first ? "" : ", ").append(field.getKey()).append('=');
                appendFormatted(out, field.getValue());
                first = false;
            }
            out.append('}');
        } else if (value.isArray()) {
            out.append('[');
            for (int i = 0; i < value.size(); i++) {
                out.append(i == 0 ? "" : ", ");
                appendFormatted(out, value.get(i));
            }
            out.append(']');
        } else {
            out.append(Json.write(value));
        }
    }

    private static void arity(String name, List<JsonNode> values, int expected) {
        if (values.size() != expected) {
            throw failure("Invalid arguments: " + name + " takes " + expected + " argument" + (expected == 1 ? "" : "s")
                    + ", but " + values.size() + " were given");
        }
    }

    private static String string(String name, List<JsonNode> values, int index) {
        JsonNode value = values.get(index);
        if (!value.isTextual()) {
            throw failure("Invalid argument: argument " + (index + 1) + " of " + name + " must be a string, but was "
                    + Json.write(value));
        }
        return value.textValue();
    }

    private static ArrayNode array(String name, List<JsonNode> values, int index) {
        JsonNode value = values.get(index);
        if (!value.isArray()) {
            throw failure("Invalid argument: argument " + (index + 1) + " of " + name + " must be an array, but was "
                    + Json.write(value));
        }
        return (ArrayNode) value;
    }

    private static int integer(String name, List<JsonNode> values, int index) {
        JsonNode value = values.get(index);
        if (value.isNumber()) {
            BigDecimal number = value.decimalValue();
            try {
                return number.stripTrailingZeros().intValueExact();
            } catch (ArithmeticException e) {
                // not an int: reported below
            }
        }
        throw failure("Invalid argument: argument " + (index + 1) + " of " + name + " must be an integer, but was "
                + Json.write(value));
    }

    /** MathAdd rounds decimal operands half up (1.5 -> 2, -1.5 -> -1), as AWS does. */
    private static long rounded(String name, List<JsonNode> values, int index) {
        JsonNode value = values.get(index);
        if (!value.isNumber()) {
            throw failure("Invalid argument: argument " + (index + 1) + " of " + name + " must be a number, but was "
                    + Json.write(value));
        }
        return value.isIntegralNumber() ? value.longValue() : Math.round(value.doubleValue());
    }

    private static StatesError failure(String cause) {
        return new StatesError(ErrorNames.INTRINSIC_FAILURE, cause);
    }

}
