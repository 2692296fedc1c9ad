package dev.apitpl.runtime.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.runtime.json.Json;
import java.util.function.Consumer;

/**
 * Exactly one JSON line per admin API request: request id, method, route, template key, status, duration and the
 * error code if any. Never bodies, header values, parameters or secrets.
 */
public final class AdminLog {

    private final Consumer<String> sink;

    /** @param sink where lines go; the Lambda uses stdout, which the runtime ships to CloudWatch Logs */
    public AdminLog(Consumer<String> sink) {
        this.sink = sink;
    }

    public static AdminLog stdout() {
        return new AdminLog(System.out::println);
    }

    /** The facts of one request, filled in as it is handled. */
    static final class Entry {
        String requestId;
        String method;
        String route;
        String template;
        String templateMethod;
    }

    void write(Entry entry, AdminResponse response, long durationMs) {
        ObjectNode line = Json.object();
        line.put("logger", "apitpl.admin");
        line.put("requestId", entry.requestId);
        line.put("method", entry.method);
        line.put("route", entry.route);
        line.put("template", entry.template);
        line.put("templateMethod", entry.templateMethod);
        line.put("status", response.status());
        line.put("durationMs", durationMs);
        line.put("outcome", response.status() < 400 ? "ok" : "error");
        if (response.error() != null) {
            line.put("error", response.error());
        }
        sink.accept(Json.write(line));
    }
}
