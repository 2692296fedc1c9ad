package dev.apitpl.core.synth;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.apitpl.core.asl.AslModel;
import dev.apitpl.core.asl.Placeholder;
import dev.apitpl.core.asl.PlaceholderMode;
import dev.apitpl.core.policy.PolicyService;
import dev.apitpl.core.policy.WorkflowPolicies;
import dev.apitpl.core.publish.WorkflowDeployment;
import dev.apitpl.core.validate.Problem;
import dev.apitpl.core.validate.Severity;
import dev.apitpl.core.validate.ValidationFiles;
import dev.apitpl.core.validate.ValidationReport;
import dev.apitpl.core.validate.ValidationRequest;
import dev.apitpl.core.validate.ValidationService;
import dev.apitpl.core.validate.asl.StateMachineType;
import dev.apitpl.runtime.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code synth}: the whole workflow as one CloudFormation/SAM template, {@code template.yaml} and
 * {@code template.json}. Validates the definition and templates first and derives the roles' policies with
 * {@link PolicyService}; refuses (with the located problems) what the template would carry broken or over-granted.
 * Deterministic: the same project gives the same bytes, so a diff of two synths is the change.
 */
public final class SynthService {

    public static final String YAML_FILE = "template.yaml";
    public static final String JSON_FILE = "template.json";

    private static final ObjectMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());

    /** Two-space indents and '\n' on every platform: the same bytes everywhere. */
    private static final DefaultPrettyPrinter JSON_LAYOUT = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private final PolicyService policies = new PolicyService();
    private final ValidationService validation = new ValidationService();

    public SynthResult synth(SynthRequest request) throws SynthException, IOException {
        WorkflowDeployment deployment = request.deployment();
        requireConfiguration(deployment);
        ValidationReport report = validation.validate(new ValidationRequest(List.of(deployment.definition()),
                templateFiles(deployment), validationSubstitutions(deployment), false, type(deployment), null, false));
        List<Problem> errors = report.problems().stream().filter(p -> p.severity() == Severity.ERROR).toList();
        if (!errors.isEmpty()) {
            throw new SynthException("the definition or templates are not valid: " + report.summary(), errors);
        }
        WorkflowPolicies derived = policies.derive(deployment);
        if (derived.hasErrors()) {
            throw new SynthException("the roles' policies cannot be derived without granting more than the workflow"
                    + " needs", derived.problems());
        }
        String text = Files.readString(deployment.definition(), StandardCharsets.UTF_8);
        AslModel model = definition(deployment.definition(), text);
        Set<String> placeholders = new TreeSet<>();
        model.placeholders().forEach(placeholder -> placeholders.add(placeholder.name()));
        ObjectNode template = new WorkflowTemplate(deployment, derived, request.stage()).build(definitionTree(model),
                text, placeholders, codeUri(deployment, request.outputDirectory()));
        Files.createDirectories(request.outputDirectory());
        Path yaml = request.outputDirectory().resolve(YAML_FILE);
        Path json = request.outputDirectory().resolve(JSON_FILE);
        Files.writeString(yaml, YAML.writeValueAsString(template), StandardCharsets.UTF_8);
        Files.writeString(json, Json.mapper().writer(JSON_LAYOUT).writeValueAsString(template) + "\n",
                StandardCharsets.UTF_8);
        List<Problem> warnings = report.problems().stream().filter(p -> p.severity() != Severity.ERROR).toList();
        return new SynthResult(yaml, json, template, derived, warnings);
    }

    private static void requireConfiguration(WorkflowDeployment deployment) throws SynthException {
        if (deployment.function() == null || deployment.stateMachine() == null || blank(deployment.templateTable())) {
            throw new SynthException("the template table, function and state machine need names: set <templateTable>,"
                    + " <function> and <stateMachine> (or -Dapitpl.templateTable, -Dapitpl.functionName,"
                    + " -Dapitpl.stateMachineName)", List.of());
        }
        if (deployment.function().code() == null) {
            throw new SynthException("the function's code is not known: build the shaded jar (mvn package) and set"
                    + " <function><code> (-Dapitpl.code)", List.of());
        }
        String runtime = deployment.function().runtime();
        if (runtime != null && !WorkflowDeployment.SUPPORTED_RUNTIMES.contains(runtime)) {
            throw new SynthException("runtime '" + runtime + "' cannot be deployed: AWS refuses to create java17 and"
                    + " java11 functions since 2026-07-31; set <runtime> (-Dapitpl.runtime) to one of "
                    + WorkflowDeployment.SUPPORTED_RUNTIMES, List.of());
        }
        String type = deployment.stateMachine().type();
        if (type != null && !List.of("STANDARD", "EXPRESS").contains(type)) {
            throw new SynthException("state machine type '" + type + "' is not STANDARD or EXPRESS; fix"
                    + " <stateMachineType> (-Dapitpl.stateMachineType)", List.of());
        }
        String logging = deployment.stateMachine().logging();
        if (logging != null && !List.of("OFF", "ALL", "ERROR", "FATAL").contains(logging)) {
            throw new SynthException("logging level '" + logging + "' is not OFF, ALL, ERROR or FATAL; fix <logging>"
                    + " (-Dapitpl.logging)", List.of());
        }
        if (logging != null && !logging.equalsIgnoreCase("OFF") && blank(deployment.stateMachine().logGroupArn())) {
            throw new SynthException("logging " + logging + " needs a log group: set <stateMachine><logGroupArn>"
                    + " (-Dapitpl.logGroupArn), or logging OFF", List.of());
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static List<Path> templateFiles(WorkflowDeployment deployment) {
        Path directory = deployment.templatesDirectory();
        return directory == null || !Files.isDirectory(directory) ? List.of()
                : ValidationFiles.find(directory, ValidationFiles.TEMPLATE_INCLUDES, List.of());
    }

    /**
     * The project's substitutions, with the managed placeholders standing for values of the shape CloudFormation will
     * put there (a table name, an alias ARN), so that validation checks the definition AWS will receive.
     */
    private static Map<String, String> validationSubstitutions(WorkflowDeployment deployment) {
        WorkflowDeployment.ManagedPlaceholders managed = deployment.placeholders() == null
                ? WorkflowDeployment.ManagedPlaceholders.DEFAULT : deployment.placeholders();
        Map<String, String> values = new HashMap<>(deployment.substitutions());
        values.put(managed.templateTableName(), deployment.templateTable());
        values.put(managed.apiCallFunctionArn(), "arn:aws:lambda:us-east-1:123456789012:function:"
                + deployment.function().name() + ":" + deployment.function().alias());
        return values;
    }

    private static StateMachineType type(WorkflowDeployment deployment) {
        return "EXPRESS".equals(deployment.stateMachine().type()) ? StateMachineType.EXPRESS : StateMachineType.STANDARD;
    }

    /**
     * The definition as written, read by the one ASL model without substituting anything: as a tree, unless a
     * placeholder stands for a whole JSON value, which only the text can carry (CloudFormation substitutes text).
     */
    private static AslModel definition(Path file, String text) {
        return AslModel.read(file, text, Map.of(), PlaceholderMode.TOLERATE);
    }

    private static JsonNode definitionTree(AslModel model) {
        boolean wholeValue = model.placeholders().stream().anyMatch(Placeholder::wholeValue);
        return wholeValue || !model.readProblems().isEmpty() ? null : model.toJson();
    }

    /** The jar relative to the template's folder, with '/' on every platform (as packaging tools expect). */
    private static String codeUri(WorkflowDeployment deployment, Path outputDirectory) {
        Path code = deployment.function().code().toAbsolutePath().normalize();
        Path relative = outputDirectory.toAbsolutePath().normalize().relativize(code);
        return relative.toString().replace('\\', '/');
    }
}
