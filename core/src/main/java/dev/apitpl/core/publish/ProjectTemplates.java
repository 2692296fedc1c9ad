package dev.apitpl.core.publish;

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

/** The project's template files ({@code *.json} under the templates directory), read as seed publishes them. */
public final class ProjectTemplates {

    private ProjectTemplates() {}

    /** Every template under {@code directory}, in file order; two files for one name and method are an error. */
    public static List<ApiTemplate> read(Path directory) throws PublishException {
        if (directory == null || !Files.isDirectory(directory)) {
            throw new PublishException("The templates directory " + directory + " does not exist; set <templates> or "
                    + "-Dapitpl.templates to the folder of the template files");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new PublishException("Cannot read the templates directory " + directory + ": " + e.getMessage(), e);
        }
        Map<String, Path> seen = new LinkedHashMap<>();
        List<ApiTemplate> templates = new ArrayList<>(files.size());
        for (Path file : files) {
            ApiTemplate template;
            try {
                template = TemplateCodec.fromJson(Files.readString(file));
            } catch (IOException e) {
                throw new PublishException("Cannot read template " + file + ": " + e.getMessage(), e);
            } catch (InvalidTemplateException e) {
                throw new PublishException(file + ": " + e.getMessage() + " (mvn apitpl:validate lists every problem)", e);
            }
            Path other = seen.put(template.name() + " " + template.method(), file);
            if (other != null) {
                throw new PublishException(file + " and " + other + " both define template '" + template.name() + "' for "
                        + template.method() + "; rename one of them");
            }
            templates.add(template);
        }
        return templates;
    }
}
