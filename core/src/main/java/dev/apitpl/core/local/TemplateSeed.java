package dev.apitpl.core.local;

import dev.apitpl.runtime.error.InvalidTemplateException;
import dev.apitpl.runtime.template.ApiTemplate;
import dev.apitpl.runtime.template.TemplateCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The template table's items made from a project's template files ({@code *.json} under the
 * templates directory), each written by the runtime's {@link TemplateCodec} as a deployment
 * would seed it. When the table's key attributes are not the codec's own {@code name} and
 * {@code method}, they are added with the template's name and method.
 */
final class TemplateSeed {

    private TemplateSeed() {}

    static List<Map<String, AttributeValue>> items(Path templatesDir, String partitionKey, String sortKey)
            throws LocalRunException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(templatesDir)) {
            files = walk.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new LocalRunException("Cannot read the templates directory " + templatesDir + ": " + e, e);
        }
        Map<String, Path> seen = new LinkedHashMap<>();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (Path file : files) {
            ApiTemplate template;
            try {
                template = TemplateCodec.fromJson(Files.readString(file));
            } catch (IOException e) {
                throw new LocalRunException("Cannot read template " + file + ": " + e, e);
            } catch (InvalidTemplateException e) {
                throw new LocalRunException(file + ": " + e.getMessage() + " (run apitpl:validate for every problem)", e);
            }
            Path other = seen.put(template.name() + " " + template.method(), file);
            if (other != null) {
                throw new LocalRunException(file + " and " + other + " both define template '" + template.name()
                        + "' for " + template.method() + "; rename one of them");
            }
            Map<String, AttributeValue> item = new LinkedHashMap<>();
            item.put(partitionKey, AttributeValue.fromS(template.name()));
            item.put(sortKey, AttributeValue.fromS(template.method()));
            item.putAll(TemplateCodec.toAttributeValues(template));
            items.add(item);
        }
        return items;
    }
}
