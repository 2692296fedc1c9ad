package dev.apitpl.core.publish;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.runtime.json.Json;
import java.util.List;

/**
 * What deploy would do to the Lambda function, from its current state.
 *
 * @param name          the function
 * @param exists        whether it exists
 * @param codeChanged   whether the jar's SHA-256 differs from the deployed code's ({@code CodeSha256})
 * @param localCodeSha256  the jar's SHA-256 (base64, as Lambda reports it)
 * @param configChanges one line per configuration field that changes ({@code memory 512 -> 1024})
 * @param aliasVersion  the version the alias points at now, or null when there is no alias
 * @param latestVersion the highest published version, or null when none
 */
public record FunctionPlan(String name, boolean exists, boolean codeChanged, String localCodeSha256,
                           List<String> configChanges, String aliasVersion, String latestVersion) {

    public FunctionPlan {
        configChanges = List.copyOf(configChanges);
    }

    /** Whether a new version is published (and the alias moved). */
    public boolean publishes() {
        return !exists || codeChanged || !configChanges.isEmpty() || aliasVersion == null;
    }

    /** The version the alias would move to, as far as it can be told before publishing. */
    String nextVersion() {
        if (!exists || latestVersion == null) {
            return "1";
        }
        return latestVersion.matches("\\d+") ? String.valueOf(Long.parseLong(latestVersion) + 1) : "next";
    }

    /** Readable lines for plan. */
    List<String> describe() {
        if (!exists) {
            return List.of("function " + name + ": create, publish version 1, alias at 1");
        }
        if (!publishes()) {
            return List.of("function " + name + ": unchanged (alias at version " + aliasVersion + ")");
        }
        java.util.ArrayList<String> lines = new java.util.ArrayList<>();
        lines.add("function " + name + ": " + (codeChanged ? "code changed (content hash differs)" : "code unchanged")
                + (configChanges.isEmpty() ? "" : ", configuration changes"));
        configChanges.forEach(change -> lines.add("  " + change));
        lines.add("  alias " + (aliasVersion == null ? "created" : "moves " + aliasVersion) + " -> " + nextVersion());
        return lines;
    }

    ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("name", name);
        json.put("exists", exists);
        json.put("codeChanged", codeChanged);
        json.put("codeSha256", localCodeSha256);
        configChanges.forEach(json.putArray("configChanges")::add);
        json.put("aliasVersion", aliasVersion);
        json.put("nextVersion", publishes() ? nextVersion() : aliasVersion);
        return json;
    }
}
