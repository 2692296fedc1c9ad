package dev.apitpl.core.validate.asl;

import dev.apitpl.core.asl.PlaceholderMode;
import java.util.Map;
import java.util.Objects;

/**
 * How to validate a definition.
 *
 * @param placeholders what {@code ${Name}} placeholders (SAM/CloudFormation {@code DefinitionSubstitutions},
 *     Terraform {@code templatefile}) mean in this definition
 * @param substitutions values for placeholders, applied before validation (in {@link PlaceholderMode#SUBSTITUTE}
 *     and {@link PlaceholderMode#TOLERATE})
 * @param stateMachineType the workflow type the definition is deployed as
 */
public record AslValidationOptions(PlaceholderMode placeholders, Map<String, String> substitutions,
                                   StateMachineType stateMachineType) {

    public AslValidationOptions {
        Objects.requireNonNull(placeholders, "placeholders");
        substitutions = Map.copyOf(Objects.requireNonNull(substitutions, "substitutions"));
        Objects.requireNonNull(stateMachineType, "stateMachineType");
    }

    /** A definition without placeholders, deployed as a Standard workflow. */
    public static AslValidationOptions defaults() {
        return new AslValidationOptions(PlaceholderMode.NONE, Map.of(), StateMachineType.STANDARD);
    }

    /** A definition whose placeholders are all given values here; unresolved ones are reported. */
    public static AslValidationOptions substituting(Map<String, String> substitutions) {
        return new AslValidationOptions(PlaceholderMode.SUBSTITUTE, substitutions, StateMachineType.STANDARD);
    }

    /** A definition that may still carry placeholders: validated without reporting what they might stand for. */
    public static AslValidationOptions tolerant() {
        return new AslValidationOptions(PlaceholderMode.TOLERATE, Map.of(), StateMachineType.STANDARD);
    }

    public AslValidationOptions withSubstitutions(Map<String, String> values) {
        return new AslValidationOptions(placeholders, values, stateMachineType);
    }

    public AslValidationOptions withPlaceholders(PlaceholderMode mode) {
        return new AslValidationOptions(mode, substitutions, stateMachineType);
    }

    public AslValidationOptions withStateMachineType(StateMachineType type) {
        return new AslValidationOptions(placeholders, substitutions, type);
    }
}
