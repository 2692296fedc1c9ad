package dev.apitpl.core.endpoint.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.core.endpoint.server.StateFile;
import dev.apitpl.core.engine.Json;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The stored state machines with their versions and aliases, kept as the JSON they are described with and saved to
 * the state folder after every change. Every method runs under the instance's lock.
 *
 * <p>A machine carries {@code revisionId} only once an update changed it; a version keeps the revision it was
 * published from, which makes publishing idempotent per revision; version numbers come from a counter and are never
 * reused.
 */
final class StateMachines {

    static final String STANDARD = "STANDARD";
    static final String EXPRESS = "EXPRESS";

    private final StateFile file;
    private final ObjectNode machines;
    private final ObjectNode activities;

    StateMachines(Path stateDir) {
        this.file = new StateFile(stateDir, "stepfunctions.json");
        ObjectNode saved = file.load();
        this.machines = saved.with("stateMachines");
        this.activities = saved.with("activities");
    }

    static BigDecimal now() {
        return BigDecimal.valueOf(Instant.now().toEpochMilli(), 3);
    }

    synchronized void save() {
        ObjectNode state = Json.NODES.objectNode();
        state.set("stateMachines", machines);
        state.set("activities", activities);
        file.save(state);
    }

    /** The machine named by an unqualified ARN, or null. */
    synchronized ObjectNode find(String arn) {
        return (ObjectNode) machines.get(arn);
    }

    /** The machine of an unqualified ARN, or StateMachineDoesNotExist naming {@code asked}. */
    synchronized ObjectNode require(Arns.MachineArn arn, String asked) {
        ObjectNode machine = find(arn.unqualified());
        if (machine == null) {
            throw SfnException.stateMachineDoesNotExist(asked);
        }
        return machine;
    }

    synchronized List<ObjectNode> all() {
        List<ObjectNode> list = new ArrayList<>();
        machines.forEach(machine -> list.add((ObjectNode) machine));
        list.sort((a, b) -> a.get("name").asText().compareTo(b.get("name").asText()));
        return list;
    }

    /** Creates a machine, or answers the existing one when the request is identical (AWS's idempotent create). */
    synchronized ObjectNode create(String arn, ObjectNode request, String type) {
        ObjectNode existing = find(arn);
        if (existing != null) {
            boolean same = existing.get("definition").asText().equals(request.path("definition").asText())
                    && existing.get("roleArn").asText().equals(request.path("roleArn").asText())
                    && existing.get("type").asText().equals(type);
            if (!same) {
                throw new SfnException("StateMachineAlreadyExists", "State Machine Already Exists: '" + arn + "'");
            }
            ObjectNode answer = Json.NODES.objectNode().put("stateMachineArn", arn);
            answer.set("creationDate", existing.get("creationDate"));
            return answer;
        }
        ObjectNode machine = machines.putObject(arn);
        machine.put("stateMachineArn", arn);
        machine.put("name", Arns.machine(arn).name());
        machine.put("definition", request.path("definition").asText());
        machine.put("roleArn", request.path("roleArn").asText());
        machine.put("type", type);
        machine.put("creationDate", now());
        machine.set("loggingConfiguration", logging(request));
        machine.set("tracingConfiguration", tracing(request));
        machine.put("nextVersion", 1);
        machine.putObject("versions");
        machine.putObject("aliases");
        ObjectNode answer = Json.NODES.objectNode().put("stateMachineArn", arn);
        answer.set("creationDate", machine.get("creationDate"));
        if (request.path("publish").asBoolean(false)) {
            answer.put("stateMachineVersionArn", publish(machine, request.path("versionDescription").textValue()));
        }
        save();
        return answer;
    }

    private static JsonNode logging(ObjectNode request) {
        JsonNode given = request.get("loggingConfiguration");
        ObjectNode logging = Json.NODES.objectNode().put("level", "OFF").put("includeExecutionData", false);
        if (given != null && given.isObject()) {
            logging.setAll((ObjectNode) given);
        }
        return logging;
    }

    private static JsonNode tracing(ObjectNode request) {
        JsonNode given = request.get("tracingConfiguration");
        return given != null && given.isObject() ? given : Json.NODES.objectNode().put("enabled", false);
    }

    /** Applies UpdateStateMachine; a change mints a new revision, an unchanged request keeps the current one. */
    synchronized ObjectNode update(ObjectNode machine, ObjectNode request) {
        boolean changed = false;
        for (String field : List.of("definition", "roleArn")) {
            JsonNode value = request.get(field);
            if (value != null && !value.isNull() && !value.asText().equals(machine.get(field).asText())) {
                machine.put(field, value.asText());
                changed = true;
            }
        }
        for (String field : List.of("loggingConfiguration", "tracingConfiguration")) {
            JsonNode value = request.get(field);
            JsonNode merged = field.equals("loggingConfiguration") ? logging(request) : tracing(request);
            if (value != null && !value.isNull() && !merged.equals(machine.get(field))) {
                machine.set(field, merged);
                changed = true;
            }
        }
        if (changed) {
            machine.put("revisionId", UUID.randomUUID().toString());
        }
        machine.put("updateDate", now());
        ObjectNode answer = Json.NODES.objectNode();
        answer.set("updateDate", machine.get("updateDate"));
        if (machine.hasNonNull("revisionId")) {
            answer.put("revisionId", machine.get("revisionId").asText());
        }
        if (request.path("publish").asBoolean(false)) {
            answer.put("stateMachineVersionArn", publish(machine, request.path("versionDescription").textValue()));
        }
        save();
        return answer;
    }

    /** Publishes the current revision: the latest version again when it was published from this revision. */
    synchronized String publish(ObjectNode machine, String description) {
        ObjectNode versions = machine.with("versions");
        String revision = machine.path("revisionId").textValue();
        String latest = null;
        for (Iterator<String> numbers = versions.fieldNames(); numbers.hasNext(); ) {
            String number = numbers.next();
            if (latest == null || Integer.parseInt(number) > Integer.parseInt(latest)) {
                latest = number;
            }
        }
        if (latest != null) {
            ObjectNode version = (ObjectNode) versions.get(latest);
            if (java.util.Objects.equals(version.path("revisionId").textValue(), revision)
                    && version.get("definition").equals(machine.get("definition"))) {
                return machine.get("stateMachineArn").asText() + ":" + latest;
            }
        }
        int number = machine.get("nextVersion").asInt();
        machine.put("nextVersion", number + 1);
        ObjectNode version = versions.putObject(Integer.toString(number));
        for (String field : List.of("definition", "roleArn", "type", "loggingConfiguration", "tracingConfiguration")) {
            version.set(field, machine.get(field).deepCopy());
        }
        if (revision != null) {
            version.put("revisionId", revision);
        }
        if (description != null) {
            version.put("description", description);
        }
        version.put("creationDate", now());
        save();
        return machine.get("stateMachineArn").asText() + ":" + number;
    }

    synchronized void delete(String arn) {
        if (machines.remove(arn) != null) {
            save();
        }
    }

    /** The version {@code number} of {@code machine}, or null. */
    synchronized ObjectNode version(ObjectNode machine, String number) {
        return (ObjectNode) machine.with("versions").get(number);
    }

    /** Versions newest first, as ListStateMachineVersions lists them. */
    synchronized List<ObjectNode> versions(ObjectNode machine) {
        List<ObjectNode> list = new ArrayList<>();
        machine.with("versions").fields().forEachRemaining(entry -> {
            ObjectNode item = Json.NODES.objectNode();
            item.put("stateMachineVersionArn", machine.get("stateMachineArn").asText() + ":" + entry.getKey());
            item.set("creationDate", entry.getValue().get("creationDate"));
            list.add(item);
        });
        list.sort((a, b) -> Integer.compare(number(b), number(a)));
        return list;
    }

    private static int number(ObjectNode versionItem) {
        String arn = versionItem.get("stateMachineVersionArn").asText();
        return Integer.parseInt(arn.substring(arn.lastIndexOf(':') + 1));
    }

    synchronized void deleteVersion(ObjectNode machine, String number) {
        List<String> referencing = new ArrayList<>();
        String versionArn = machine.get("stateMachineArn").asText() + ":" + number;
        for (Map.Entry<String, JsonNode> alias : iterable(machine.with("aliases"))) {
            for (JsonNode route : alias.getValue().path("routingConfiguration")) {
                if (route.path("stateMachineVersionArn").asText().equals(versionArn)) {
                    referencing.add(alias.getKey());
                }
            }
        }
        if (!referencing.isEmpty()) {
            throw new SfnException("ConflictException", "Version to be deleted must not be referenced by an alias. "
                    + "Current list of aliases referencing this version: " + referencing);
        }
        if (machine.with("versions").remove(number) != null) {
            save();
        }
    }

    static Iterable<Map.Entry<String, JsonNode>> iterable(ObjectNode node) {
        return node::fields;
    }

    /** DescribeStateMachine of the machine or one of its versions. */
    synchronized ObjectNode describe(ObjectNode machine, String versionNumber) {
        ObjectNode source = versionNumber == null ? machine : version(machine, versionNumber);
        ObjectNode answer = Json.NODES.objectNode();
        answer.put("stateMachineArn", machine.get("stateMachineArn").asText()
                + (versionNumber == null ? "" : ":" + versionNumber));
        answer.put("name", machine.get("name").asText());
        answer.put("status", "ACTIVE");
        for (String field : List.of("definition", "roleArn", "type", "creationDate", "loggingConfiguration",
                "tracingConfiguration", "revisionId", "description")) {
            if (source.hasNonNull(field)) {
                answer.set(field, source.get(field).deepCopy());
            }
        }
        return answer;
    }

    // ---------------------------------------------------------------- activities

    synchronized ObjectNode createActivity(String arn) {
        ObjectNode activity = (ObjectNode) activities.get(arn);
        if (activity == null) {
            activity = activities.putObject(arn);
            activity.put("activityArn", arn);
            activity.put("name", arn.substring(arn.lastIndexOf(':') + 1));
            activity.put("creationDate", now());
            save();
        }
        return activity.deepCopy();
    }

    synchronized ObjectNode activity(String arn) {
        ObjectNode activity = (ObjectNode) activities.get(arn);
        if (activity == null) {
            throw new SfnException("ActivityDoesNotExist", "Activity Does Not Exist: '" + arn + "'");
        }
        return activity.deepCopy();
    }

    synchronized List<ObjectNode> activities() {
        List<ObjectNode> list = new ArrayList<>();
        activities.forEach(activity -> list.add(((ObjectNode) activity).deepCopy()));
        return list;
    }

    synchronized void deleteActivity(String arn) {
        if (activities.remove(arn) != null) {
            save();
        }
    }
}
