package dev.apitpl.core.endpoint.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.runtime.json.Json;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The Lambda API's function operations: create, get, update code and configuration, publish and list versions, list
 * and delete functions, with AWS's revision-id preconditions and asynchronous states.
 */
final class FunctionOperations {

    private final FunctionStore store;

    FunctionOperations(FunctionStore store) {
        this.store = store;
    }

    /** The lock guarding every function's state. */
    Object lock() {
        return store;
    }

    ObjectNode create(Scope scope, JsonNode body) {
        String requested = ConfigurationRequest.text(body, "FunctionName");
        List<String> missing = new ArrayList<>();
        if (requested == null) {
            missing.add(LambdaError.violation("null", "functionName", "Member must not be null"));
        }
        if (ConfigurationRequest.text(body, "Role") == null) {
            missing.add(LambdaError.violation("null", "role", "Member must not be null"));
        }
        if (!missing.isEmpty()) {
            throw LambdaError.validation(missing);
        }
        FunctionRef ref = FunctionRef.forCreate(requested, scope);
        FunctionVersion latest = new FunctionVersion();
        latest.name = ref.name();
        ConfigurationRequest.apply(body, latest);
        if (!"Zip".equals(ConfigurationRequest.text(body, "PackageType") == null ? "Zip" : body.get("PackageType").asText())) {
            throw LambdaError.invalidParameter("This local endpoint runs Zip packages only: send the jar as Code.ZipFile "
                    + "with PackageType Zip (container images need Docker)");
        }
        if (latest.runtime == null || latest.handler == null) {
            throw LambdaError.invalidParameter("Runtime and Handler are mandatory parameters for functions created with "
                    + "deployment packages.");
        }
        latest.code = code(body.path("Code"));
        latest.pending();
        latest.touch(store.clock().instant());
        LambdaFunction function = new LambdaFunction(ref.name(), scope.region(), latest);
        body.path("Tags").fields().forEachRemaining(e -> function.tags.put(e.getKey(), e.getValue().asText()));
        synchronized (store) {
            if (store.find(scope, ref.name()) != null) {
                throw LambdaError.conflict("Function already exist: " + ref.name());
            }
            store.add(scope, function);
            ObjectNode answer = ConfigurationJson.configuration(latest, scope.functionArn(ref.name()), scope);
            if (body.path("Publish").asBoolean(false)) {
                FunctionVersion first = publishNew(function, latest, null);
                answer.put("Version", first.version);
                store.settleLater(latest, first);
            } else {
                store.settleLater(latest);
            }
            return answer;
        }
    }

    ObjectNode get(Scope scope, FunctionRef ref, String baseUrl) {
        synchronized (store) {
            Resolved r = resolve(scope, ref);
            ObjectNode answer = Json.object();
            answer.set("Configuration", ConfigurationJson.configuration(r.version(), r.arn(), scope));
            answer.putObject("Code").put("RepositoryType", "S3").put("Location", baseUrl + LambdaService.PREFIX + "/"
                    + r.version().name + "/" + LambdaService.CODE_DOWNLOAD + "/" + r.version().code.hexSha256());
            LambdaFunction f = store.find(scope, ref.name());
            if (!f.tags.isEmpty()) {
                ObjectNode tags = answer.putObject("Tags");
                f.tags.forEach(tags::put);
            }
            return answer;
        }
    }

    ObjectNode getConfiguration(Scope scope, FunctionRef ref) {
        synchronized (store) {
            Resolved r = resolve(scope, ref);
            return ConfigurationJson.configuration(r.version(), r.arn(), scope);
        }
    }

    /** The bytes behind a {@code Code.Location}, or null. */
    byte[] code(Scope scope, String name, String hexSha256) {
        synchronized (store) {
            LambdaFunction f = store.find(scope, name);
            if (f == null) {
                return null;
            }
            List<FunctionVersion> all = new ArrayList<>(f.versions.values());
            all.add(f.latest);
            return all.stream().filter(v -> v.code.hexSha256().equals(hexSha256)).map(v -> v.code.bytes()).findFirst().orElse(null);
        }
    }

    ObjectNode updateConfiguration(Scope scope, FunctionRef ref, JsonNode body) {
        synchronized (store) {
            LambdaFunction f = store.require(scope, ref.name(), ref.arn(scope));
            String arn = scope.functionArn(f.name);
            checkRevision(body, f.latest.revisionId);
            FunctionStore.requireIdle(f.latest, arn);
            FunctionVersion next = f.latest.copy();
            ConfigurationRequest.apply(body, next);
            next.generation++;
            next.updating();
            next.touch(store.clock().instant());
            f.latest = next;
            store.settleLater(next);
            return ConfigurationJson.configuration(next, arn, scope);
        }
    }

    ObjectNode updateCode(Scope scope, FunctionRef ref, JsonNode body) {
        CodePackage code = code(body);
        synchronized (store) {
            LambdaFunction f = store.require(scope, ref.name(), ref.arn(scope));
            String arn = scope.functionArn(f.name);
            checkRevision(body, f.latest.revisionId);
            FunctionStore.requireIdle(f.latest, arn);
            if (body.path("DryRun").asBoolean(false)) {
                FunctionVersion dry = f.latest.copy();
                dry.code = code;
                return ConfigurationJson.configuration(dry, arn, scope);
            }
            FunctionVersion next = f.latest.copy();
            next.code = code;
            if (body.path("Architectures").isArray()) {
                ConfigurationRequest.apply(Json.object().set("Architectures", body.get("Architectures")), next);
            }
            next.generation++;
            next.updating();
            next.touch(store.clock().instant());
            f.latest = next;
            if (body.path("Publish").asBoolean(false)) {
                FunctionVersion published = publishNew(f, next, null);
                published.pending();
                store.settleLater(next, published);
                return ConfigurationJson.configuration(published, arn + ":" + published.version, scope);
            }
            store.settleLater(next);
            return ConfigurationJson.configuration(next, arn, scope);
        }
    }

    ObjectNode publish(Scope scope, FunctionRef ref, JsonNode body) {
        synchronized (store) {
            LambdaFunction f = store.require(scope, ref.name(), ref.arn(scope));
            String arn = scope.functionArn(f.name);
            checkRevision(body, f.latest.revisionId);
            String sha = ConfigurationRequest.text(body, "CodeSha256");
            if (sha != null && !sha.equals(f.latest.code.sha256())) {
                throw LambdaError.invalidParameter("CodeSHA256 (" + sha + ") is different from current CodeSHA256 in $LATEST ("
                        + f.latest.code.sha256() + "). Please try again with the CodeSHA256 in $LATEST.");
            }
            if ("InProgress".equals(f.latest.lastUpdateStatus)) {
                FunctionStore.requireIdle(f.latest, arn);
            }
            Map.Entry<Integer, FunctionVersion> last = f.versions.lastEntry();
            if (last != null && f.latest.samePublishedContent(last.getValue())) {
                return ConfigurationJson.configuration(last.getValue(), arn + ":" + last.getKey(), scope);
            }
            FunctionVersion published = publishNew(f, f.latest, ConfigurationRequest.text(body, "Description"));
            if (published.busy()) {
                store.settleLater(published);
            }
            return ConfigurationJson.configuration(published, arn + ":" + published.version, scope);
        }
    }

    ObjectNode listVersions(Scope scope, FunctionRef ref, String marker, Integer maxItems) {
        synchronized (store) {
            LambdaFunction f = store.require(scope, ref.name(), ref.arn(scope));
            String arn = scope.functionArn(f.name);
            List<JsonNode> all = new ArrayList<>();
            all.add(ConfigurationJson.configuration(f.latest, arn + ":" + FunctionRef.LATEST, scope));
            f.versions.forEach((n, v) -> all.add(ConfigurationJson.configuration(v, arn + ":" + n, scope)));
            return Pages.page(all, marker, maxItems, "Versions");
        }
    }

    ObjectNode listFunctions(Scope scope, String functionVersion, String marker, Integer maxItems) {
        if (functionVersion != null && !"ALL".equals(functionVersion)) {
            throw LambdaError.validation(List.of(LambdaError.violation(functionVersion, "functionVersion",
                    "Member must satisfy enum value set: [ALL]")));
        }
        synchronized (store) {
            List<JsonNode> all = new ArrayList<>();
            for (LambdaFunction f : store.all(scope)) {
                String arn = scope.functionArn(f.name);
                if (functionVersion == null) {
                    all.add(ConfigurationJson.configuration(f.latest, arn, scope));
                } else {
                    all.add(ConfigurationJson.configuration(f.latest, arn + ":" + FunctionRef.LATEST, scope));
                    f.versions.forEach((n, v) -> all.add(ConfigurationJson.configuration(v, arn + ":" + n, scope)));
                }
            }
            return Pages.page(all, marker, maxItems, "Functions");
        }
    }

    void delete(Scope scope, FunctionRef ref) {
        synchronized (store) {
            LambdaFunction f = store.require(scope, ref.name(), ref.arn(scope));
            String qualifier = ref.qualifier();
            if (qualifier == null) {
                store.remove(scope, f);
                return;
            }
            if (FunctionRef.LATEST.equals(qualifier)) {
                throw LambdaError.invalidParameter("$LATEST version cannot be deleted without deleting the function.");
            }
            FunctionVersion version = f.version(qualifier);
            if (version == null) {
                return;
            }
            List<String> users = f.aliases.values().stream()
                    .filter(a -> a.functionVersion().equals(qualifier) || a.weights().containsKey(qualifier))
                    .map(LambdaFunction.Alias::name).toList();
            if (!users.isEmpty()) {
                throw LambdaError.conflict("Unable to delete version because the following aliases reference it: " + users);
            }
            store.removeVersion(scope, f, Integer.parseInt(qualifier));
        }
    }

    /** A function version as a qualifier names it, and the ARN AWS shows for it. */
    record Resolved(LambdaFunction function, FunctionVersion version, String arn) {
    }

    Resolved resolve(Scope scope, FunctionRef ref) {
        synchronized (store) {
            String qualifiedArn = ref.qualifiedArn(scope);
            LambdaFunction f = store.require(scope, ref.name(), qualifiedArn);
            String qualifier = ref.qualifier();
            if (qualifier == null) {
                return new Resolved(f, f.latest, scope.functionArn(f.name));
            }
            FunctionVersion v = f.version(qualifier);
            if (v != null) {
                return new Resolved(f, v, qualifiedArn);
            }
            LambdaFunction.Alias alias = f.aliases.get(qualifier);
            if (alias != null) {
                return new Resolved(f, f.version(alias.functionVersion()), qualifiedArn);
            }
            throw LambdaError.functionNotFound(qualifiedArn);
        }
    }

    /** Publishes {@code from} as the next version number; the new version starts in {@code from}'s state. */
    private FunctionVersion publishNew(LambdaFunction f, FunctionVersion from, String description) {
        FunctionVersion v = from.copy();
        v.version = String.valueOf(++f.lastVersionNumber);
        v.configDescription = from.description;
        if (description != null) {
            v.description = description;
        }
        if (!from.busy()) {
            v.settled();
        }
        v.newRevision();
        f.versions.put(f.lastVersionNumber, v);
        from.newRevision();
        return v;
    }

    private static void checkRevision(JsonNode body, String current) {
        String expected = ConfigurationRequest.text(body, "RevisionId");
        if (expected != null && !expected.equals(current)) {
            throw LambdaError.preconditionFailed();
        }
    }

    private static CodePackage code(JsonNode code) {
        JsonNode zip = code.get("ZipFile");
        if (zip == null || zip.isNull()) {
            throw LambdaError.invalidParameter("This local endpoint takes the code as ZipFile bytes (the jar or zip itself); "
                    + "S3Bucket/S3Key and ImageUri are not reachable from here");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(zip.asText());
        } catch (IllegalArgumentException e) {
            throw LambdaError.invalidParameter("Could not unzip uploaded file. Please check your file, then try to upload again.");
        }
        return CodePackage.of(bytes);
    }

    /** Marker pagination as the Lambda list operations do it (the marker is an opaque position). */
    static final class Pages {
        private Pages() {
        }

        static ObjectNode page(List<JsonNode> all, String marker, Integer maxItems, String listName) {
            int from = 0;
            if (marker != null) {
                try {
                    from = Integer.parseInt(marker);
                } catch (NumberFormatException e) {
                    throw LambdaError.invalidParameter("Invalid marker: " + marker);
                }
            }
            int size = maxItems == null ? 50 : Math.max(1, Math.min(maxItems, 10000));
            int to = Math.min(all.size(), from + size);
            ObjectNode answer = Json.object();
            ArrayNode items = answer.putArray(listName);
            for (int i = Math.min(from, all.size()); i < to; i++) {
                items.add(all.get(i));
            }
            if (to < all.size()) {
                answer.put("NextMarker", String.valueOf(to));
            }
            return answer;
        }
    }
}
