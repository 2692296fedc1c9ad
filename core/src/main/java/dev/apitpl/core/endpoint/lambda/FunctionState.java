package dev.apitpl.core.endpoint.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.core.endpoint.server.StateFile;
import dev.apitpl.runtime.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The functions kept in the endpoint's state folder: {@code lambda.json} (configurations, versions, aliases, tags,
 * resource policies)
 * and each uploaded code once under {@code lambda-code/<sha256>.zip}. Saved after every write; a restart finds every
 * function {@code Active}, as AWS would have left it.
 */
final class FunctionState {

    private final StateFile file;
    private final Path codeDir;

    /** Keeps nothing when {@code stateDir} is null. */
    FunctionState(Path stateDir) {
        this.file = new StateFile(stateDir, "lambda.json");
        this.codeDir = stateDir == null ? null : stateDir.resolve("lambda-code");
    }

    void save(FunctionStore store) {
        if (codeDir == null) {
            return;
        }
        ArrayNode functions = Json.mapper().createArrayNode();
        synchronized (store) {
            for (LambdaFunction f : store.everything()) {
                ObjectNode o = functions.addObject();
                o.put("name", f.name).put("region", f.region).put("lastVersionNumber", f.lastVersionNumber);
                o.set("latest", version(f.latest));
                ArrayNode versions = o.putArray("versions");
                f.versions.values().forEach(v -> versions.add(version(v)));
                ArrayNode aliases = o.putArray("aliases");
                for (LambdaFunction.Alias a : f.aliases.values()) {
                    ObjectNode alias = aliases.addObject().put("name", a.name()).put("functionVersion", a.functionVersion())
                            .put("description", a.description()).put("revisionId", a.revisionId());
                    ObjectNode weights = alias.putObject("weights");
                    a.weights().forEach(weights::put);
                }
                ObjectNode tags = o.putObject("tags");
                f.tags.forEach(tags::put);
                ObjectNode policies = o.putObject("policies");
                f.policies.forEach((qualifier, statements) -> statements.values().forEach(policies.putArray(qualifier)::add));
            }
        }
        file.save(Json.object().set("functions", functions));
    }

    /** The saved functions, settled. */
    List<LambdaFunction> load() {
        List<LambdaFunction> loaded = new ArrayList<>();
        for (JsonNode o : file.load().path("functions")) {
            LambdaFunction f = new LambdaFunction(o.get("name").asText(), o.get("region").asText(), version(o.get("latest")));
            f.lastVersionNumber = o.get("lastVersionNumber").asInt();
            o.path("versions").forEach(v -> {
                FunctionVersion version = version(v);
                f.versions.put(Integer.parseInt(version.version), version);
            });
            o.path("aliases").forEach(a -> {
                Map<String, Double> weights = new LinkedHashMap<>();
                a.path("weights").fields().forEachRemaining(w -> weights.put(w.getKey(), w.getValue().asDouble()));
                f.aliases.put(a.get("name").asText(), new LambdaFunction.Alias(a.get("name").asText(),
                        a.get("functionVersion").asText(), a.get("description").asText(), weights, a.get("revisionId").asText()));
            });
            o.path("tags").fields().forEachRemaining(t -> f.tags.put(t.getKey(), t.getValue().asText()));
            o.path("policies").fields().forEachRemaining(policy -> policy.getValue().forEach(statement -> f.policies
                    .computeIfAbsent(policy.getKey(), q -> new LinkedHashMap<>())
                    .put(statement.path("Sid").asText(), (ObjectNode) statement)));
            loaded.add(f);
        }
        return loaded;
    }

    private ObjectNode version(FunctionVersion v) {
        storeCode(v.code);
        ObjectNode o = Json.object();
        o.put("name", v.name).put("version", v.version).put("runtime", v.runtime).put("handler", v.handler).put("role", v.role)
                .put("description", v.description).put("timeout", v.timeout).put("memorySize", v.memorySize)
                .put("ephemeralStorage", v.ephemeralStorage).put("snapStartApplyOn", v.snapStartApplyOn)
                .put("tracingMode", v.tracingMode).put("packageType", v.packageType).put("code", v.code.hexSha256())
                .put("lastModified", v.lastModified).put("revisionId", v.revisionId).put("configDescription", v.configDescription)
                .put("generation", v.generation);
        v.architectures.forEach(o.putArray("architectures")::add);
        if (v.environment != null) {
            ObjectNode env = o.putObject("environment");
            v.environment.forEach(env::put);
        }
        return o;
    }

    private FunctionVersion version(JsonNode o) {
        FunctionVersion v = new FunctionVersion();
        v.name = o.get("name").asText();
        v.version = o.get("version").asText();
        v.runtime = text(o, "runtime");
        v.handler = text(o, "handler");
        v.role = text(o, "role");
        v.description = o.get("description").asText();
        v.timeout = o.get("timeout").asInt();
        v.memorySize = o.get("memorySize").asInt();
        v.ephemeralStorage = o.get("ephemeralStorage").asInt();
        v.snapStartApplyOn = o.get("snapStartApplyOn").asText();
        v.tracingMode = o.get("tracingMode").asText();
        v.packageType = o.get("packageType").asText();
        v.lastModified = o.get("lastModified").asText();
        v.configDescription = text(o, "configDescription");
        v.generation = o.get("generation").asLong();
        List<String> architectures = new ArrayList<>();
        o.path("architectures").forEach(a -> architectures.add(a.asText()));
        v.architectures = List.copyOf(architectures);
        if (o.has("environment")) {
            v.environment = new LinkedHashMap<>();
            o.get("environment").fields().forEachRemaining(e -> v.environment.put(e.getKey(), e.getValue().asText()));
        }
        Path zip = codeDir.resolve(o.get("code").asText() + ".zip");
        try {
            v.code = CodePackage.of(Files.readAllBytes(zip));
        } catch (IOException e) {
            throw new UncheckedIOException("The endpoint state folder lacks the code " + zip + " of function " + v.name
                    + " (" + e.getMessage() + "); restore it, or delete lambda.json to start without functions", e);
        }
        v.settled();
        v.revisionId = o.get("revisionId").asText();
        return v;
    }

    private void storeCode(CodePackage code) {
        Path zip = codeDir.resolve(code.hexSha256() + ".zip");
        if (Files.exists(zip)) {
            return;
        }
        try {
            Files.createDirectories(codeDir);
            Path partial = Files.createTempFile(codeDir, "upload-", ".tmp");
            Files.write(partial, code.bytes());
            Files.move(partial, zip, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep function code in " + codeDir + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
