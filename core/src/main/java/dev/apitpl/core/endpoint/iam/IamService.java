package dev.apitpl.core.endpoint.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.core.endpoint.EndpointRequest;
import dev.apitpl.core.endpoint.EndpointResponse;
import dev.apitpl.core.endpoint.ServiceHandler;
import dev.apitpl.core.endpoint.server.EndpointServer;
import dev.apitpl.core.endpoint.server.StateFile;
import dev.apitpl.core.engine.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Just enough IAM and STS for a deployer, in the AWS Query protocol: roles and their inline policies are stored and
 * answered (never enforced), and STS GetCallerIdentity names the endpoint's fixed account.
 */
public final class IamService implements ServiceHandler {

    private static final String IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";
    private static final String STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final Set<String> IAM_ACTIONS = Set.of("CreateRole", "GetRole", "UpdateAssumeRolePolicy",
            "PutRolePolicy", "GetRolePolicy", "DeleteRolePolicy", "ListRolePolicies", "DeleteRole");

    private final String account;
    private final StateFile stateFile;
    private final ObjectNode roles;

    /** IAM and STS for {@code account}, with roles kept in {@code stateDir} (null: in memory). */
    public IamService(String account, Path stateDir) {
        this.account = account;
        this.stateFile = new StateFile(stateDir, "iam.json");
        this.roles = stateFile.load().with("roles");
    }

    @Override
    public boolean accepts(EndpointRequest request) {
        if (request.header("X-Amz-Target") != null || request.path().startsWith("/2015-03-31/")) {
            return false;
        }
        String contentType = request.header("Content-Type");
        boolean form = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(
                "application/x-www-form-urlencoded");
        return request.queryParameter("Action") != null || (form && request.bodyText().contains("Action="));
    }

    @Override
    public EndpointResponse handle(EndpointRequest request) {
        Map<String, String> parameters = new LinkedHashMap<>();
        request.query().forEach((name, values) -> parameters.put(name, values.get(0)));
        EndpointServer.parseQuery(request.bodyText()).forEach((name, values) -> parameters.put(name, values.get(0)));
        String action = parameters.getOrDefault("Action", "");
        if (action.equals("GetCallerIdentity")) {
            return new QueryXml().element("Arn", "arn:aws:iam::" + account + ":root").element("UserId", account)
                    .element("Account", account).result(action, STS_NS);
        }
        if (!IAM_ACTIONS.contains(action)) {
            return QueryXml.error(400, "InvalidAction", "Could not find operation " + action + " for version "
                    + parameters.getOrDefault("Version", "2010-05-08") + " (the local endpoint serves IAM "
                    + String.join(", ", IAM_ACTIONS.stream().sorted().toList()) + " and STS GetCallerIdentity)", IAM_NS);
        }
        String roleName = parameters.get("RoleName");
        if (roleName == null || roleName.isEmpty()) {
            return QueryXml.error(400, "ValidationError", "1 validation error detected: Value null at 'roleName' failed "
                    + "to satisfy constraint: Member must not be null", IAM_NS);
        }
        synchronized (roles) {
            ObjectNode role = (ObjectNode) roles.get(roleName);
            if (action.equals("CreateRole")) {
                return createRole(roleName, role, parameters);
            }
            if (role == null) {
                return noSuchRole(roleName);
            }
            return switch (action) {
                case "GetRole" -> roleResult(action, role);
                case "UpdateAssumeRolePolicy" -> {
                    role.put("AssumeRolePolicyDocument", parameters.getOrDefault("PolicyDocument", ""));
                    yield saved(new QueryXml().result(action, IAM_NS));
                }
                case "PutRolePolicy" -> {
                    role.with("Policies").put(parameters.getOrDefault("PolicyName", ""),
                            parameters.getOrDefault("PolicyDocument", ""));
                    yield saved(new QueryXml().result(action, IAM_NS));
                }
                case "GetRolePolicy" -> getRolePolicy(roleName, role, parameters.getOrDefault("PolicyName", ""));
                case "DeleteRolePolicy" -> {
                    String policy = parameters.getOrDefault("PolicyName", "");
                    if (role.with("Policies").remove(policy) == null) {
                        yield noSuchPolicy(roleName, policy);
                    }
                    yield saved(new QueryXml().result(action, IAM_NS));
                }
                case "ListRolePolicies" -> {
                    QueryXml xml = new QueryXml().open("PolicyNames");
                    role.with("Policies").fieldNames().forEachRemaining(name -> xml.element("member", name));
                    yield xml.close("PolicyNames").element("IsTruncated", false).result(action, IAM_NS);
                }
                default -> deleteRole(roleName, role);
            };
        }
    }

    private EndpointResponse createRole(String roleName, ObjectNode existing, Map<String, String> parameters) {
        if (existing != null) {
            return QueryXml.error(409, "EntityAlreadyExists", "Role with name " + roleName + " already exists.", IAM_NS);
        }
        String path = parameters.getOrDefault("Path", "/");
        ObjectNode role = roles.putObject(roleName);
        role.put("Path", path);
        role.put("RoleName", roleName);
        role.put("RoleId", "AROA" + UUID.randomUUID().toString().replace("-", "").substring(0, 17)
                .toUpperCase(Locale.ROOT));
        role.put("Arn", "arn:aws:iam::" + account + ":role" + path + roleName);
        role.put("CreateDate", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        role.put("AssumeRolePolicyDocument", parameters.getOrDefault("AssumeRolePolicyDocument", ""));
        role.put("Description", parameters.get("Description"));
        role.put("MaxSessionDuration", Integer.parseInt(parameters.getOrDefault("MaxSessionDuration", "3600")));
        role.putObject("Policies");
        return saved(roleResult("CreateRole", role));
    }

    private EndpointResponse roleResult(String action, ObjectNode role) {
        QueryXml xml = new QueryXml().open("Role");
        for (String field : List.of("Path", "RoleName", "RoleId", "Arn", "CreateDate")) {
            xml.element(field, role.get(field).asText());
        }
        xml.element("AssumeRolePolicyDocument", urlEncoded(role.get("AssumeRolePolicyDocument").asText()));
        JsonNode description = role.get("Description");
        xml.element("Description", description == null || description.isNull() ? null : description.asText());
        xml.element("MaxSessionDuration", role.get("MaxSessionDuration").asInt());
        return xml.close("Role").result(action, IAM_NS);
    }

    private EndpointResponse getRolePolicy(String roleName, ObjectNode role, String policyName) {
        JsonNode document = role.with("Policies").get(policyName);
        if (document == null) {
            return noSuchPolicy(roleName, policyName);
        }
        return new QueryXml().element("RoleName", roleName).element("PolicyName", policyName)
                .element("PolicyDocument", urlEncoded(document.asText())).result("GetRolePolicy", IAM_NS);
    }

    private EndpointResponse deleteRole(String roleName, ObjectNode role) {
        if (!role.with("Policies").isEmpty()) {
            return QueryXml.error(409, "DeleteConflict", "Cannot delete entity, must delete policies first.", IAM_NS);
        }
        roles.remove(roleName);
        return saved(new QueryXml().result("DeleteRole", IAM_NS));
    }

    private static EndpointResponse noSuchRole(String roleName) {
        return QueryXml.error(404, "NoSuchEntity", "The role with name " + roleName + " cannot be found.", IAM_NS);
    }

    private static EndpointResponse noSuchPolicy(String roleName, String policyName) {
        return QueryXml.error(404, "NoSuchEntity", "The role policy with name " + policyName
                + " cannot be found.", IAM_NS);
    }

    private EndpointResponse saved(EndpointResponse response) {
        ObjectNode state = Json.NODES.objectNode();
        state.set("roles", roles);
        stateFile.save(state);
        return response;
    }

    /** IAM returns policy documents URL-encoded, as RFC 3986 does it (spaces as %20). */
    private static String urlEncoded(String document) {
        return URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
