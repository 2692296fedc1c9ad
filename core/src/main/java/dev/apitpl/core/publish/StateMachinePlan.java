package dev.apitpl.core.publish;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.runtime.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * What deploy would do to the state machine.
 *
 * @param name           the state machine
 * @param arn            its ARN (from AWS), or null when it does not exist yet
 * @param definitionDiff unified diff of the normalised definition JSON, empty when equal (or when it is created)
 * @param configChanges  role, logging, tracing changes, one line each
 * @param aliasVersionArn the version the alias routes to now, or null when there is no alias
 */
public record StateMachinePlan(String name, String arn, List<String> definitionDiff, List<String> configChanges,
                               String aliasVersionArn) {

    public StateMachinePlan {
        definitionDiff = List.copyOf(definitionDiff);
        configChanges = List.copyOf(configChanges);
    }

    public boolean exists() {
        return arn != null;
    }

    /** Whether a version is published (an unchanged state machine without its alias publishes its current one). */
    public boolean publishes() {
        return !exists() || !definitionDiff.isEmpty() || !configChanges.isEmpty() || aliasVersionArn == null;
    }

    /** Whether the alias moves (or is created): whenever a version is published. */
    public boolean movesAlias() {
        return publishes();
    }

    List<String> describe() {
        List<String> lines = new ArrayList<>();
        if (!exists()) {
            lines.add("state machine " + name + ": create, publish version 1, alias at 1");
            return lines;
        }
        if (!movesAlias()) {
            lines.add("state machine " + name + ": unchanged (alias at " + version(aliasVersionArn) + ")");
            return lines;
        }
        lines.add("state machine " + name + ": " + (definitionDiff.isEmpty() ? "definition unchanged" : "definition changed")
                + (configChanges.isEmpty() ? "" : ", configuration changes"));
        configChanges.forEach(change -> lines.add("  " + change));
        definitionDiff.forEach(line -> lines.add("  " + line));
        lines.add("  alias " + (aliasVersionArn == null ? "created" : "moves " + version(aliasVersionArn)) + " -> " + nextVersion());
        return lines;
    }

    /** The version the alias moves to: the next after the one it serves (or the newest, when it has no alias yet). */
    String nextVersion() {
        String serving = version(aliasVersionArn);
        if (!exists()) {
            return "1";
        }
        return serving != null && serving.matches("\\d+") ? String.valueOf(Long.parseLong(serving) + 1) : "the newest";
    }

    static String version(String versionArn) {
        return versionArn == null ? null : versionArn.substring(versionArn.lastIndexOf(':') + 1);
    }

    ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("name", name);
        json.put("exists", exists());
        json.put("arn", arn);
        definitionDiff.forEach(json.putArray("definitionDiff")::add);
        configChanges.forEach(json.putArray("configChanges")::add);
        json.put("aliasVersion", version(aliasVersionArn));
        json.put("nextVersion", publishes() ? nextVersion() : version(aliasVersionArn));
        return json;
    }
}
