package dev.apitpl.core.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.runtime.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * What seed and deploy would change, read from AWS without writing: the templates, the function, the state machine
 * and (when the policy service is available) the roles' policies.
 *
 * @param seed         the template table
 * @param function     the Lambda function
 * @param stateMachine the state machine
 * @param policies     the derived policies as JSON, or null
 * @param adminApi     the template admin API, or null when the project does not publish it
 */
public record DeployPlan(SeedPlan seed, FunctionPlan function, StateMachinePlan stateMachine, JsonNode policies,
                         AdminApiPlan adminApi) {

    /** Without the admin API. */
    public DeployPlan(SeedPlan seed, FunctionPlan function, StateMachinePlan stateMachine, JsonNode policies) {
        this(seed, function, stateMachine, policies, null);
    }

    /** Whether deploy would write nothing. */
    public boolean unchanged() {
        return !seed.writes() && !function.publishes() && !stateMachine.movesAlias()
                && (adminApi == null || adminApi.unchanged());
    }

    /** The readable plan, one line each. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        var counts = seed.counts();
        lines.add("templates in " + seed.table() + (seed.tableExists() ? "" : " (table created)") + ": "
                + counts.get(TemplateChange.Action.CREATE) + " to create, "
                + (counts.get(TemplateChange.Action.UPDATE) + counts.get(TemplateChange.Action.OVERWRITE)) + " to update, "
                + counts.get(TemplateChange.Action.UNCHANGED) + " unchanged, " + counts.get(TemplateChange.Action.CONFLICT)
                + " in conflict, " + counts.get(TemplateChange.Action.DELETE) + " to delete");
        for (TemplateChange change : seed.changes()) {
            if (change.action() != TemplateChange.Action.UNCHANGED) {
                lines.add("  " + symbol(change.action()) + " " + change.label() + " (" + change.action().name().toLowerCase(java.util.Locale.ROOT)
                        + (change.differingFields().isEmpty() ? "" : ": " + String.join(", ", change.differingFields()))
                        + (change.reason() == null ? "" : "; " + change.reason()) + ")");
            }
        }
        lines.addAll(function.describe());
        lines.addAll(stateMachine.describe());
        if (adminApi != null) {
            lines.addAll(adminApi.describe());
        }
        if (policies != null) {
            lines.add("policies (mvn apitpl:policy prints them in full):");
            policies.fields().forEachRemaining(role -> lines.add("  " + role.getKey() + ": "
                    + role.getValue().path("Statement").size() + " statements"));
        }
        lines.add(unchanged() ? "plan: unchanged, deploy would write nothing" : "plan: deploy would make the changes above");
        return lines;
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("unchanged", unchanged());
        json.set("templates", seed.toJson());
        json.set("function", function.toJson());
        json.set("stateMachine", stateMachine.toJson());
        if (adminApi != null) {
            json.set("adminApi", adminApi.toJson());
        }
        if (policies != null) {
            json.set("policies", policies);
        }
        return json;
    }

    private static String symbol(TemplateChange.Action action) {
        return switch (action) {
            case CREATE -> "+";
            case DELETE -> "-";
            case CONFLICT -> "!";
            case KEEP -> "=";
            default -> "~";
        };
    }
}
