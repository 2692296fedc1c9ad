package dev.apitpl.core.publish;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What seed does (or did) to one template's item.
 *
 * @param name            the template's name (partition key)
 * @param method          its HTTP method (sort key)
 * @param action          what happens to the item
 * @param differingFields the template fields whose project and table values differ (empty when none or unknown)
 * @param reason          why a conflict or a kept item is left alone, else null
 * @param item            the item to write (with its content hash), or null
 * @param remote          the item as read from the table, or null when absent
 */
public record TemplateChange(String name, String method, Action action, List<String> differingFields, String reason,
                             Map<String, AttributeValue> item, Map<String, AttributeValue> remote) {

    public TemplateChange {
        differingFields = List.copyOf(differingFields);
    }

    /** What seed does with an item. */
    public enum Action {
        /** Absent from the table: written only if still absent. */
        CREATE,
        /** Changed in the project, unchanged in the table since apitpl wrote it: written only if still so. */
        UPDATE,
        /** The same content in the project and the table: not written. */
        UNCHANGED,
        /** Changed in the table since apitpl last wrote it (or never written by apitpl): reported, not written. */
        CONFLICT,
        /** A conflict overwritten because {@code apitpl.force} is set. */
        OVERWRITE,
        /** No longer in the project, written by apitpl and unchanged since: deleted when {@code apitpl.prune} is set. */
        DELETE,
        /** No longer in the project but edited in the table or not written by apitpl: kept, even with prune. */
        KEEP;

        /** Whether this action writes to the table. */
        public boolean writes() {
            return this == CREATE || this == UPDATE || this == OVERWRITE || this == DELETE;
        }
    }

    /** {@code name METHOD}, as messages name a template. */
    public String label() {
        return name + " " + method;
    }

    TemplateChange as(Action newAction, String newReason) {
        return new TemplateChange(name, method, newAction, differingFields, newReason, item, remote);
    }
}
