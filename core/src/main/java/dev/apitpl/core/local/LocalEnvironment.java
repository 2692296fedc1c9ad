package dev.apitpl.core.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.core.asl.AslModel;
import dev.apitpl.core.asl.TaskState;
import dev.apitpl.core.engine.ExecutionListener;
import dev.apitpl.core.engine.ExecutionOptions;
import dev.apitpl.core.engine.ExecutionResult;
import dev.apitpl.core.engine.Json;
import dev.apitpl.core.engine.LocalEngine;
import dev.apitpl.core.engine.StateMachine;
import dev.apitpl.core.engine.task.DynamoDbIntegration;
import dev.apitpl.core.engine.task.HttpIntegration;
import dev.apitpl.core.engine.task.LambdaFunctions;
import dev.apitpl.core.engine.task.LambdaIntegration;
import dev.apitpl.core.engine.task.TaskDispatcher;
import dev.apitpl.core.engine.task.TaskInvoker;
import dev.apitpl.core.validate.Problem;
import dev.apitpl.core.validate.Severity;
import dev.apitpl.core.validate.asl.AslValidationOptions;
import dev.apitpl.core.validate.asl.AslValidator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

/**
 * The local stand-ins for a deployment: DynamoDB (embedded DynamoDB Local unless an endpoint is
 * given) with the template table created and seeded, in-process Lambda handlers and real HTTP.
 * One environment serves any number of executions; {@link #close()} stops the database.
 */
public final class LocalEnvironment implements AutoCloseable {


    private final LocalSetup setup;
    private final LocalDynamoDb embedded;
    private final DynamoDbClient dynamoDb;
    private final TaskDispatcher tasks;
    private final Set<String> seededTables = new LinkedHashSet<>();

    private LocalEnvironment(LocalSetup setup, LocalDynamoDb embedded, DynamoDbClient dynamoDb) {
        this.setup = setup;
        this.embedded = embedded;
        this.dynamoDb = dynamoDb;
        this.tasks = new TaskDispatcher(List.of(
                new DynamoDbIntegration(dynamoDb),
                new LambdaIntegration(setup.functions(), Json.MAPPER, setup.log()),
                new HttpIntegration(Json.MAPPER, setup.log())));
    }

    /** Starts the environment; explicitly mapped handler classes are loaded now so a typo fails early. */
    public static LocalEnvironment start(LocalSetup setup) throws LocalRunException {
        try {
            setup.functions().loadAll();
        } catch (LambdaFunctions.HandlerUnavailableException e) {
            throw new LocalRunException(e.getMessage(), e);
        }
        if (setup.dynamoDbEndpoint() != null) {
            return new LocalEnvironment(setup, null, externalClient(setup.dynamoDbEndpoint()));
        }
        LocalDynamoDb database;
        try {
            database = LocalDynamoDb.start();
        } catch (RuntimeException | LinkageError e) {
            // DynamoDB Local loads its sqlite4java native library in a static initialiser: failures arrive as Errors.
            throw new LocalRunException("DynamoDB Local could not start in this JVM (" + rootCause(e) + "). It extracts "
                    + "the sqlite4java native library for " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch") + " from its jar into java.io.tmpdir ("
                    + System.getProperty("java.io.tmpdir") + "), which must be writable and allow loading libraries;"
                    + " fix that, or use a DynamoDB of your own (<dynamoDbEndpoint> / -Dapitpl.dynamoDbEndpoint /"
                    + " --dynamodb-endpoint)", e);
        }
        return new LocalEnvironment(setup, database, database.client());
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.toString() : e + ", caused by " + root;
    }

    private static DynamoDbClient externalClient(URI endpoint) throws LocalRunException {
        var builder = DynamoDbClient.builder().endpointOverride(endpoint).httpClient(UrlConnectionHttpClient.create());
        if (isLoopback(endpoint)) {
            // A DynamoDB Local on this machine accepts any credentials; don't require real ones for it.
            builder.region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        }
        try {
            return builder.build();
        } catch (SdkClientException e) {
            // The SDK's message lists every provider it asked; the gist is enough.
            String problem = String.valueOf(e.getMessage()).startsWith("Unable to load region")
                    ? "no AWS region is configured" : String.valueOf(e.getMessage());
            throw new LocalRunException("Cannot use the DynamoDB endpoint " + endpoint + ": " + problem
                    + ". An endpoint on another host needs an AWS region and credentials: set AWS_REGION (or the"
                    + " aws.region system property) and credentials as for the AWS CLI, or run DynamoDB Local on this"
                    + " machine (a loopback endpoint such as http://localhost:8000 needs neither)", e);
        }
    }

    private static boolean isLoopback(URI endpoint) {
        try {
            return endpoint.getHost() != null && InetAddress.getByName(endpoint.getHost()).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    /** Every Task state's work: the DynamoDB, Lambda and HTTP integrations. */
    public TaskInvoker tasks() {
        return tasks;
    }

    /** The DynamoDB client the integrations use. */
    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    /**
     * Reads {@code definition} (JSON or YAML) into the one ASL model with its placeholders substituted, validates it as
     * {@code apitpl validate} does and builds the machine; each warning goes to the log as {@code validate} prints it.
     * With embedded DynamoDB, also creates and seeds its template table on first use.
     *
     * @throws InvalidDefinitionException when the validator finds an error: nothing runs
     */
    public StateMachine load(Path definition) throws LocalRunException {
        AslModel model;
        try {
            model = AslModel.read(definition, setup.substitutions());
        } catch (IOException e) {
            throw new LocalRunException("Cannot read the definition " + definition + ": " + e, e);
        }
        List<Problem> problems = AslValidator.check(model, AslValidationOptions.substituting(setup.substitutions()));
        if (problems.stream().anyMatch(problem -> problem.severity() == Severity.ERROR)) {
            throw new InvalidDefinitionException(definition, problems);
        }
        problems.forEach(problem -> setup.log().accept(problem.format()));
        StateMachine machine = StateMachine.from(model, problems);
        if (embedded != null) {
            prepareTemplateTable(model, definition);
        }
        return machine;
    }

    private void prepareTemplateTable(AslModel model, Path definition) throws LocalRunException {
        Map<String, List<String>> keysByTable = new LinkedHashMap<>();
        for (TaskState task : model.taskStates()) {
            JsonNode parameters = task.arguments() == null ? Json.NODES.missingNode() : task.arguments();
            if (task.resource() != null && task.resource().startsWith("arn:aws:states:::dynamodb:")
                    && parameters.path("TableName").isTextual()) {
                List<String> keys = new ArrayList<>();
                parameters.path("Key").fieldNames().forEachRemaining(keys::add);
                keysByTable.merge(parameters.get("TableName").asText(), keys, (a, b) -> a.size() == 2 ? a : b);
            }
        }
        String table = setup.templateTable();
        if (table == null) {
            if (keysByTable.size() > 1) {
                throw new LocalRunException(definition + " uses several DynamoDB tables " + keysByTable.keySet()
                        + "; name the template table (<templateTable> / -Dapitpl.templateTable / --template-table)");
            }
            table = keysByTable.isEmpty() ? null : keysByTable.keySet().iterator().next();
        }
        if (table == null || !seededTables.add(table)) {
            return;
        }
        String[] keys = keyAttributes(keysByTable.getOrDefault(table, List.of()));
        try {
            embedded.createTable(table, keys[0], keys[1]);
        } catch (ResourceInUseException alreadyThere) {
            return;
        } catch (DynamoDbException e) {
            throw new LocalRunException(definition + ": cannot create the template table '" + table + "': "
                    + e.awsErrorDetails().errorMessage() + ". Fix the table name (its substitution or templateTable)", e);
        }
        if (setup.templatesDir() != null) {
            List<Map<String, AttributeValue>> items = TemplateSeed.items(setup.templatesDir(), keys[0], keys[1]);
            for (Map<String, AttributeValue> item : items) {
                try {
                    embedded.put(table, item);
                } catch (DynamoDbException e) {
                    throw new LocalRunException("Cannot seed template '" + item.get(keys[0]).s() + "' ("
                            + item.get(keys[1]).s() + ") from " + setup.templatesDir() + " into table '" + table + "': "
                            + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage())
                            + ". DynamoDB takes items up to 400 KB with non-empty key values; fix the template file", e);
                }
            }
            setup.log().accept("Seeded " + items.size() + " template(s) from " + setup.templatesDir() + " into table "
                    + table + " (keys " + keys[0] + ", " + keys[1] + ")");
        }
    }

    /**
     * The template table's partition and sort key names, as the definition's Key uses them:
     * {@code PK}/{@code SK} or the codec's {@code name}/{@code method} are recognised in any order,
     * other pairs are taken in written order, and PK/SK is the default.
     */
    private static String[] keyAttributes(List<String> keys) {
        if (keys.size() != 2) {
            return new String[] {LocalDynamoDb.PARTITION_KEY, LocalDynamoDb.SORT_KEY};
        }
        if (keys.contains("SK") || keys.contains("method")) {
            String sort = keys.contains("SK") ? "SK" : "method";
            return new String[] {keys.get(0).equals(sort) ? keys.get(1) : keys.get(0), sort};
        }
        return new String[] {keys.get(0), keys.get(1)};
    }

    /**
     * Each Task state whose Resource has no local integration, including those inside Parallel branches and Map
     * processors: state name to resource, in definition order.
     */
    public Map<String, String> unsupportedResources(StateMachine machine) {
        Map<String, String> unsupported = new LinkedHashMap<>();
        for (TaskState task : machine.model().taskStates()) {
            if (task.resource() != null && !tasks.handles(task.resource())) {
                unsupported.put(task.name(), task.resource());
            }
        }
        return unsupported;
    }

    /** The message for a definition whose Task states (state name to resource) cannot run locally. */
    public static String unsupportedMessage(Path definition, Map<String, String> resourceByState) {
        return definition + ": " + TaskDispatcher.noIntegrationMessage(resourceByState);
    }

    /** Parses execution input given as JSON text or {@code @file}. */
    public static JsonNode readInput(String inputOrFile) throws LocalRunException {
        String text = inputOrFile == null || inputOrFile.isBlank() ? "{}" : inputOrFile;
        String source = "The input";
        if (text.startsWith("@")) {
            Path file = Path.of(text.substring(1));
            source = "The input file " + file;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new LocalRunException("Cannot read the input file " + file + ": " + e);
            }
        }
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new LocalRunException(source + " is not JSON: " + e.getMessage()
                    + ". Give JSON text such as '{\"templateName\": \"x\"}' or @path/to/input.json", e);
        }
    }

    /** Runs {@code machine} on {@code input} with {@code invoker} for its Task states. */
    public ExecutionResult execute(StateMachine machine, String machineName, JsonNode input, TaskInvoker invoker,
            ExecutionListener listener) {
        LocalEngine.Builder engine = LocalEngine.builder().taskInvoker(invoker);
        if (listener != null) {
            engine.listener(listener);
        }
        return engine.build().execute(machine, input, ExecutionOptions.defaults().withStateMachineName(machineName));
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        } else {
            dynamoDb.close();
        }
    }
}
