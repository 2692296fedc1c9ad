package dev.apitpl.runtime.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.apitpl.runtime.error.InvalidTemplateException;
import dev.apitpl.runtime.json.Json;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The published template.schema.json and {@link TemplateCodec} must accept and refuse the same files. */
class TemplateSchemaTest {

    private static final JsonNode SCHEMA_JSON = readSchema();
    private static final Schema SCHEMA =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(SCHEMA_JSON);

    static List<Path> validFiles() {
        return TemplateFiles.valid();
    }

    static List<Path> invalidFiles() {
        return TemplateFiles.invalid();
    }

    @ParameterizedTest
    @MethodSource("validFiles")
    void bothAcceptAValidFile(Path file) throws Exception {
        JsonNode json = Json.parse(TemplateFiles.read(file));

        List<Error> errors = SCHEMA.validate(json);

        assertTrue(errors.isEmpty(), () -> "schema refused " + file + ": " + errors);
        TemplateCodec.fromJson(json);
    }

    @ParameterizedTest
    @MethodSource("invalidFiles")
    void bothRefuseAnInvalidFile(Path file) throws Exception {
        JsonNode json = Json.parse(TemplateFiles.read(file));

        assertFalse(SCHEMA.validate(json).isEmpty(), () -> "schema accepted " + file);
        assertThrows(InvalidTemplateException.class, () -> TemplateCodec.fromJson(json));
    }

    @Test
    void theSchemaDescribesExactlyTheCodecsFields() {
        List<String> properties = new ArrayList<>();
        SCHEMA_JSON.get("properties").fieldNames().forEachRemaining(properties::add);
        properties.remove(TemplateCodec.SCHEMA_FIELD);

        assertEquals(TemplateCodec.FIELDS, properties);
        assertEquals("[\"name\",\"method\",\"url\"]", Json.write(SCHEMA_JSON.get("required")));
        List<String> methods = new ArrayList<>();
        SCHEMA_JSON.at("/properties/method/enum").forEach(method -> methods.add(method.textValue()));
        assertEquals(ApiTemplate.METHODS, methods);
        SCHEMA_JSON.get("properties").forEach(property ->
                assertTrue(property.hasNonNull("description"), () -> "no description for IDE completion: " + property));
    }

    @Test
    void theSchemaChecksAllowedDestinationsWithTheCodecsOwnPattern() {
        JsonNode items = SCHEMA_JSON.at("/properties/allowedDestinations/items");

        assertEquals("^(" + ApiTemplate.DESTINATION_PATTERN + ")$", items.get("pattern").textValue());
        assertEquals(ApiTemplate.MAX_DESTINATION_LENGTH, items.get("maxLength").intValue());
    }

    private static JsonNode readSchema() {
        try (InputStream in = ApiTemplate.class.getResourceAsStream("/dev/apitpl/runtime/template.schema.json")) {
            return Json.mapper().readTree(in);
        } catch (Exception e) {
            throw new IllegalStateException("template.schema.json is not on the class path", e);
        }
    }
}
