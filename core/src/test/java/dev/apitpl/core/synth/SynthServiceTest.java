package dev.apitpl.core.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.core.policy.PolicyService;
import dev.apitpl.core.policy.ReferenceProject;
import dev.apitpl.core.policy.RolePolicy;
import dev.apitpl.core.policy.WorkflowPolicies;
import dev.apitpl.core.publish.WorkflowDeployment;
import dev.apitpl.core.policy.PolicyRule;
import dev.apitpl.core.validate.Problem;
import dev.apitpl.runtime.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthServiceTest {

    @TempDir
    Path dir;

    private final SynthService service = new SynthService();

    private WorkflowDeployment reference() {
        WorkflowDeployment base = ReferenceProject.deployment();
        WorkflowDeployment.LambdaFunction f = base.function();
        return new WorkflowDeployment(base.definition(), base.substitutions(), base.templatesDirectory(),
                base.templateTable(), new WorkflowDeployment.LambdaFunction(f.name(), dir.resolve("target/demo-1.0-lambda.jar"),
                f.handler(), f.runtime(), f.memoryMb(), f.timeoutSeconds(), f.roleArn(), f.environment(), f.alias(),
                f.snapStart(), f.kmsKeyArn()), base.stateMachine(), base.placeholders(), base.allowedDestinations(),
                base.createRoles(), base.adminApi());
    }

    private SynthResult synth(WorkflowDeployment deployment, String folder) throws Exception {
        return service.synth(new SynthRequest(deployment, dir.resolve(folder), "dev"));
    }

    @Test
    void twoSynthsOfTheSameProjectAreByteIdentical() throws Exception {
        SynthResult first = synth(reference(), "target/apitpl");
        SynthResult second = synth(reference(), "target/again");
        assertArrayEquals(Files.readAllBytes(first.yaml()), Files.readAllBytes(second.yaml()));
        assertArrayEquals(Files.readAllBytes(first.json()), Files.readAllBytes(second.json()));
        assertEquals(Json.mapper().readTree(first.json().toFile()), Json.mapper().readTree(
                new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(first.yaml().toFile()).toString()),
                "the YAML and the JSON are the same template");
    }

    @Test
    void templateHoldsTheWholeWorkflow() throws Exception {
        JsonNode template = synth(reference(), "target/apitpl").template();
        JsonNode resources = template.get("Resources");
        JsonNode table = resources.get("TemplateTable");
        assertEquals("Retain", table.get("DeletionPolicy").asText());
        assertEquals("Retain", table.get("UpdateReplacePolicy").asText());
        assertEquals("PAY_PER_REQUEST", table.at("/Properties/BillingMode").asText());
        assertEquals("[{\"AttributeName\":\"PK\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"SK\",\"KeyType\":\"RANGE\"}]",
                table.at("/Properties/KeySchema").toString());
        JsonNode function = resources.get("ApiCallFunction").get("Properties");
        assertEquals("java25", function.get("Runtime").asText());
        assertEquals("../demo-1.0-lambda.jar", function.get("CodeUri").asText());
        assertEquals("live", function.get("AutoPublishAlias").asText());
        assertEquals("PublishedVersions", function.at("/SnapStart/ApplyOn").asText());
        assertEquals("{\"Ref\":\"TemplateTable\"}", function.at("/Environment/Variables/APITPL_TEMPLATE_TABLE").toString());
        JsonNode machine = resources.get("StateMachine").get("Properties");
        assertEquals(Json.mapper().readTree(ReferenceProject.DEFINITION.toFile()), machine.get("Definition"),
                "the ASL file as it is");
        assertEquals("{\"ApiCallFunctionArn\":{\"Ref\":\"ApiCallFunction.Alias\"},\"TemplateTableName\":{\"Ref\":\"TemplateTable\"}}",
                machine.get("DefinitionSubstitutions").toString());
        assertTrue(machine.get("LoggingConfiguration") == null && machine.get("TracingConfiguration") == null);
        assertEquals("live", resources.at("/StateMachineAlias/Properties/Name").asText());
        // the configured tags and the stage on every resource that takes tags
        assertEquals("payments", function.at("/Tags/team").asText());
        assertEquals("[{\"Key\":\"apitpl:stage\",\"Value\":{\"Ref\":\"Stage\"}},{\"Key\":\"team\",\"Value\":\"payments\"}]",
                table.at("/Properties/Tags").toString());
        List<String> outputs = new ArrayList<>();
        template.get("Outputs").fieldNames().forEachRemaining(outputs::add);
        assertEquals(StackOutputs.ALL, outputs);
        assertTrue(!template.toString().contains("\"*\""), "no wildcard resource");
    }

    @Test
    void rolesCarryExactlyThePolicyServiceStatements() throws Exception {
        SynthResult result = synth(reference(), "target/apitpl");
        WorkflowPolicies policies = new PolicyService().derive(reference());
        for (RolePolicy role : policies.roles()) {
            JsonNode properties = result.template().get("Resources").get(role.role()).get("Properties");
            assertEquals(role.trustPolicy(), properties.get("AssumeRolePolicyDocument"));
            assertEquals(1, properties.get("Policies").size());
            JsonNode statements = properties.at("/Policies/0/PolicyDocument/Statement");
            assertEquals(role.statements().size(), statements.size(), role.role());
            for (int i = 0; i < statements.size(); i++) {
                JsonNode written = statements.get(i);
                var expected = role.statements().get(i);
                assertEquals(expected.sid(), written.get("Sid").asText());
                assertEquals(expected.effect(), written.get("Effect").asText());
                assertEquals(expected.actions(), texts(written.get("Action")));
                assertEquals(expected.resources(), texts(written.get("Resource")), expected.sid());
            }
        }
    }

    /** Strings, and the patterns inside Fn::Sub. */
    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.isTextual() ? node.asText() : node.get("Fn::Sub").asText()));
        return texts;
    }

    @Test
    void dynamicTableNameFailsWithTheLocatedProblem() throws Exception {
        Path definition = dir.resolve("dynamic.asl.json");
        Files.writeString(definition, Files.readString(ReferenceProject.DEFINITION)
                .replace("\"TableName\": \"${TemplateTableName}\"", "\"TableName.$\": \"$.table\""));
        WorkflowDeployment base = reference();
        WorkflowDeployment dynamic = new WorkflowDeployment(definition, base.substitutions(), base.templatesDirectory(),
                base.templateTable(), base.function(), base.stateMachine(), base.placeholders(),
                base.allowedDestinations(), base.createRoles());
        SynthException e = assertThrows(SynthException.class, () -> synth(dynamic, "target/apitpl"));
        assertEquals(1, e.problems().size(), e.problems().toString());
        Problem problem = e.problems().get(0);
        assertEquals(PolicyRule.DYNAMIC_RESOURCE.id(), problem.ruleId());
        assertEquals(definition, problem.file());
        assertEquals(10, problem.line());
        assertTrue(problem.format().contains("dynamic.asl.json:10:"), problem.format());
        assertTrue(!Files.exists(dir.resolve("target/apitpl/template.yaml")), "nothing written");
    }

    @Test
    void loggingTracingAndKeyWhenConfigured() throws Exception {
        WorkflowDeployment base = reference();
        WorkflowDeployment.StateMachine m = base.stateMachine();
        String logGroup = "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/vendedlogs/states/api-workflow:*";
        WorkflowDeployment configured = new WorkflowDeployment(base.definition(), base.substitutions(),
                base.templatesDirectory(), base.templateTable(), base.function(), new WorkflowDeployment.StateMachine(
                m.name(), "EXPRESS", null, m.alias(), "ERROR", logGroup, true, m.tags(),
                "arn:aws:kms:eu-west-1:123456789012:key/1111"), base.placeholders(), base.allowedDestinations(), true);
        JsonNode machine = synth(configured, "target/apitpl").template().at("/Resources/StateMachine/Properties");
        assertEquals("EXPRESS", machine.get("StateMachineType").asText());
        assertEquals(logGroup, machine.at("/LoggingConfiguration/Destinations/0/CloudWatchLogsLogGroup/LogGroupArn").asText());
        assertTrue(machine.at("/TracingConfiguration/Enabled").asBoolean());
        assertEquals("CUSTOMER_MANAGED_KMS_KEY", machine.at("/EncryptionConfiguration/Type").asText());

        WorkflowDeployment noGroup = new WorkflowDeployment(base.definition(), base.substitutions(),
                base.templatesDirectory(), base.templateTable(), base.function(), new WorkflowDeployment.StateMachine(
                m.name(), "STANDARD", null, m.alias(), "ALL", null, false, Map.of()), base.placeholders(),
                base.allowedDestinations(), true);
        SynthException e = assertThrows(SynthException.class, () -> synth(noGroup, "target/other"));
        assertTrue(e.getMessage().contains("logGroupArn"), e.getMessage());
    }

    @Test
    void unsupportedRuntimeTypeAndLoggingNameTheParameter() throws Exception {
        WorkflowDeployment base = reference();
        WorkflowDeployment.LambdaFunction f = base.function();
        WorkflowDeployment.StateMachine m = base.stateMachine();
        WorkflowDeployment java17 = new WorkflowDeployment(base.definition(), base.substitutions(),
                base.templatesDirectory(), base.templateTable(), new WorkflowDeployment.LambdaFunction(f.name(), f.code(),
                f.handler(), "java17", f.memoryMb(), f.timeoutSeconds(), null, f.environment(), f.alias(), true),
                m, base.placeholders(), base.allowedDestinations(), true);
        assertTrue(assertThrows(SynthException.class, () -> synth(java17, "a")).getMessage().contains("-Dapitpl.runtime"));
        WorkflowDeployment badType = new WorkflowDeployment(base.definition(), base.substitutions(),
                base.templatesDirectory(), base.templateTable(), f, new WorkflowDeployment.StateMachine(m.name(),
                "express", null, m.alias(), "OFF", null, false, Map.of()), base.placeholders(),
                base.allowedDestinations(), true);
        assertTrue(assertThrows(SynthException.class, () -> synth(badType, "b")).getMessage()
                .contains("-Dapitpl.stateMachineType"));
    }

    @Test
    void yamlDefinitionsBecomeTreesAndWholeValuePlaceholdersKeepTheText() throws Exception {
        WorkflowDeployment base = reference();
        Path yaml = dir.resolve("flow.asl.yaml");
        Files.writeString(yaml, """
                StartAt: Get
                States:
                  Get:
                    Type: Task
                    Resource: arn:aws:states:::dynamodb:getItem
                    Parameters:
                      TableName: ${TemplateTableName}
                      Key: {PK: {S: create-order}, SK: {S: POST}}
                    End: true
                """);
        JsonNode machine = synth(new WorkflowDeployment(yaml, Map.of(), base.templatesDirectory(), base.templateTable(),
                base.function(), base.stateMachine(), base.placeholders(), List.of(), true), "yaml")
                .template().at("/Resources/StateMachine/Properties");
        assertEquals("${TemplateTableName}", machine.at("/Definition/States/Get/Parameters/TableName").asText());
        assertEquals("{\"TemplateTableName\":{\"Ref\":\"TemplateTable\"}}", machine.get("DefinitionSubstitutions").toString());

        Path bare = dir.resolve("bare.asl.json");
        String text = Files.readString(ReferenceProject.DEFINITION).replace("\"MaxAttempts\": 3", "\"MaxAttempts\": ${Retries}");
        Files.writeString(bare, text);
        machine = synth(new WorkflowDeployment(bare, Map.of("Retries", "3"), base.templatesDirectory(),
                base.templateTable(), base.function(), base.stateMachine(), base.placeholders(), List.of(), true), "bare")
                .template().at("/Resources/StateMachine/Properties");
        assertEquals(text, machine.get("DefinitionString").asText(), "the file's text, for CloudFormation to substitute");
        assertEquals("3", machine.at("/DefinitionSubstitutions/Retries").asText());
    }
}
