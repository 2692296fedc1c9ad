package dev.apitpl.core.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The engine's view of the project's one JSON configuration ({@link dev.apitpl.runtime.json.Json}): numbers are read
 * as {@link java.math.BigDecimal} with their exact lexeme so that {@code 1.0} stays {@code 1.0} through every state,
 * as in AWS. Whole documents are read strictly: text after the value and a key written twice are errors.
 */
public final class Json {

    /**
     * Core's one mapper, shared and thread-safe: the runtime's configuration (exact decimals, a key written twice
     * rejected) with the Jackson modules on the class path (java.time, Optional) registered, so that in-process
     * Lambda handlers' own types convert too. Do not reconfigure it.
     */
    public static final ObjectMapper MAPPER = dev.apitpl.runtime.json.Json.mapper().copy().findAndRegisterModules();

    public static final JsonNodeFactory NODES = MAPPER.getNodeFactory();

    private static final ObjectReader STRICT = MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private Json() {}

    /** Parses JSON text, or throws {@link IllegalArgumentException} saying where it is malformed. */
    public static JsonNode parse(String text) {
        try {
            JsonNode node = STRICT.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("Input is empty: expected a JSON value such as {}");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Input is not valid JSON: " + e.getOriginalMessage()
                    + locationOf(e), e);
        }
    }

    /** Reads one whole JSON document strictly (see the class comment); null or a missing node for empty text. */
    public static JsonNode read(String text) throws JsonProcessingException {
        return STRICT.readTree(text);
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
