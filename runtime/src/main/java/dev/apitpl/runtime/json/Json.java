package dev.apitpl.runtime.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The runtime's single {@link ObjectMapper}. Decimals are read as {@link java.math.BigDecimal} and
 * kept exactly as written ({@code 1.0} stays {@code 1.0}, {@code 0.1} is not a binary double), because
 * a template's JSON body and a DynamoDB number must reach the API unchanged. The mapper is configured
 * once here and must not be reconfigured by callers.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private Json() {
    }

    /** The shared mapper; thread-safe. Do not call its {@code configure}/{@code enable} methods. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The node factory that keeps decimals exact. */
    public static JsonNodeFactory nodes() {
        return MAPPER.getNodeFactory();
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * Parses JSON text.
     *
     * @throws JsonProcessingException with the line and column of the first syntax error
     */
    public static JsonNode parse(String json) throws JsonProcessingException {
        return MAPPER.readTree(json);
    }

    /** Compact JSON text of a node; never fails for trees built from JSON. */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written: " + e.getOriginalMessage(), e);
        }
    }
}
