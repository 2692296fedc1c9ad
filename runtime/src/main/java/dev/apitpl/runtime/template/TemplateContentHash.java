package dev.apitpl.runtime.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.runtime.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The content hash of a template: SHA-256 (lower-case hex) of its canonical JSON, i.e. {@link TemplateCodec#toJson}
 * with object keys sorted at every level. Two templates that mean the same have the same hash whatever the key order
 * of the file or item they came from. Seed, plan and the admin API all compare templates by this one hash, and store
 * it in {@link TemplateCodec#CONTENT_HASH_ATTRIBUTE}.
 */
public final class TemplateContentHash {

    private TemplateContentHash() {
    }

    /** The hash of {@code template}'s content. */
    public static String of(ApiTemplate template) {
        return sha256(Json.write(canonical(TemplateCodec.toJson(template))));
    }

    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode sorted = Json.object();
            names.forEach(name -> sorted.set(name, canonical(node.get(name))));
            return sorted;
        }
        if (node.isArray()) {
            var copy = Json.nodes().arrayNode();
            node.forEach(element -> copy.add(canonical(element)));
            return copy;
        }
        return node;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
