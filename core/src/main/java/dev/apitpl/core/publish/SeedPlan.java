package dev.apitpl.core.publish;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.runtime.json.Json;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What seed would do to the template table, computed from a consistent read of it: one {@link TemplateChange} per
 * template of the project and per item the project no longer has.
 *
 * @param table        the table's name
 * @param tableExists  false when the table is missing (and {@code createTable} will create it)
 * @param changes      one per template, project order first, then the table's extra items
 */
public record SeedPlan(String table, boolean tableExists, List<TemplateChange> changes) {

    public SeedPlan {
        changes = List.copyOf(changes);
    }

    /** How many changes have each action. */
    public Map<TemplateChange.Action, Integer> counts() {
        Map<TemplateChange.Action, Integer> counts = new EnumMap<>(TemplateChange.Action.class);
        for (TemplateChange.Action action : TemplateChange.Action.values()) {
            counts.put(action, 0);
        }
        changes.forEach(change -> counts.merge(change.action(), 1, Integer::sum));
        return counts;
    }

    /** The changes with {@code action}. */
    public List<TemplateChange> with(TemplateChange.Action action) {
        return changes.stream().filter(change -> change.action() == action).toList();
    }

    /** Whether seed would write anything. */
    public boolean writes() {
        return !tableExists || changes.stream().anyMatch(change -> change.action().writes());
    }

    /** The plan as JSON, for {@code target/apitpl/plan.json}. */
    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("table", table);
        json.put("tableExists", tableExists);
        ObjectNode counts = json.putObject("counts");
        counts().forEach((action, count) -> counts.put(action.name().toLowerCase(java.util.Locale.ROOT), count));
        ArrayNode templates = json.putArray("templates");
        for (TemplateChange change : changes) {
            ObjectNode entry = templates.addObject();
            entry.put("name", change.name());
            entry.put("method", change.method());
            entry.put("action", change.action().name().toLowerCase(java.util.Locale.ROOT));
            if (!change.differingFields().isEmpty()) {
                ArrayNode fields = entry.putArray("differingFields");
                change.differingFields().forEach(fields::add);
            }
            if (change.reason() != null) {
                entry.put("reason", change.reason());
            }
        }
        return json;
    }
}
