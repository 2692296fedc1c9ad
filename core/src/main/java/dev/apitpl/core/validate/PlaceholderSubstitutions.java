package dev.apitpl.core.validate;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Values for {@code ${Name}} placeholders of definitions, as deployments give them (CloudFormation/SAM
 * {@code DefinitionSubstitutions}, Terraform {@code templatefile}): typically one .properties file per environment.
 */
public final class PlaceholderSubstitutions {

    private PlaceholderSubstitutions() {}

    /** Reads {@code Name=value} lines (UTF-8, .properties syntax). */
    public static Map<String, String> load(Path propertiesFile) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted()
                .forEach(name -> values.put(name, properties.getProperty(name)));
        return values;
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
