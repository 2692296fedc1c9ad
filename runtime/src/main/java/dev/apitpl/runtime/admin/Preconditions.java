package dev.apitpl.runtime.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.runtime.template.TemplateCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Optimistic concurrency for PUT and DELETE. A template's ETag is its content hash now. Replacing or deleting an
 * existing template needs {@code If-Match} with the ETag the client read (428 without it): a different ETag is 412;
 * the ETag apitpl stored at its last write, when the item has since been changed outside apitpl (its content no longer
 * matches {@value TemplateCodec#CONTENT_HASH_ATTRIBUTE}), is 409, as is {@code If-Match: *} on such an item. Creating
 * needs no header; {@code If-None-Match: *} makes sure nothing is replaced.
 */
final class Preconditions {

    private Preconditions() {
    }

    /** The ETag header value of a content hash: a strong entity tag. */
    static String etag(String contentHash) {
        return "\"" + contentHash + "\"";
    }

    /** Null when the request may go ahead on {@code current}; else the answer that refuses it. */
    static AdminResponse refusal(Optional<StoredTemplate> current, String ifMatch, String ifNoneMatch, String what) {
        if (current.isEmpty()) {
            if (ifMatch != null) {
                return AdminResponse.error(412, "PreconditionFailed", "There is no " + what + " to match If-Match "
                        + ifMatch + " (it was deleted, or never created); to create it, send the request without If-Match");
            }
            return null;
        }
        StoredTemplate stored = current.get();
        if ("*".equals(trimmed(ifNoneMatch))) {
            return withCurrent(AdminResponse.error(412, "PreconditionFailed", what + " already exists and If-None-Match: *"
                    + " asks not to replace it; GET it and send its ETag in If-Match to replace it"), stored);
        }
        if (ifMatch == null) {
            return withCurrent(AdminResponse.error(428, "PreconditionRequired", what + " exists: send If-Match with the"
                    + " ETag a GET returned, so that no one's change is overwritten unseen"), stored);
        }
        List<String> tags = tags(ifMatch);
        if (tags.contains("*")) {
            return stored.editedOutsideApitpl() && stored.contentHash() != null ? editedOutside(stored, what) : null;
        }
        if (stored.contentHash() != null && tags.contains(stored.contentHash())) {
            return null; // the client has seen the content as it is now, whoever wrote it
        }
        if (stored.storedHash() != null && tags.contains(stored.storedHash()) && stored.editedOutsideApitpl()) {
            return editedOutside(stored, what);
        }
        return withCurrent(AdminResponse.error(412, "PreconditionFailed", what + " has changed since the version in"
                + " If-Match was read; GET it again, reapply the change and send the new ETag"), stored);
    }

    private static AdminResponse editedOutside(StoredTemplate stored, String what) {
        return withCurrent(AdminResponse.error(409, "EditedOutsideApi", what + " was changed outside apitpl since"
                + " apitpl last wrote it (its content no longer matches its " + TemplateCodec.CONTENT_HASH_ATTRIBUTE
                + "); it is not overwritten: GET it, review that change, and send the ETag of what you reviewed"), stored);
    }

    /** A refusal that tells the client the current ETag, if the item has one. */
    private static AdminResponse withCurrent(AdminResponse refusal, StoredTemplate stored) {
        if (stored.contentHash() == null) {
            ObjectNode body = (ObjectNode) refusal.body();
            body.put("storedItemProblem", stored.problem());
            return refusal;
        }
        ((ObjectNode) refusal.body()).put("currentEtag", etag(stored.contentHash()));
        return refusal;
    }

    /** The entity tags of an If-Match value: {@code "a", "b"} or {@code *}; weak tags never match, so they are left out. */
    private static List<String> tags(String header) {
        List<String> tags = new ArrayList<>();
        for (String part : header.split(",")) {
            String tag = part.trim();
            if (tag.startsWith("W/")) {
                continue;
            }
            if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
                tag = tag.substring(1, tag.length() - 1);
            }
            if (!tag.isEmpty()) {
                tags.add(tag);
            }
        }
        return tags;
    }

    private static String trimmed(String header) {
        return header == null ? null : header.trim();
    }
}
