package dev.apitpl.core.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.core.engine.ExecutionListener;
import dev.apitpl.core.engine.HistoryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A readable live trace of an execution: one line per state as it finishes, with its duration and
 * output, and one per failure with error and cause. Long values are shortened.
 */
public final class ExecutionTrace implements ExecutionListener {

    private static final int MAX_VALUE_CHARS = 400;

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
        return text.length() <= MAX_VALUE_CHARS ? text
                : text.substring(0, MAX_VALUE_CHARS) + "... (" + text.length() + " chars)";
    }
}
