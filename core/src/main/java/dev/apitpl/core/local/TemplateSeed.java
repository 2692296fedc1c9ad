package dev.apitpl.core.local;

import java.util.List;
import java.util.Map;
import java.nio.file.Path;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The template table's items made from a project's template files. */
final class TemplateSeed {

    private TemplateSeed() {}

    static List<Map<String, AttributeValue>> items(Path templatesDir) throws LocalRunException {
        throw new LocalRunException("template seeding needs the runtime's TemplateCodec");
    }
}
