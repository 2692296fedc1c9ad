package dev.apitpl.core.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.apitpl.core.asl.AslModel;
import dev.apitpl.core.asl.ReadProblem;
import dev.apitpl.runtime.json.Json;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The definition as deploy sends it: read once into the ASL model (JSON or YAML), its placeholders filled with the project's substitutions
 * and, for the managed ones, the names and ARNs AWS answered; and its normalised form (sorted keys, indented) that
 * plan diffs.
 */
final class DeployedDefinition {

    private static final ObjectMapper NORMALISED = Json.mapper().copy()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private DeployedDefinition() {}

    /** The definition's JSON text with every placeholder filled, read through the one ASL model. */
    static String render(WorkflowDeployment deployment, String functionAliasArn) throws PublishException {
        WorkflowDeployment.ManagedPlaceholders managed = deployment.placeholders() == null
                ? WorkflowDeployment.ManagedPlaceholders.DEFAULT : deployment.placeholders();
        Map<String, String> values = new HashMap<>(deployment.substitutions());
        values.put(managed.templateTableName(), deployment.templateTable());
        values.put(managed.apiCallFunctionArn(), functionAliasArn);
        AslModel model;
        try {
            model = AslModel.read(deployment.definition(), values);
        } catch (IOException e) {
            throw new PublishException("The definition " + deployment.definition() + " cannot be read (" + e.getMessage()
                    + "); set <definition> (-Dapitpl.definition) to the state machine's ASL file", e);
        }
        Set<String> missing = new TreeSet<>();
        model.placeholders().stream().filter(p -> !p.resolved()).forEach(p -> missing.add(p.name()));
        if (!missing.isEmpty()) {
            String first = missing.iterator().next();
            throw new PublishException(deployment.definition() + " has placeholders without a value: " + missing
                    + ". Give each one a value: <substitutions><" + first + ">...</" + first + "></substitutions> in the "
                    + "plugin configuration, or a line " + first + "=... in the <substitutionsFile> (-Dapitpl.substitutionsFile)");
        }
        JsonNode json = model.toJson();
        if (json == null || !model.readProblems().isEmpty()) {
            throw new PublishException(deployment.definition() + " cannot be read as a definition: "
                    + model.readProblems().stream().map(ReadProblem::message).toList() + " (mvn apitpl:validate locates them)");
        }
        return Json.write(json);
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
