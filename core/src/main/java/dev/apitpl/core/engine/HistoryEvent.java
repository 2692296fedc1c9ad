package dev.apitpl.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One entry of an execution's history, shaped like an event of GetExecutionHistory.
 *
 * @param id 1-based position in the history
 * @param previousEventId the event this one follows (0 for the first)
 * @param timestamp when it happened, by the engine's clock
 * @param type e.g. {@code ExecutionStarted}, {@code PassStateEntered}, {@code TaskFailed}, {@code MapIterationStarted}
 * @param details the matching {@code *EventDetails} object (name, input, output, error, cause, resource, index ...);
 *     JSON values such as input and output are kept as trees here and serialised to strings by {@link #toJson()}
 */
public record HistoryEvent(long id, long previousEventId, Instant timestamp, String type, ObjectNode details) {

    /** The state name for state events, or {@code null}. */
    public String name() {
        return text("name");
    }

    public JsonNode input() {
        return details.get("input");
    }

    public JsonNode output() {
        return details.get("output");
    }

    public String error() {
        return text("error");
    }

    public String cause() {
        return text("cause");
    }

    public String resource() {
        return text("resource");
    }

    private String text(String field) {
        JsonNode value = details.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** The AWS name of this event's details member, e.g. {@code stateEnteredEventDetails}. */
    public String detailsKey() {
        if (type.endsWith("StateEntered")) {
            return "stateEnteredEventDetails";
        }
        if (type.endsWith("StateExited")) {
            return "stateExitedEventDetails";
        }
        return Character.toLowerCase(type.charAt(0)) + type.substring(1) + "EventDetails";
    }

    /** This event as AWS's GetExecutionHistory prints it (input/output/parameters as JSON strings). */
    public ObjectNode toJson() {
        ObjectNode json = Json.NODES.objectNode();
        json.put("id", id);
        json.put("previousEventId", previousEventId);
        json.put("timestamp", timestamp.toString());
        json.put("type", type);
        if (!details.isEmpty()) {
            ObjectNode awsDetails = Json.NODES.objectNode();
            details.fields().forEachRemaining(field -> {
                String key = field.getKey();
                boolean payload = key.equals("input") || key.equals("output") || key.equals("parameters");
                if (payload) {
                    awsDetails.put(key, Json.write(field.getValue()));
                    awsDetails.putObject(key + "Details").put("truncated", false);
                } else {
                    awsDetails.set(key, field.getValue());
                }
            });
            json.set(detailsKey(), awsDetails);
        }
        return json;
    }
}
