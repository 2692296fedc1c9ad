package dev.apitpl.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.runtime.json.Json;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Values for {@code ${Name}} placeholders of definitions, as deployments give them (CloudFormation/SAM
 * {@code DefinitionSubstitutions}, Terraform {@code templatefile}): typically one .properties file per environment.
 */
public final class PlaceholderSubstitutions {

    private PlaceholderSubstitutions() {}

    /**
     * Reads a {@code .json} file holding one object {@code {"Name": "value"}}, or else {@code Name=value} lines
     * (UTF-8, .properties syntax).
     */
    public static Map<String, String> load(Path propertiesFile) throws IOException {
        if (propertiesFile.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            return loadJson(propertiesFile);
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted()
                .forEach(name -> values.put(name, properties.getProperty(name)));
        return values;
    }

    private static Map<String, String> loadJson(Path file) throws IOException {
        JsonNode values = Json.mapper().readTree(file.toFile()); // exact: a value 1.10 is substituted as 1.10
        if (values == null || !values.isObject()) {
            throw new IOException(file + " must hold one JSON object: {\"Name\": \"value\"}");
        }
        Map<String, String> map = new LinkedHashMap<>();
        values.fields().forEachRemaining(field -> map.put(field.getKey(),
                field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString()));
        return map;
    }

    /** The file's values overridden by explicit ones; no file gives the explicit ones only. */
    public static Map<String, String> merge(Path propertiesFile, Map<String, String> explicit) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        if (propertiesFile != null) {
            values.putAll(load(propertiesFile));
        }
        if (explicit != null) {
            values.putAll(explicit);
        }
        return values;
    }
}
