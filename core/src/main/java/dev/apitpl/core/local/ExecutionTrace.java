package dev.apitpl.core.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.core.engine.ExecutionListener;
import dev.apitpl.core.engine.HistoryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A readable live trace of one execution: one line per state as it finishes, with its duration and
 * output, and one per failure with error and cause. Long values are shortened: a long object to its
 * top-level fields.
 */
public final class ExecutionTrace implements ExecutionListener {

    private static final int MAX_VALUE_CHARS = 400;
    private static final int MAX_SCALAR_CHARS = 60;
    private final Consumer<String> lines;
    /**
     * States entered and not yet exited, per thread: the engine reports a state's events on the thread that runs
     * it, so concurrent branches and iterations (even of the same state names) keep apart, and a stack keeps
     * nested states apart when Map or Parallel runs on the calling thread. Only the owning thread touches a stack.
     */
    private final Map<Long, Deque<Entered>> entered = new ConcurrentHashMap<>();

    /** A state entered at a time, or (name null) the start of a Map iteration, above which it leaves failed states. */
    private record Entered(String name, Instant at) {
        boolean iteration() {
            return name == null;
        }
    }

    public ExecutionTrace(Consumer<String> lines) {
        this.lines = lines;
    }

    @Override
    public void onEvent(HistoryEvent event) {
        String type = event.type();
        if (type.equals("FailStateEntered")) {
            lines.accept(String.format("  %-28s %9s  -> Fail", event.name(), ""));
        } else if (type.endsWith("StateEntered")) {
            stack().push(new Entered(event.name(), event.timestamp()));
        } else if (type.endsWith("StateExited")) {
            Instant start = exit(event.name());
            long millis = start == null ? 0 : Duration.between(start, event.timestamp()).toMillis();
            lines.accept(String.format("  %-28s %6d ms  -> %s", event.name(), millis, shorten(event.output())));
        } else if (type.equals("MapIterationStarted")) {
            stack().push(new Entered(null, event.timestamp()));
        } else if (type.startsWith("MapIteration")) {
            endIteration();
        }
        if (event.error() != null && !type.startsWith("Execution")) {
            lines.accept(String.format("  %-28s %9s  !! %s: %s", "(" + type + ")", "", event.error(),
                    shorten(event.cause())));
        }
        if (type.startsWith("Execution") && !type.equals("ExecutionStarted")) {
            // The execution is over (every Map/Parallel thread joined): states that failed never exit.
            entered.clear();
        }
    }

    /** How many states are entered and not yet exited. */
    int pending() {
        return entered.values().stream().mapToInt(stack -> (int) stack.stream().filter(e -> !e.iteration()).count())
                .sum();
    }

    private Deque<Entered> stack() {
        return entered.computeIfAbsent(Thread.currentThread().getId(), thread -> new ArrayDeque<>());
    }

    /** When the state {@code name} on this thread was entered; entries above it are states that failed inside it. */
    private Instant exit(String name) {
        Deque<Entered> stack = entered.get(Thread.currentThread().getId());
        if (stack == null) {
            return null;
        }
        Instant start = null;
        for (Entered top; (top = stack.peek()) != null && !top.iteration(); ) {
            stack.pop();
            if (top.name().equals(name)) {
                start = top.at();
                break;
            }
        }
        forgetIfEmpty(stack);
        return start;
    }

    /** Drops what an iteration left on this thread's stack (states that failed), up to its marker. */
    private void endIteration() {
        Deque<Entered> stack = entered.get(Thread.currentThread().getId());
        if (stack == null) {
            return;
        }
        while (!stack.isEmpty() && !stack.pop().iteration()) {
            // states the iteration entered and never exited
        }
        forgetIfEmpty(stack);
    }

    private void forgetIfEmpty(Deque<Entered> stack) {
        if (stack.isEmpty()) {
            entered.remove(Thread.currentThread().getId());
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
