package dev.apitpl.core.endpoint.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.runtime.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The Lambda API's resource-based policy: AddPermission, GetPolicy, RemovePermission, per function or qualifier
 * (version or alias), with AWS's statement shape ({@code AWS:SourceArn} as an {@code ArnLike} condition) and errors.
 * The endpoint's API Gateway asks {@link #permits} before it invokes a function, as API Gateway needs the permission.
 */
final class PermissionOperations {

    private static final Pattern STATEMENT_ID = Pattern.compile("([a-zA-Z0-9-_.]+)");

    private final FunctionStore store;

    PermissionOperations(FunctionStore store) {
        this.store = store;
    }

    ObjectNode add(Scope scope, FunctionRef ref, JsonNode body) {
        String sid = ConfigurationRequest.text(body, "StatementId");
        String action = ConfigurationRequest.text(body, "Action");
        String principal = ConfigurationRequest.text(body, "Principal");
        if (sid == null || action == null || principal == null) {
            throw LambdaError.invalidParameter("StatementId, Action and Principal are required");
        }
        if (!STATEMENT_ID.matcher(sid).matches() || sid.length() > 100) {
            throw LambdaError.invalidParameter("1 validation error detected: Value '" + sid + "' at 'statementId' failed "
                    + "to satisfy constraint: Member must satisfy regular expression pattern: ([a-zA-Z0-9-_.]+)");
        }
        synchronized (store) {
            String resource = resource(scope, ref);
            Map<String, ObjectNode> statements = f(scope, ref).policies.computeIfAbsent(qualifier(ref), q -> new LinkedHashMap<>());
            if (statements.containsKey(sid)) {
                throw LambdaError.conflict("The statement id (" + sid + ") provided already exists. Please provide a new "
                        + "statement id, or remove the existing statement.");
            }
            ObjectNode statement = Json.object();
            statement.put("Sid", sid);
            statement.put("Effect", "Allow");
            if (principal.contains(".")) {
                statement.putObject("Principal").put("Service", principal);
            } else {
                statement.putObject("Principal").put("AWS", "arn:aws:iam::" + principal + ":root");
            }
            statement.put("Action", action.contains(":") ? action : "lambda:" + action);
            statement.put("Resource", resource);
            ObjectNode condition = Json.object();
            String sourceArn = ConfigurationRequest.text(body, "SourceArn");
            if (sourceArn != null) {
                condition.putObject("ArnLike").put("AWS:SourceArn", sourceArn);
            }
            String sourceAccount = ConfigurationRequest.text(body, "SourceAccount");
            if (sourceAccount != null) {
                condition.putObject("StringEquals").put("AWS:SourceAccount", sourceAccount);
            }
            if (!condition.isEmpty()) {
                statement.set("Condition", condition);
            }
            statements.put(sid, statement);
            return Json.object().put("Statement", Json.write(statement));
        }
    }

    ObjectNode get(Scope scope, FunctionRef ref) {
        synchronized (store) {
            Map<String, ObjectNode> statements = f(scope, ref).policies.get(qualifier(ref));
            if (statements == null || statements.isEmpty()) {
                throw LambdaError.notFound("The resource you requested does not exist.");
            }
            ObjectNode policy = Json.object();
            policy.put("Version", "2012-10-17");
            policy.put("Id", "default");
            statements.values().forEach(policy.putArray("Statement")::add);
            return Json.object().put("Policy", Json.write(policy)).put("RevisionId", UUID.randomUUID().toString());
        }
    }

    void remove(Scope scope, FunctionRef ref, String sid) {
        synchronized (store) {
            Map<String, ObjectNode> statements = f(scope, ref).policies.get(qualifier(ref));
            if (statements == null || statements.remove(sid) == null) {
                throw LambdaError.notFound("Statement " + sid + " is not found in resource policy.");
            }
        }
    }

    /**
     * Whether the policy of {@code ref} lets {@code service} invoke it from {@code sourceArn}: a statement for the
     * service principal with {@code lambda:InvokeFunction} (or {@code lambda:*}) whose {@code AWS:SourceArn} pattern, if
     * any, matches ({@code *} and {@code ?} as in {@code ArnLike}).
     */
    boolean permits(Scope scope, FunctionRef ref, String service, String sourceArn) {
        synchronized (store) {
            LambdaFunction f = store.find(scope, ref.name());
            Map<String, ObjectNode> statements = f == null ? null : f.policies.get(qualifier(ref));
            if (statements == null) {
                return false;
            }
            for (ObjectNode statement : statements.values()) {
                String action = statement.path("Action").asText();
                String pattern = statement.path("Condition").path("ArnLike").path("AWS:SourceArn").asText(null);
                if (service.equals(statement.path("Principal").path("Service").asText())
                        && (action.equals("lambda:InvokeFunction") || action.equals("lambda:*"))
                        && (pattern == null || arnLike(pattern, sourceArn))) {
                    return true;
                }
            }
            return false;
        }
    }

    static boolean arnLike(String pattern, String arn) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return arn.matches(regex.toString());
    }

    private LambdaFunction f(Scope scope, FunctionRef ref) {
        LambdaFunction f = store.require(scope, ref.name(), ref.arn(scope));
        String qualifier = qualifier(ref);
        if (!qualifier.isEmpty() && f.version(qualifier) == null && !f.aliases.containsKey(qualifier)) {
            throw LambdaError.notFound("Function not found: " + ref.qualifiedArn(scope));
        }
        return f;
    }

    private static String qualifier(FunctionRef ref) {
        return ref.qualifier() == null || FunctionRef.LATEST.equals(ref.qualifier()) ? "" : ref.qualifier();
    }

    private static String resource(Scope scope, FunctionRef ref) {
        String qualifier = qualifier(ref);
        return scope.functionArn(ref.name()) + (qualifier.isEmpty() ? "" : ":" + qualifier);
    }
}
