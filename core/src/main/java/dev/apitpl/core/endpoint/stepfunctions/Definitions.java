package dev.apitpl.core.endpoint.stepfunctions;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.core.engine.DefinitionException;
import dev.apitpl.core.engine.Json;
import dev.apitpl.core.engine.StateMachine;
import dev.apitpl.core.validate.Problem;
import dev.apitpl.core.validate.Severity;
import dev.apitpl.core.validate.asl.AslRule;
import dev.apitpl.core.validate.asl.AslValidationOptions;
import dev.apitpl.core.validate.asl.AslValidator;
import dev.apitpl.core.validate.asl.StateMachineType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Definitions checked by the project's ASL validator, its problems told as AWS tells them: diagnostics with AWS's
 * codes and JSON-pointer locations for ValidateStateMachineDefinition, and the {@code InvalidDefinition} message of
 * CreateStateMachine. Where AWS's own wording is recorded, it is used.
 */
final class Definitions {

    private static final Path NAME = Path.of("definition.asl.json");

    /** One diagnostic as ValidateStateMachineDefinition reports it; {@code location} may be null. */
    record Diagnostic(String severity, String code, String message, String location) {
    }

    private Definitions() {}

    /** Every problem of {@code definition} deployed as {@code type} (STANDARD or EXPRESS), errors first. */
    static List<Diagnostic> diagnose(String definition, String type) {
        if (definition.isBlank()) {
            return List.of(new Diagnostic("ERROR", "SCHEMA_VALIDATION_FAILED", "Definition must be a valid JSON object",
                    null));
        }
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(definition);
        } catch (JsonProcessingException e) {
            String source = "[Source: (String)\"" + definition + "\"; line: " + e.getLocation().getLineNr()
                    + ", column: " + e.getLocation().getColumnNr() + "]";
            return List.of(new Diagnostic("ERROR", "INVALID_JSON_DESCRIPTION", e.getOriginalMessage() + "\n at "
                    + source, source));
        }
        if (!parsed.isObject()) {
            return List.of(new Diagnostic("ERROR", "SCHEMA_VALIDATION_FAILED", "Definition must be a valid JSON object",
                    null));
        }
        List<String> missing = new ArrayList<>();
        for (String field : List.of("States", "StartAt")) {
            if (!parsed.has(field)) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            return List.of(new Diagnostic("ERROR", "SCHEMA_VALIDATION_FAILED", "These fields are required: " + missing,
                    "/"));
        }
        AslValidationOptions options = AslValidationOptions.defaults().withStateMachineType(
                "EXPRESS".equals(type) ? StateMachineType.EXPRESS : StateMachineType.STANDARD);
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (Problem problem : AslValidator.validate(NAME, definition, options)) {
            String location = pointerAt(definition, problem.line(), problem.column());
            String message = awsMessage(problem, parsed, location);
            if (problem.ruleId().equals(AslRule.QUERY_LANGUAGE.id()) && location != null
                    && location.endsWith("/QueryLanguage")) {
                location = location.substring(0, location.length() - "/QueryLanguage".length()); // AWS names the state
            }
            diagnostics.add(new Diagnostic(problem.severity() == Severity.ERROR ? "ERROR" : "WARNING",
                    awsCode(problem.ruleId()), message, location));
        }
        diagnostics.sort((a, b) -> a.severity().compareTo(b.severity()));
        return diagnostics;
    }

    /**
     * Checks a definition for CreateStateMachine and UpdateStateMachine and parses it for the engine.
     *
     * @throws SfnException {@code InvalidDefinition} with AWS's message shape
     */
    static StateMachine require(String definition, String type) {
        List<Diagnostic> errors = diagnose(definition, type).stream()
                .filter(diagnostic -> diagnostic.severity().equals("ERROR")).toList();
        if (!errors.isEmpty()) {
            throw invalid(errors.stream().map(error -> error.code() + ": " + error.message()
                    + (error.location() == null ? "" : " at " + error.location())).collect(Collectors.joining(", ")));
        }
        try {
            return StateMachine.parse(definition);
        } catch (DefinitionException | IllegalArgumentException e) {
            throw invalid("SCHEMA_VALIDATION_FAILED: " + e.getMessage());
        }
    }

    private static SfnException invalid(String detail) {
        return new SfnException("InvalidDefinition", "Invalid State Machine Definition: '" + detail + "'");
    }

    private static String awsCode(String ruleId) {
        return Arrays.stream(AslRule.values()).filter(rule -> rule.id().equals(ruleId)).map(AslRule::awsCode)
                .filter(code -> code != null).findFirst().orElse("SCHEMA_VALIDATION_FAILED");
    }

    /** AWS's recorded wording for the problems it is known for; the validator's own (with its hint) otherwise. */
    private static String awsMessage(Problem problem, JsonNode definition, String location) {
        if (problem.ruleId().equals(AslRule.EXPRESS_INTEGRATION.id()) && location != null) {
            String resource = definition.at(location).asText("");
            if (resource.contains(":activity:")) {
                return "Express state machine does not support Activity ARN";
            }
            return resource.endsWith(".waitForTaskToken")
                    ? "Express state machine does not support '.waitForTaskToken' service integration "
                    : "Express state machine does not support '.sync' service integration";
        }
        if (problem.ruleId().equals(AslRule.QUERY_LANGUAGE.id()) && problem.message().contains("JSONPath")
                && "JSONata".equals(definition.path("QueryLanguage").asText())) {
            return "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine";
        }
        return problem.message() + (problem.hint() == null ? "" : " (" + problem.hint() + ")");
    }

    /**
     * The JSON pointer of the member or value at {@code line}:{@code column} (1-based), as AWS locates diagnostics;
     * for a key, the pointer of its member; null when the position is not in the text.
     */
    static String pointerAt(String json, int line, int column) {
        if (line <= 0) {
            return null;
        }
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(json)) {
            String best = null;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                JsonLocation at = parser.currentTokenLocation();
                if (at.getLineNr() > line || (at.getLineNr() == line && at.getColumnNr() > column)) {
                    break;
                }
                String pointer = parser.getParsingContext().pathAsPointer().toString();
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    pointer = parser.getParsingContext().getParent() == null ? ""
                            : parser.getParsingContext().getParent().pathAsPointer().toString();
                }
                best = pointer;
            }
            return best == null || best.isEmpty() ? "/" : best;
        } catch (IOException e) {
            return null;
        }
    }
}
