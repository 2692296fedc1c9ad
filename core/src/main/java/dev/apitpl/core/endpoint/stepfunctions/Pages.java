package dev.apitpl.core.endpoint.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.core.engine.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** The List* operations' paging: {@code maxResults} (0 means the default of 100) and opaque {@code nextToken}s. */
final class Pages {

    private static final String PREFIX = "apitpl-page:";

    private Pages() {}

    /**
     * Puts one page of {@code items} into {@code answer} under {@code member}, with a {@code nextToken} when more
     * follow.
     *
     * @param tokenLimit the longest nextToken this operation accepts (AWS's constraint differs per operation)
     */
    static ObjectNode page(ObjectNode request, List<? extends JsonNode> items, String member, int tokenLimit) {
        int maxResults = request.path("maxResults").asInt(0);
        if (maxResults > 1000) {
            throw SfnException.validation(String.valueOf(maxResults), "maxResults",
                    "Member must have value less than or equal to 1000");
        }
        int size = maxResults <= 0 ? 100 : maxResults;
        int start = 0;
        JsonNode token = request.get("nextToken");
        if (token != null && !token.isNull()) {
            String text = token.asText();
            if (text.length() > tokenLimit) {
                throw SfnException.validation(text, "nextToken", "Member must have length less than or equal to "
                        + tokenLimit);
            }
            start = offset(text);
        }
        ObjectNode answer = Json.NODES.objectNode();
        ArrayNode list = answer.putArray(member);
        int end = Math.min(items.size(), start + size);
        for (int i = start; i < end; i++) {
            list.add(items.get(i));
        }
        if (end < items.size()) {
            answer.put("nextToken", Base64.getEncoder().encodeToString((PREFIX + end).getBytes(StandardCharsets.UTF_8)));
        }
        return answer;
    }

    private static int offset(String token) {
        try {
            String decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith(PREFIX)) {
                return Integer.parseInt(decoded.substring(PREFIX.length()));
            }
        } catch (IllegalArgumentException e) {
            // falls through: not one of ours
        }
        throw SfnException.invalidToken();
    }
}
