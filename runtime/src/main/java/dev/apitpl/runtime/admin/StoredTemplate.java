package dev.apitpl.runtime.admin;

import dev.apitpl.runtime.error.InvalidTemplateException;
import dev.apitpl.runtime.template.ApiTemplate;
import dev.apitpl.runtime.template.TemplateCodec;
import dev.apitpl.runtime.template.TemplateContentHash;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A template item as the table holds it now.
 *
 * @param item        the item's attributes, exactly as read (a conditional write expects them unchanged)
 * @param template    the template, or null when the item is not a valid template
 * @param problem     why the item is not a valid template, or null
 * @param storedHash  {@value TemplateCodec#CONTENT_HASH_ATTRIBUTE}: the hash apitpl stored at its last write, or null
 * @param contentHash the hash of the item's content now (the ETag), or null when it is not a valid template
 */
record StoredTemplate(Map<String, AttributeValue> item, ApiTemplate template, String problem, String storedHash,
                      String contentHash) {

    static StoredTemplate of(Map<String, AttributeValue> item) {
        AttributeValue hash = item.get(TemplateCodec.CONTENT_HASH_ATTRIBUTE);
        String storedHash = hash == null ? null : hash.s();
        try {
            ApiTemplate template = TemplateCodec.fromAttributeValues(item);
            return new StoredTemplate(item, template, null, storedHash, TemplateContentHash.of(template));
        } catch (InvalidTemplateException e) {
            return new StoredTemplate(item, null, e.getMessage(), storedHash, null);
        }
    }

    /**
     * Whether someone changed the item without going through apitpl: it is not a valid template, or its content no
     * longer has the hash apitpl stored with it (or none was stored).
     */
    boolean editedOutsideApitpl() {
        return contentHash == null || !contentHash.equals(storedHash);
    }
}
