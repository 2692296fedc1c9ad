package dev.apitpl.core.local;

import dev.apitpl.core.engine.task.LambdaFunctions;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Everything a local run or workflow test needs besides the definition and input.
 *
 * @param templatesDir template files to seed into the template table, or {@code null} for none
 * @param templateTable the template table's name, or {@code null} to take the one TableName the
 *     definition's DynamoDB tasks use
 * @param substitutions values of the definition's {@code ${Name}} placeholders
 * @param functions which in-process handler runs each Lambda function
 * @param dynamoDbEndpoint a DynamoDB endpoint to use as is (no table created, nothing seeded), or
 *     {@code null} for a fresh embedded DynamoDB Local
 * @param log receives handler log lines and notes
 */
public record LocalSetup(Path templatesDir, String templateTable, Map<String, String> substitutions,
        LambdaFunctions functions, URI dynamoDbEndpoint, Consumer<String> log) {

    public LocalSetup {
        substitutions = substitutions == null ? Map.of() : Map.copyOf(substitutions);
        functions = functions == null ? LambdaFunctions.builder().build() : functions;
        log = log == null ? line -> { } : log;
    }

    /** Defaults: no templates, inferred table, no substitutions, GenericApiCallLambda for every function, embedded DynamoDB. */
    public static LocalSetup defaults() {
        return new LocalSetup(null, null, Map.of(), null, null, null);
    }

    public LocalSetup withTemplates(Path dir) {
        return new LocalSetup(dir, templateTable, substitutions, functions, dynamoDbEndpoint, log);
    }

    public LocalSetup withTemplateTable(String table) {
        return new LocalSetup(templatesDir, table, substitutions, functions, dynamoDbEndpoint, log);
    }

    public LocalSetup withSubstitutions(Map<String, String> values) {
        return new LocalSetup(templatesDir, templateTable, values, functions, dynamoDbEndpoint, log);
    }

    public LocalSetup withFunctions(LambdaFunctions lambdaFunctions) {
        return new LocalSetup(templatesDir, templateTable, substitutions, lambdaFunctions, dynamoDbEndpoint, log);
    }

    public LocalSetup withDynamoDbEndpoint(URI endpoint) {
        return new LocalSetup(templatesDir, templateTable, substitutions, functions, endpoint, log);
    }

    public LocalSetup withLog(Consumer<String> lines) {
        return new LocalSetup(templatesDir, templateTable, substitutions, functions, dynamoDbEndpoint, lines);
    }
}
