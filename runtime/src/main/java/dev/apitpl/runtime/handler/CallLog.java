package dev.apitpl.runtime.handler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.runtime.json.Json;
import java.util.function.Consumer;

/**
 * Exactly one structured JSON line per invocation: which template, where, what came back, how long,
 * and the error name if any. Never bodies, header values, parameters or secrets.
 */
public final class CallLog {

    private final Consumer<String> sink;

    /** @param sink where lines go; the Lambda uses stdout, which the runtime ships to CloudWatch Logs */
    public CallLog(Consumer<String> sink) {
        this.sink = sink;
    }

    public static CallLog stdout() {
        return new CallLog(System.out::println);
    }

    /** The facts of one call, filled in as the invocation learns them. */
    static final class Entry {
        String template;
        String method;
        String host;
        Integer status;
        String error;
    }

    void write(Entry entry, long durationMs) {
        ObjectNode line = Json.object();
        line.put("logger", "apitpl.call");
        line.put("template", entry.template);
        line.put("method", entry.method);
        line.put("host", entry.host);
        if (entry.status == null) {
            line.putNull("status");
        } else {
            line.put("status", entry.status);
        }
        line.put("durationMs", durationMs);
        line.put("outcome", entry.error == null ? "ok" : "error");
        if (entry.error != null) {
            line.put("error", entry.error);
        }
        sink.accept(Json.write(line));
    }
}
