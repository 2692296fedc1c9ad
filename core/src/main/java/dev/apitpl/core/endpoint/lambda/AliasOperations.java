package dev.apitpl.core.endpoint.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** The Lambda API's alias operations, with AWS's routing-configuration checks and revision ids. */
final class AliasOperations {

    private static final String NAME_PATTERN = "(?!^[0-9]+$)([a-zA-Z0-9-_]+)";
    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
    private static final Pattern VERSION_KEY = Pattern.compile("[0-9]+");

    private final FunctionStore store;

    AliasOperations(FunctionStore store) {
        this.store = store;
    }

    ObjectNode create(Scope scope, FunctionRef ref, JsonNode body) {
        String name = ConfigurationRequest.text(body, "Name");
        checkName(name);
        String version = ConfigurationRequest.text(body, "FunctionVersion");
        Map<String, Double> weights = weights(body, version);
        synchronized (store) {
            LambdaFunction f = store.require(scope, ref.name(), scope.functionArn(ref.name()) + ":" + version);
            requireVersions(scope, f, version, weights);
            if (f.aliases.containsKey(name)) {
                throw LambdaError.conflict("Alias already exists: " + scope.functionArn(f.name) + ":" + name);
            }
            String description = ConfigurationRequest.text(body, "Description");
            LambdaFunction.Alias alias = new LambdaFunction.Alias(name, version, description == null ? "" : description,
                    weights, UUID.randomUUID().toString());
            f.aliases.put(name, alias);
            return ConfigurationJson.alias(alias, scope, f.name);
        }
    }

    ObjectNode get(Scope scope, FunctionRef ref, String name) {
        synchronized (store) {
            LambdaFunction f = store.require(scope, ref.name(), ref.arn(scope));
            LambdaFunction.Alias alias = f.aliases.get(name);
            if (alias == null) {
                throw LambdaError.notFound("Cannot find alias arn: " + scope.functionArn(f.name) + ":" + name);
            }
            return ConfigurationJson.alias(alias, scope, f.name);
        }
    }

    ObjectNode update(Scope scope, FunctionRef ref, String name, JsonNode body) {
        synchronized (store) {
            LambdaFunction f = store.require(scope, ref.name(), ref.arn(scope));
            LambdaFunction.Alias alias = f.aliases.get(name);
            if (alias == null) {
                throw LambdaError.notFound("Alias not found: " + scope.functionArn(f.name) + ":" + name);
            }
            String expected = ConfigurationRequest.text(body, "RevisionId");
            if (expected != null && !expected.equals(alias.revisionId())) {
                throw LambdaError.preconditionFailed();
            }
            String version = ConfigurationRequest.text(body, "FunctionVersion");
            version = version == null ? alias.functionVersion() : version;
            Map<String, Double> weights = body.has("RoutingConfig") ? weights(body, version) : alias.weights();
            requireVersions(scope, f, version, weights);
            String description = ConfigurationRequest.text(body, "Description");
            LambdaFunction.Alias updated = new LambdaFunction.Alias(name, version,
                    description == null ? alias.description() : description, weights, UUID.randomUUID().toString());
            f.aliases.put(name, updated);
            return ConfigurationJson.alias(updated, scope, f.name);
        }
    }

    void delete(Scope scope, FunctionRef ref, String name) {
        synchronized (store) {
            LambdaFunction f = store.require(scope, ref.name(), ref.arn(scope));
            f.aliases.remove(name);
        }
    }

    ObjectNode list(Scope scope, FunctionRef ref, String functionVersion, String marker, Integer maxItems) {
        synchronized (store) {
            LambdaFunction f = store.require(scope, ref.name(), ref.arn(scope));
            List<JsonNode> all = new ArrayList<>();
            for (LambdaFunction.Alias alias : f.aliases.values()) {
                if (functionVersion == null || functionVersion.equals(alias.functionVersion())) {
                    all.add(ConfigurationJson.alias(alias, scope, f.name));
                }
            }
            return FunctionOperations.Pages.page(all, marker, maxItems, "Aliases");
        }
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty() || name.length() > 128 || !NAME.matcher(name).matches()) {
            throw LambdaError.validation(List.of(LambdaError.violation(name, "name",
                    "Member must satisfy regular expression pattern: " + NAME_PATTERN)));
        }
    }

    /** The routing weights of {@code body}, checked in AWS's order. */
    private static Map<String, Double> weights(JsonNode body, String version) {
        Map<String, Double> weights = new LinkedHashMap<>();
        body.path("RoutingConfig").path("AdditionalVersionWeights").fields()
                .forEachRemaining(e -> weights.put(e.getKey(), e.getValue().asDouble()));
        for (Map.Entry<String, Double> w : weights.entrySet()) {
            if (w.getKey().isEmpty() || w.getKey().length() > 1024 || !VERSION_KEY.matcher(w.getKey()).matches()) {
                throw LambdaError.validation(List.of(LambdaError.violation(weights, "routingConfig.additionalVersionWeights",
                        "Map keys must satisfy constraint: [Member must have length less than or equal to 1024, Member must have "
                                + "length greater than or equal to 1, Member must satisfy regular expression pattern: [0-9]+]")));
            }
            if (w.getValue() < 0.0 || w.getValue() > 1.0) {
                throw LambdaError.validation(List.of(LambdaError.violation(weights, "routingConfig.additionalVersionWeights",
                        "Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member must have "
                                + "value greater than or equal to 0.0, Member must not be null]")));
            }
        }
        if (weights.size() > 1) {
            throw LambdaError.invalidParameter("Number of items in AdditionalVersionWeights cannot be greater than 1");
        }
        if (!weights.isEmpty() && FunctionRef.LATEST.equals(version)) {
            throw LambdaError.invalidParameter("$LATEST is not supported for an alias pointing to more than 1 version");
        }
        if (weights.containsKey(version)) {
            throw LambdaError.invalidParameter("Invalid function version " + version + ". Function version " + version
                    + " is already included in routing configuration.");
        }
        return weights;
    }

    private static void requireVersions(Scope scope, LambdaFunction f, String version, Map<String, Double> weights) {
        List<String> needed = new ArrayList<>();
        needed.add(version);
        needed.addAll(weights.keySet());
        for (String v : needed) {
            if (f.version(v) == null) {
                throw LambdaError.functionNotFound(scope.functionArn(f.name) + ":" + v);
            }
        }
    }
}
