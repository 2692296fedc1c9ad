package dev.apitpl.core.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitpl.runtime.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deploy, plan and destroy over HTTP with the real SDK clients, against moto's server (IAM, Lambda control plane, Step
 * Functions, DynamoDB on one URL) behind a proxy that counts every request and injects failures.
 */
class WorkflowPublisherTest {

    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"%s\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static MotoServer moto;
    private static String functionRole;
    private static String machineRole;
    private final List<String> log = new ArrayList<>();
    @TempDir
    Path project;

    @BeforeAll
    static void startMoto() throws Exception {
        moto = MotoServer.start();
        try (AwsClients aws = AwsClients.create(new AwsConnection("us-east-1", null, moto.endpoint()))) {
            functionRole = aws.iam().createRole(b -> b.roleName("fn-role").assumeRolePolicyDocument(TRUST.formatted("lambda.amazonaws.com"))).role().arn();
            machineRole = aws.iam().createRole(b -> b.roleName("sm-role").assumeRolePolicyDocument(TRUST.formatted("states.amazonaws.com"))).role().arn();
        }
    }

    @AfterAll
    static void stopMoto() throws Exception {
        if (moto != null) {
            moto.close();
        }
    }

    private WorkflowDeployment deployment(String suffix, String jarContent, int memory, String runtime) throws IOException {
        return deployment(project, suffix, jarContent, memory, runtime, functionRole, machineRole);
    }

    /** A deployment of the reference workflow with one template and a small zip as the function's code. */
    static WorkflowDeployment deployment(Path project, String suffix, String jarContent, int memory, String runtime,
                                         String functionRole, String machineRole) throws IOException {
        Path templates = Files.createDirectories(project.resolve("templates"));
        Files.writeString(templates.resolve("get-user.json"), "{\"name\": \"get-user\", \"method\": \"GET\", "
                + "\"url\": \"{{ baseUrl }}/users/{{ id }}\", \"parameters\": {\"type\": \"object\", \"properties\": "
                + "{\"baseUrl\": {\"type\": \"string\"}, \"id\": {\"type\": \"string\"}}}}");
        Path jar = project.resolve("function.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            ZipEntry entry = new ZipEntry("content.txt");
            entry.setTime(0);
            zip.putNextEntry(entry);
            zip.write(jarContent.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return new WorkflowDeployment(Path.of("src/test/resources/local/reference-workflow.asl.json"), Map.of(), templates,
                "templates-" + suffix,
                new WorkflowDeployment.LambdaFunction("api-call-" + suffix, jar, WorkflowDeployment.GENERIC_HANDLER, runtime,
                        memory, 30, functionRole, Map.of(), "live", false),
                new WorkflowDeployment.StateMachine("workflow-" + suffix, "STANDARD", machineRole, "live", "OFF", null, false,
                        Map.of("project", "apitpl-test")),
                WorkflowDeployment.ManagedPlaceholders.DEFAULT, List.of("api.example.com"), false);
    }

    static final TemplateSeeder.Options CREATE_TABLE = new TemplateSeeder.Options(true, false, false, false);

    @Test
    void createThenUnchangedThenUpdateMovesBothAliasesThenDestroy() throws Exception {
        try (FaultProxy proxy = new FaultProxy(moto.endpoint());
             AwsClients aws = AwsClients.create(new AwsConnection("us-east-1", null, proxy.endpoint()))) {
            WorkflowPublisher publisher = new WorkflowPublisher(aws, log::add, project.resolve("report"));
            publisher.deploy(deployment("a", "v1", 512, null), CREATE_TABLE);
            String machineArn = new StateMachinePublisher(aws, deployment("a", "v1", 512, null).stateMachine(), machineRole).findArn();
            assertEquals("1", aws.lambda().getAlias(b -> b.functionName("api-call-a").name("live")).functionVersion());
            assertTrue(aliasVersion(aws, machineArn).endsWith(":1"), aliasVersion(aws, machineArn));
            String deployed = aws.stepFunctions().describeStateMachine(b -> b.stateMachineArn(machineArn)).definition();
            String functionAlias = aws.lambda().getAlias(b -> b.functionName("api-call-a").name("live")).aliasArn();
            assertTrue(deployed.contains("\"" + functionAlias + "\"") && deployed.contains("\"templates-a\""), deployed);
            assertEquals("deployed", report().path("status").asText());

            proxy.resetCounts();
            DeployPlan again = publisher.deploy(deployment("a", "v1", 512, null), CREATE_TABLE);
            assertTrue(again.unchanged());
            assertEquals(0, proxy.mutatingCalls(), "an unchanged deploy makes no write call: " + proxy.calls());
            assertTrue(log.get(log.size() - 1).startsWith("deploy: unchanged"), log.toString());
            assertEquals("unchanged", report().path("status").asText());

            DeployPlan planned = publisher.plan(deployment("a", "v2", 1024, null), TemplateSeeder.Options.DEFAULT);
            assertTrue(planned.function().codeChanged());
            assertEquals(List.of("memory 512 -> 1024"), planned.function().configChanges());
            assertTrue(String.join("\n", planned.lines()).contains("alias moves 1 -> 2"), planned.lines().toString());
            assertTrue(Files.exists(project.resolve("report/plan.json")));

            publisher.deploy(deployment("a", "v2", 1024, null), CREATE_TABLE);
            assertEquals("2", aws.lambda().getAlias(b -> b.functionName("api-call-a").name("live")).functionVersion());
            // the definition names the function's alias ARN, unchanged, so the state machine republishes only when forced
            // by a definition change: here it keeps version 1 and its alias stays.
            assertTrue(aliasVersion(aws, machineArn).endsWith(":1"));

            List<String> destroyed = publisher.destroy(deployment("a", "v2", 1024, null), false, false);
            assertEquals(3, destroyed.size(), destroyed.toString());
            assertTrue(destroyed.get(2).contains("kept"));
            assertEquals(null, new StateMachinePublisher(aws, deployment("a", "v2", 1024, null).stateMachine(), machineRole).findArn());
            assertThrows(Exception.class, () -> aws.lambda().getFunction(b -> b.functionName("api-call-a")));
            assertEquals("templates-a", aws.dynamoDb().describeTable(b -> b.tableName("templates-a")).table().tableName());
        }
    }

    @Test
    void aDefinitionChangeMovesTheStateMachineAliasAndAFailureBeforeTheMoveLeavesIt() throws Exception {
        try (FaultProxy proxy = new FaultProxy(moto.endpoint());
             AwsClients aws = AwsClients.create(new AwsConnection("us-east-1", null, proxy.endpoint()))) {
            WorkflowPublisher publisher = new WorkflowPublisher(aws, log::add, project.resolve("report"));
            WorkflowDeployment first = deployment("b", "v1", 512, null);
            publisher.deploy(first, CREATE_TABLE);
            String machineArn = new StateMachinePublisher(aws, first.stateMachine(), machineRole).findArn();
            Path changed = project.resolve("changed.asl.json");
            Files.writeString(changed, Files.readString(first.definition()).replace("\"StartAt\"", "\"TimeoutSeconds\": 300, \"StartAt\""));
            WorkflowDeployment second = withDefinition(first, changed);

            proxy.failOperation = "UpdateStateMachine";
            PublishException failed = assertThrows(PublishException.class, () -> publisher.deploy(second, CREATE_TABLE));
            assertTrue(failed.getMessage().contains("Completed before the failure") && failed.getMessage().contains("rerun deploy"),
                    failed.getMessage());
            assertTrue(aliasVersion(aws, machineArn).endsWith(":1"), "the alias still serves version 1");
            assertEquals("failed", report().path("status").asText());

            proxy.failOperation = null;
            DeployPlan plan = publisher.plan(second, TemplateSeeder.Options.DEFAULT);
            assertTrue(plan.stateMachine().definitionDiff().stream().anyMatch(line -> line.startsWith("+") && line.contains("TimeoutSeconds")),
                    plan.stateMachine().definitionDiff().toString());
            publisher.deploy(second, CREATE_TABLE);
            assertTrue(aliasVersion(aws, machineArn).endsWith(":2"), aliasVersion(aws, machineArn));
        }
    }

    @Test
    void createRolesCreatesBothRolesWithExactlyTheDerivedPolicies() throws Exception {
        try (FaultProxy proxy = new FaultProxy(moto.endpoint());
             AwsClients aws = AwsClients.create(new AwsConnection("us-east-1", null, proxy.endpoint()))) {
            WorkflowPublisher publisher = new WorkflowPublisher(aws, log::add, project.resolve("report"));
            WorkflowDeployment declared = deployment("r", "v1", 512, null);
            WorkflowDeployment withoutRoles = new WorkflowDeployment(declared.definition(), declared.substitutions(),
                    declared.templatesDirectory(), declared.templateTable(), new WorkflowDeployment.LambdaFunction("api-call-r",
                    declared.function().code(), WorkflowDeployment.GENERIC_HANDLER, null, 512, 30, null, Map.of(), "live", false),
                    new WorkflowDeployment.StateMachine("workflow-r", "STANDARD", null, "live", "OFF", null, false, Map.of()),
                    declared.placeholders(), declared.allowedDestinations(), true);
            publisher.deploy(withoutRoles, CREATE_TABLE);

            RolePublisher roles = new RolePublisher(aws);
            var policies = roles.policies(withoutRoles);
            var variables = roles.variables(withoutRoles);
            // deploy creates the workflow's two roles; the admin API's role is synthesized only
            for (var role : policies.roles().stream()
                    .filter(role -> !role.role().equals(dev.apitpl.core.policy.PolicyService.ADMIN_API_ROLE)).toList()) {
                String name = RolePublisher.roleName(role.role().equals(dev.apitpl.core.policy.PolicyService.FUNCTION_ROLE)
                        ? "api-call-r" : "workflow-r", role.role());
                var created = aws.iam().getRole(b -> b.roleName(name)).role();
                assertTrue(RolePublisher.sameJson(created.assumeRolePolicyDocument(), Json.write(role.trustPolicy())), name);
                String document = aws.iam().getRolePolicy(b -> b.roleName(name).policyName(role.role())).policyDocument();
                var statements = Json.parse(java.net.URLDecoder.decode(document, java.nio.charset.StandardCharsets.UTF_8)).get("Statement");
                var expected = role.policyDocument(variables).get("Statement");
                assertEquals(expected.size(), statements.size(), name);
                for (int i = 0; i < expected.size(); i++) {
                    assertEquals(expected.get(i), statements.get(i), name + " statement " + i);
                    assertFalse(statements.get(i).toString().contains("\"Resource\":\"*\"")
                            && statements.get(i).toString().contains("dynamodb:"), "no wildcard table: " + statements.get(i));
                }
            }
            String functionRoleArn = aws.lambda().getFunction(b -> b.functionName("api-call-r")).configuration().role();
            assertTrue(functionRoleArn.endsWith("role/api-call-r-" + dev.apitpl.core.policy.PolicyService.FUNCTION_ROLE), functionRoleArn);

            proxy.resetCounts();
            assertTrue(publisher.deploy(withoutRoles, CREATE_TABLE).unchanged());
            assertEquals(0, proxy.mutatingCalls(), "roles unchanged: no IAM write either: " + proxy.calls());
        }
    }

    @Test
    void badSettingsNameTheParameterToSet() throws Exception {
        try (AwsClients aws = AwsClients.create(new AwsConnection("us-east-1", null, moto.endpoint()))) {
            WorkflowPublisher publisher = new WorkflowPublisher(aws, log::add, null);
            WorkflowDeployment noRole = deployment("c", "v1", 512, null);
            noRole = new WorkflowDeployment(noRole.definition(), noRole.substitutions(), noRole.templatesDirectory(),
                    noRole.templateTable(), new WorkflowDeployment.LambdaFunction("api-call-c", noRole.function().code(),
                    WorkflowDeployment.GENERIC_HANDLER, null, 512, 30, null, Map.of(), "live", false), noRole.stateMachine(),
                    noRole.placeholders(), List.of(), false);
            WorkflowDeployment missingRole = noRole;
            assertTrue(assertThrows(PublishException.class, () -> publisher.deploy(missingRole, CREATE_TABLE))
                    .getMessage().contains("-Dapitpl.functionRole"));
            WorkflowDeployment java17 = deployment("c", "v1", 512, "java17");
            String refused = assertThrows(PublishException.class, () -> publisher.deploy(java17, CREATE_TABLE)).getMessage();
            assertTrue(refused.contains("2026-07-31") && refused.contains("-Dapitpl.runtime"), refused);
            Path unresolved = project.resolve("unresolved.asl.json");
            Files.writeString(unresolved, Files.readString(Path.of("src/test/resources/local/reference-workflow.asl.json"))
                    .replace("\"${TemplateTableName}\"", "\"${OtherTable}\""));
            String placeholder = assertThrows(PublishException.class,
                    () -> publisher.deploy(withDefinition(deployment("c", "v1", 512, null), unresolved), CREATE_TABLE)).getMessage();
            assertTrue(placeholder.contains("OtherTable") && placeholder.contains("<substitutions>"), placeholder);
        }
    }

    static WorkflowDeployment withDefinition(WorkflowDeployment d, Path definition) {
        return new WorkflowDeployment(definition, d.substitutions(), d.templatesDirectory(), d.templateTable(), d.function(),
                d.stateMachine(), d.placeholders(), d.allowedDestinations(), d.createRoles());
    }

    static String aliasVersion(AwsClients aws, String machineArn) {
        return aws.stepFunctions().describeStateMachineAlias(b -> b.stateMachineAliasArn(machineArn + ":live"))
                .routingConfiguration().get(0).stateMachineVersionArn();
    }

    private com.fasterxml.jackson.databind.JsonNode report() throws IOException {
        return Json.parse(Files.readString(project.resolve("report/" + WorkflowPublisher.REPORT)));
    }
}
