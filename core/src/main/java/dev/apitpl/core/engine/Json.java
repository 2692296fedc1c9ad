package dev.apitpl.core.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The engine's one JSON stack. Numbers are read as {@link java.math.BigDecimal} with their exact lexeme so
 * that {@code 1.0} stays {@code 1.0} through every state, as in AWS.
 */
public final class Json {

    /** Shared, thread-safe mapper: exact decimals, duplicate keys rejected. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public static final JsonNodeFactory NODES = MAPPER.getNodeFactory();

    private Json() {}

    /** Parses JSON text, or throws {@link IllegalArgumentException} saying where it is malformed. */
    public static JsonNode parse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("Input is empty: expected a JSON value such as {}");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Input is not valid JSON: " + e.getOriginalMessage()
                    + locationOf(e), e);
        }
    }

    /** Compact JSON text, as AWS prints values inside causes. */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise a JSON tree", e);
        }
    }

    static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
