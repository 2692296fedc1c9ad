package dev.apitpl.core.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.core.engine.ExecutionListener;
import dev.apitpl.core.engine.HistoryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A readable live trace of an execution: one line per state as it finishes, with its duration and
 * output, and one per failure with error and cause. Long values are shortened: a long object to its
 * top-level fields.
 */
public final class ExecutionTrace implements ExecutionListener {

    private static final int MAX_VALUE_CHARS = 400;
    private static final int MAX_SCALAR_CHARS = 60;

    private final Consumer<String> lines;
    private final Map<String, Instant> entered = new ConcurrentHashMap<>();

    public ExecutionTrace(Consumer<String> lines) {
        this.lines = lines;
    }

    @Override
    public void onEvent(HistoryEvent event) {
        String type = event.type();
        if (type.endsWith("StateEntered")) {
            entered.put(event.name(), event.timestamp());
        } else if (type.endsWith("StateExited")) {
            Instant start = entered.remove(event.name());
            long millis = start == null ? 0 : Duration.between(start, event.timestamp()).toMillis();
            lines.accept(String.format("  %-28s %6d ms  -> %s", event.name(), millis, shorten(event.output())));
        } else if (type.equals("FailStateEntered")) {
            lines.accept(String.format("  %-28s %9s  -> Fail", event.name(), ""));
        } else if (event.error() != null && !type.startsWith("Execution")) {
            lines.accept(String.format("  %-28s %9s  !! %s: %s", "(" + type + ")", "", event.error(),
                    shorten(event.cause())));
        }
    }

    static String shorten(Object value) {
        String text = value == null ? "null" : value instanceof JsonNode json ? json.toString() : value.toString();
        if (text.length() <= MAX_VALUE_CHARS) {
            return text;
        }
        // A long object is summarised by its top-level fields, so each line shows what a state added.
        if (value instanceof ObjectNode object) {
            String outline = outline(object);
            if (outline.length() <= MAX_VALUE_CHARS) {
                return outline + " (" + text.length() + " chars)";
            }
        }
        return text.substring(0, MAX_VALUE_CHARS) + "... (" + text.length() + " chars)";
    }

    private static String outline(ObjectNode object) {
        StringJoiner fields = new StringJoiner(",", "{", "}");
        object.fields().forEachRemaining(field -> {
            JsonNode child = field.getValue();
            String shown = child.isObject() ? "{...}"
                    : child.isArray() ? "[" + child.size() + " items]"
                    : child.toString().length() <= MAX_SCALAR_CHARS ? child.toString()
                    : child.toString().substring(0, MAX_SCALAR_CHARS) + "...";
            fields.add(JsonNodeFactory.instance.textNode(field.getKey()) + ":" + shown);
        });
        return fields.toString();
    }
}
