package dev.apitpl.core.validate;

import dev.apitpl.core.validate.asl.StateMachineType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to validate and how.
 *
 * @param definitionFiles state machine definitions (ASL JSON or YAML)
 * @param templateFiles API template files (JSON)
 * @param substitutions values of {@code ${Name}} placeholders in definitions
 * @param placeholderTolerant placeholders without a value stand for any value instead of being errors
 *     (ASL-PLACEHOLDER-UNRESOLVED)
 * @param stateMachineType the workflow type definitions are deployed as; null means Standard
 * @param reportDirectory where validation.json, validation.sarif and one Mermaid diagram per definition are
 *     written; null writes no files
 * @param failOnWarning warnings fail the validation too
 */
public record ValidationRequest(List<Path> definitionFiles, List<Path> templateFiles, Map<String, String> substitutions,
                                boolean placeholderTolerant, StateMachineType stateMachineType, Path reportDirectory,
                                boolean failOnWarning) {

    public ValidationRequest {
        definitionFiles = List.copyOf(Objects.requireNonNull(definitionFiles, "definitionFiles"));
        templateFiles = List.copyOf(Objects.requireNonNull(templateFiles, "templateFiles"));
        substitutions = Map.copyOf(Objects.requireNonNull(substitutions, "substitutions"));
        stateMachineType = stateMachineType == null ? StateMachineType.STANDARD : stateMachineType;
    }

    /** Validates the given files with no placeholders, writing no report files. */
    public static ValidationRequest of(List<Path> definitionFiles, List<Path> templateFiles) {
        return new ValidationRequest(definitionFiles, templateFiles, Map.of(), false, null, null, false);
    }
}
