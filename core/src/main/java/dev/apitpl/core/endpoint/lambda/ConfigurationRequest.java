package dev.apitpl.core.endpoint.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.runtime.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The configuration members of CreateFunction and UpdateFunctionConfiguration, checked with AWS's constraints and
 * messages and applied to a {@link FunctionVersion}. Members a request leaves out keep their value.
 */
final class ConfigurationRequest {

    private static final String ROLE_PATTERN = "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+";
    private static final Pattern ROLE = Pattern.compile(ROLE_PATTERN);
    private static final List<String> ARCHITECTURES = List.of("x86_64", "arm64");
    private static final int ENVIRONMENT_LIMIT = 4096;

    private ConfigurationRequest() {
    }

    /** Validates {@code body} and copies its members into {@code target}. */
    static void apply(JsonNode body, FunctionVersion target) {
        String role = text(body, "Role");
        if (role != null && !ROLE.matcher(role).matches()) {
            throw LambdaError.validation(List.of(LambdaError.violation(role, "role",
                    "Member must satisfy regular expression pattern: " + ROLE_PATTERN)));
        }
        String runtime = text(body, "Runtime");
        if (runtime != null) {
            JavaRuntimes.check(runtime);
        }
        List<String> violations = new ArrayList<>();
        Integer timeout = integer(body, "Timeout", 1, 900, "timeout", violations);
        Integer memory = integer(body, "MemorySize", 128, 10240, "memorySize", violations);
        Integer storage = body.path("EphemeralStorage").isObject()
                ? integer(body.get("EphemeralStorage"), "Size", 512, 10240, "ephemeralStorage.size", violations) : null;
        List<String> architectures = architectures(body, violations);
        String applyOn = body.path("SnapStart").path("ApplyOn").isTextual() ? body.get("SnapStart").get("ApplyOn").asText() : null;
        if (applyOn != null && !List.of("PublishedVersions", "None").contains(applyOn)) {
            violations.add(LambdaError.violation(applyOn, "snapStart.applyOn",
                    "Member must satisfy enum value set: [PublishedVersions, None]"));
        }
        String tracing = body.path("TracingConfig").path("Mode").isTextual() ? body.get("TracingConfig").get("Mode").asText() : null;
        if (tracing != null && !List.of("Active", "PassThrough").contains(tracing)) {
            violations.add(LambdaError.violation(tracing, "tracingConfig.mode", "Member must satisfy enum value set: [Active, PassThrough]"));
        }
        if (!violations.isEmpty()) {
            throw LambdaError.validation(violations);
        }
        Map<String, String> environment = environment(body);

        if (role != null) {
            target.role = role;
        }
        if (runtime != null) {
            target.runtime = runtime;
        }
        if (text(body, "Handler") != null) {
            target.handler = text(body, "Handler");
        }
        if (text(body, "Description") != null) {
            target.description = text(body, "Description");
        }
        if (timeout != null) {
            target.timeout = timeout;
        }
        if (memory != null) {
            target.memorySize = memory;
        }
        if (storage != null) {
            target.ephemeralStorage = storage;
        }
        if (architectures != null) {
            target.architectures = architectures;
        }
        if (applyOn != null) {
            target.snapStartApplyOn = applyOn;
        }
        if (tracing != null) {
            target.tracingMode = tracing;
        }
        if (environment != null) {
            target.environment = environment;
        }
    }

    static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Integer integer(JsonNode body, String field, int min, int max, String path, List<String> violations) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        long value = n.asLong();
        if (value < min) {
            violations.add(LambdaError.violation(value, path, "Member must have value greater than or equal to " + min));
        } else if (value > max) {
            violations.add(LambdaError.violation(value, path, "Member must have value less than or equal to " + max));
        }
        return (int) value;
    }

    private static List<String> architectures(JsonNode body, List<String> violations) {
        JsonNode n = body.get("Architectures");
        if (n == null || !n.isArray()) {
            return null;
        }
        List<String> values = new ArrayList<>();
        n.forEach(a -> values.add(a.asText()));
        String shown = "[" + String.join(", ", values) + "]";
        if (values.size() > 1) {
            violations.add(LambdaError.violation(shown, "architectures", "Member must have length less than or equal to 1"));
        } else if (!values.isEmpty() && !ARCHITECTURES.contains(values.get(0))) {
            violations.add(LambdaError.violation(shown, "architectures", "Member must satisfy constraint: "
                    + "[Member must satisfy enum value set: [x86_64, arm64], Member must not be null]"));
        }
        return values.isEmpty() ? null : List.copyOf(values);
    }

    /** The {@code Environment.Variables}, at most 4 KB as compact JSON (AWS's measure), or null when not given. */
    private static Map<String, String> environment(JsonNode body) {
        JsonNode environment = body.get("Environment");
        if (environment == null || environment.isNull()) {
            return null;
        }
        Map<String, String> variables = new LinkedHashMap<>();
        ObjectNode measured = Json.object();
        environment.path("Variables").fields().forEachRemaining(e -> {
            variables.put(e.getKey(), e.getValue().asText());
            measured.put(e.getKey(), e.getValue().asText());
        });
        String text = Json.write(measured);
        if (text.getBytes(StandardCharsets.UTF_8).length > ENVIRONMENT_LIMIT) {
            throw LambdaError.invalidParameter("Lambda was unable to configure your environment variables because the environment "
                    + "variables you have provided exceeded the 4KB limit. String measured: " + text);
        }
        return variables;
    }
}
