package dev.apitpl.core.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.core.validate.Problem;
import dev.apitpl.core.validate.Severity;
import dev.apitpl.runtime.json.Json;
import java.util.List;
import java.util.Map;

/**
 * The least-privilege policies of a workflow's roles (state machine, generic Lambda, admin API), and what kept them from being complete.
 *
 * @param stateMachine the state machine's role
 * @param function     the generic Lambda function's role
 * @param adminApi     the template admin API function's role, or null when the admin API is off
 * @param problems     located problems: a resource named at run time, an integration whose permissions are not
 *                     known, a placeholder without a value; never answered with a wider grant
 * @param notes        what the reader should know that is not a problem (e.g. secrets read from the environment)
 */
public record WorkflowPolicies(RolePolicy stateMachine, RolePolicy function, RolePolicy adminApi, List<Problem> problems,
                               List<String> notes) {

    public WorkflowPolicies {
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    /** The roles: the state machine's, the generic function's, and the admin API's when it is turned on. */
    public List<RolePolicy> roles() {
        return adminApi == null ? List.of(stateMachine, function) : List.of(stateMachine, function, adminApi);
    }

    /** True when some problem is an error: the policies would leave the workflow without a permission it needs. */
    public boolean hasErrors() {
        return problems.stream().anyMatch(problem -> problem.severity() == Severity.ERROR);
    }

    /**
     * Everything as one JSON document: per role its trust policy and permissions policy (variables filled in from
     * {@code variables}), then the problems and notes.
     */
    public ObjectNode toJson(Map<String, String> variables) {
        ObjectNode root = Json.object();
        ObjectNode roles = root.putObject("roles");
        for (RolePolicy role : roles()) {
            ObjectNode node = roles.putObject(role.role());
            node.set("trustPolicy", role.trustPolicy());
            node.set("policy", role.policyDocument(variables));
        }
        problems.forEach(problem -> root.withArray("problems").add(problem.format()));
        notes.forEach(note -> root.withArray("notes").add(note));
        return root;
    }
}
