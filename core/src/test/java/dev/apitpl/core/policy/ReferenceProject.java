package dev.apitpl.core.policy;

import dev.apitpl.core.publish.WorkflowDeployment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The archetype's workflow and templates as a publishing configuration: the reference project of policy and synth tests. */
public final class ReferenceProject {

    /** The archetype's project files, read where they are (tests run in core/). */
    public static final Path RESOURCES = Path.of("../archetype/src/main/resources/archetype-resources");
    public static final Path DEFINITION = RESOURCES.resolve("src/main/statemachine/workflow.asl.json");
    public static final Path TEMPLATES = RESOURCES.resolve("src/main/templates");

    private ReferenceProject() {}

    /** As the archetype's pom configures it: secrets from Secrets Manager, no logging, tracing or KMS. */
    public static WorkflowDeployment deployment() {
        return deployment(DEFINITION, Map.of("APITPL_SECRETS_SOURCE", "secretsmanager"), "OFF", null, false, null, null);
    }

    public static WorkflowDeployment deployment(Path definition, Map<String, String> environment, String logging,
                                                String logGroupArn, boolean tracing, String stateMachineKey,
                                                String functionKey) {
        WorkflowDeployment.LambdaFunction function = new WorkflowDeployment.LambdaFunction("api-call", Path.of(
                "target/demo-1.0-lambda.jar"), WorkflowDeployment.GENERIC_HANDLER, WorkflowDeployment.DEFAULT_RUNTIME,
                1024, 30, null, environment, "live", true, functionKey);
        WorkflowDeployment.StateMachine machine = new WorkflowDeployment.StateMachine("api-workflow", "STANDARD", null,
                "live", logging, logGroupArn, tracing, Map.of("team", "payments"), stateMachineKey);
        // the pom's substitutions hold values for the managed placeholders too (for validation): policy ignores them
        return new WorkflowDeployment(definition, Map.of("TemplateTableName", "api-templates", "ApiCallFunctionArn",
                "arn:aws:lambda:eu-west-1:123456789012:function:api-call"), TEMPLATES, "api-templates", function,
                machine, WorkflowDeployment.ManagedPlaceholders.DEFAULT, List.of("api.example.com"), true,
                new WorkflowDeployment.AdminApi(true, null));
    }
}
