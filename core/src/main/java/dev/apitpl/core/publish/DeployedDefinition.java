package dev.apitpl.core.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.apitpl.core.local.LocalRunException;
import dev.apitpl.core.local.Substitutions;
import dev.apitpl.runtime.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * The definition as deploy sends it: read (JSON or YAML), its placeholders filled with the project's substitutions
 * and, for the managed ones, the names and ARNs AWS answered; and its normalised form (sorted keys, indented) that
 * plan diffs.
 */
final class DeployedDefinition {

    private static final ObjectMapper NORMALISED = Json.mapper().copy()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private DeployedDefinition() {}

    /** The definition's JSON text with every placeholder filled. */
    static String render(WorkflowDeployment deployment, String functionAliasArn) throws PublishException {
        String text;
        try {
            text = Files.readString(deployment.definition());
            String file = deployment.definition().getFileName().toString();
            if (file.endsWith(".yaml") || file.endsWith(".yml")) {
                text = Json.write(new YAMLMapper().readTree(text));
            }
        } catch (IOException e) {
            throw new PublishException("The definition " + deployment.definition() + " cannot be read (" + e.getMessage()
                    + "); set <definition> (-Dapitpl.definition) to the state machine's ASL file", e);
        }
        WorkflowDeployment.ManagedPlaceholders managed = deployment.placeholders() == null
                ? WorkflowDeployment.ManagedPlaceholders.DEFAULT : deployment.placeholders();
        Map<String, String> values = new HashMap<>(deployment.substitutions());
        values.put(managed.templateTableName(), deployment.templateTable());
        values.put(managed.apiCallFunctionArn(), functionAliasArn);
        try {
            return Substitutions.apply(text, values, deployment.definition().toString());
        } catch (LocalRunException e) {
            throw new PublishException(e.getMessage(), e);
        }
    }

    /** Sorted keys, two-space indentation: equal meaning, equal text. Text that is not JSON is returned as is. */
    static String normalise(String definition) {
        try {
            JsonNode tree = Json.parse(definition);
            Object plain = NORMALISED.treeToValue(tree, Object.class);
            return NORMALISED.writeValueAsString(plain);
        } catch (IOException e) {
            return definition;
        }
    }
}
