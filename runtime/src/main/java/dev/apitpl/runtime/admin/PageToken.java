package dev.apitpl.runtime.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.runtime.json.Json;
import dev.apitpl.runtime.template.TemplateCodec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The opaque {@code next} token of a list page: the Scan's last evaluated key (name and method), as URL-safe base64
 * of a small JSON object, so a client passes it back unchanged in {@code ?next=}.
 */
final class PageToken {

    private PageToken() {
    }

    static String encode(Map<String, AttributeValue> lastKey) {
        ObjectNode key = Json.object();
        key.put("n", lastKey.get(TemplateCodec.PARTITION_KEY).s());
        key.put("m", lastKey.get(TemplateCodec.SORT_KEY).s());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(key).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The key a token stands for.
     *
     * @throws IllegalArgumentException when the token is not one this API handed out
     */
    static Map<String, AttributeValue> decode(String token) {
        JsonNode key;
        try {
            key = Json.parse(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | JsonProcessingException e) {
            key = null;
        }
        if (key == null || !key.path("n").isTextual() || !key.path("m").isTextual() || key.size() != 2) {
            throw new IllegalArgumentException("the 'next' token is not one this API returned; pass the 'next' value of"
                    + " the previous page unchanged, or leave it out for the first page");
        }
        return TemplateCodec.key(key.get("n").textValue(), key.get("m").textValue());
    }
}
