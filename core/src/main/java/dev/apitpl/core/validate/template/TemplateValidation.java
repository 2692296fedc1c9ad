package dev.apitpl.core.validate.template;

import dev.apitpl.core.validate.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What validating one template file found.
 *
 * @param file the template file
 * @param problems its problems, in file order
 * @param key the template's name and method when both are readable, else empty
 * @param secretNames the names passed to {@code secret('NAME')}: the secrets the template needs at run time
 */
public record TemplateValidation(Path file, List<Problem> problems, Optional<TemplateKey> key, Set<String> secretNames) {

    public TemplateValidation {
        problems = List.copyOf(problems);
        secretNames = Set.copyOf(secretNames);
    }
}
