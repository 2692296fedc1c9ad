package dev.apitpl.core.policy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.runtime.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one IAM role needs: who may assume it and the statements of its one inline policy.
 *
 * @param role             the role's part in the workflow, also its synthesized logical id and inline policy's name
 * @param servicePrincipal the AWS service that assumes it ({@code states.amazonaws.com}, {@code lambda.amazonaws.com})
 * @param statements       the statements, in a fixed order
 */
public record RolePolicy(String role, String servicePrincipal, List<Statement> statements) {

    /** The IAM policy language version every document declares. */
    public static final String VERSION = "2012-10-17";

    public RolePolicy {
        statements = List.copyOf(statements);
    }

    /** The statement with this id. */
    public Optional<Statement> statement(String sid) {
        return statements.stream().filter(statement -> statement.sid().equals(sid)).findFirst();
    }

    /** The trust policy: the service may assume the role. */
    public ObjectNode trustPolicy() {
        ObjectNode document = Json.object();
        document.put("Version", VERSION);
        ObjectNode statement = document.putArray("Statement").addObject();
        statement.put("Effect", "Allow");
        statement.putObject("Principal").put("Service", servicePrincipal);
        statement.put("Action", "sts:AssumeRole");
        return document;
    }

    /** The permissions policy with resources as patterns (as synth writes them). */
    public ObjectNode policyDocument() {
        return policyDocument(Map.of());
    }

    /** The permissions policy with the variables that have a value filled in (see {@link PolicyVariables#of}). */
    public ObjectNode policyDocument(Map<String, String> variables) {
        ObjectNode document = Json.object();
        document.put("Version", VERSION);
        ArrayNode array = document.putArray("Statement");
        statements.forEach(statement -> array.add(statement.render(variables)));
        return document;
    }
}
