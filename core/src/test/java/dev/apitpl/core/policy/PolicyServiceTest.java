package dev.apitpl.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitpl.core.publish.WorkflowDeployment;
import dev.apitpl.core.validate.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyServiceTest {

    private static final String TABLE = "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${TableName}";
    private static final String FUNCTION = "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${FunctionName}";
    private static final String LOG_GROUP = "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/${FunctionName}";

    @TempDir
    Path dir;

    private final PolicyService service = new PolicyService();

    @Test
    void referenceWorkflowGetsEachActionOnTheOneResourceItNeeds() {
        WorkflowPolicies policies = service.derive(ReferenceProject.deployment());

        assertEquals(List.of(), policies.problems());
        assertEquals(List.of(
                Statement.allow("DynamoDbGetItem", List.of("dynamodb:GetItem"), List.of(TABLE)),
                Statement.allow("LambdaInvokeFunction", List.of("lambda:InvokeFunction"), List.of(FUNCTION, FUNCTION + ":live"))),
                policies.stateMachine().statements());
        assertEquals(List.of(
                Statement.allow("CreateOwnLogGroup", List.of("logs:CreateLogGroup"), List.of(LOG_GROUP + ":*")),
                Statement.allow("WriteOwnLogStreams", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                        List.of(LOG_GROUP + ":log-stream:*")),
                // the archetype's create-order template calls secret('ORDERS_API_TOKEN'), search-products none
                Statement.allow("ReadTemplateSecrets", List.of("secretsmanager:GetSecretValue"), List.of(
                        "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:ORDERS_API_TOKEN-??????"))),
                policies.function().statements(), "the payload carries the template: the function never reads the table");
        assertEquals("states.amazonaws.com", policies.stateMachine().trustPolicy()
                .at("/Statement/0/Principal/Service").asText());
        assertEquals("lambda.amazonaws.com", policies.function().trustPolicy()
                .at("/Statement/0/Principal/Service").asText());
        assertFalse(policies.toJson(Map.of()).toString().contains("\"*\""), "no resource is '*'");
    }

    @Test
    void variablesMakeConcreteArns() {
        WorkflowDeployment deployment = ReferenceProject.deployment();
        Map<String, String> variables = PolicyVariables.of(deployment, "aws", "eu-west-1", "123456789012");
        String policy = service.derive(deployment).stateMachine().policyDocument(variables).toString();
        assertTrue(policy.contains("\"arn:aws:dynamodb:eu-west-1:123456789012:table/api-templates\""), policy);
        assertTrue(policy.contains("\"arn:aws:lambda:eu-west-1:123456789012:function:api-call:live\""), policy);
        assertFalse(policy.contains("${"), policy);
    }

    @Test
    void secretsFromTheEnvironmentNeedNoSecretsManagerPermission() {
        WorkflowPolicies policies = service.derive(ReferenceProject.deployment(ReferenceProject.DEFINITION, Map.of(),
                "OFF", null, false, null, null));
        assertTrue(policies.function().statement(PolicyService.SID_SECRETS).isEmpty());
        assertEquals(1, policies.notes().size());
        assertTrue(policies.notes().get(0).contains("ORDERS_API_TOKEN"), policies.notes().get(0));
    }

    @Test
    void secretsManagerPrefixIsPartOfEachSecretsArn() {
        WorkflowPolicies policies = service.derive(ReferenceProject.deployment(ReferenceProject.DEFINITION,
                Map.of("APITPL_SECRETS_SOURCE", "secretsmanager", "APITPL_SECRETS_PREFIX", "prod/"), "OFF", null, false,
                null, null));
        assertEquals(List.of("arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:prod/ORDERS_API_TOKEN-??????"),
                policies.function().statement(PolicyService.SID_SECRETS).orElseThrow().resources());
    }

    @Test
    void loggingXRayAndKmsOnlyWhenConfigured() {
        WorkflowPolicies plain = service.derive(ReferenceProject.deployment());
        for (String sid : List.of(PolicyService.SID_LOG_DELIVERY, PolicyService.SID_XRAY, PolicyService.SID_STATE_MACHINE_KMS)) {
            assertTrue(plain.stateMachine().statement(sid).isEmpty(), sid);
        }
        assertTrue(plain.function().statement(PolicyService.SID_FUNCTION_KMS).isEmpty());

        String machineKey = "arn:aws:kms:eu-west-1:123456789012:key/1111";
        String functionKey = "arn:aws:kms:eu-west-1:123456789012:key/2222";
        WorkflowPolicies configured = service.derive(ReferenceProject.deployment(ReferenceProject.DEFINITION,
                Map.of(), "ALL", "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/vendedlogs/states/api-workflow:*",
                true, machineKey, functionKey));
        assertEquals(PolicyService.LOG_DELIVERY_ACTIONS,
                configured.stateMachine().statement(PolicyService.SID_LOG_DELIVERY).orElseThrow().actions());
        assertEquals(PolicyService.XRAY_ACTIONS, configured.stateMachine().statement(PolicyService.SID_XRAY).orElseThrow().actions());
        assertEquals(List.of(machineKey),
                configured.stateMachine().statement(PolicyService.SID_STATE_MACHINE_KMS).orElseThrow().resources());
        assertEquals(List.of(functionKey), configured.function().statement(PolicyService.SID_FUNCTION_KMS).orElseThrow().resources());
        // '*' only where AWS offers no resource-level permission
        configured.roles().stream().flatMap(role -> role.statements().stream())
                .filter(statement -> statement.resources().contains(Statement.ANY_RESOURCE))
                .forEach(statement -> assertTrue(List.of(PolicyService.SID_LOG_DELIVERY, PolicyService.SID_XRAY)
                        .contains(statement.sid()), statement.sid()));
    }

    @Test
    void qualifiedAndOtherFunctionsAreGrantedExactlyAsWritten() throws IOException {
        Path definition = definition("""
                {"StartAt": "A", "States": {
                  "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                        "Parameters": {"FunctionName": "api-call:7", "Payload": {"templateName": "t", "method": "GET"}},
                        "Next": "B"},
                  "B": {"Type": "Task", "Resource": "arn:aws:lambda:eu-west-1:123456789012:function:other:live", "Next": "C"},
                  "C": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                        "Parameters": {"FunctionName": "123456789012:function:third", "Payload": {"token.$": "$$.Task.Token"}},
                        "End": true}}}
                """);
        WorkflowPolicies policies = service.derive(ReferenceProject.deployment(definition, Map.of(), "OFF", null, false,
                null, null));
        assertEquals(List.of(), policies.problems());
        assertEquals(List.of("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${FunctionName}:7",
                        "arn:${AWS::Partition}:lambda:${AWS::Region}:123456789012:function:third",
                        "arn:aws:lambda:eu-west-1:123456789012:function:other:live"),
                policies.stateMachine().statement("LambdaInvokeFunction").orElseThrow().resources());
        assertTrue(policies.function().statement(PolicyService.SID_READ_TEMPLATES).isPresent(),
                "a payload naming the template by name makes the function read the table");
    }

    @Test
    void dynamicTableIsALocatedProblemNeverAWildcard() throws IOException {
        Path definition = definition("""
                {"StartAt": "Get", "States": {
                  "Get": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem",
                          "Parameters": {"TableName.$": "$.table", "Key": {"PK": {"S": "a"}, "SK": {"S": "GET"}}},
                          "End": true}}}
                """);
        WorkflowPolicies policies = service.derive(ReferenceProject.deployment(definition, Map.of(), "OFF", null, false,
                null, null));
        assertTrue(policies.hasErrors());
        Problem problem = policies.problems().get(0);
        assertEquals(PolicyRule.DYNAMIC_RESOURCE.id(), problem.ruleId());
        assertEquals(definition, problem.file());
        assertEquals(3, problem.line());
        assertEquals(26, problem.column(), "at the TableName.$ key");
        assertTrue(policies.stateMachine().statement("DynamoDbGetItem").isEmpty());
    }

    @Test
    void jsonataFunctionUnknownPlaceholderAndOtherServicesAreReported() throws IOException {
        Path definition = definition("""
                {"QueryLanguage": "JSONata", "StartAt": "A", "States": {
                  "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                        "Arguments": {"FunctionName": "{% $states.input.fn %}"}, "Next": "B"},
                  "B": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
                        "Arguments": {"TableName": "${AuditTable}", "Item": {}}, "Next": "C"},
                  "C": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                        "Arguments": {"TopicArn": "arn:aws:sns:eu-west-1:123456789012:t", "Message": "m"}, "End": true}}}
                """);
        WorkflowPolicies policies = service.derive(ReferenceProject.deployment(definition, Map.of(), "OFF", null, false,
                null, null));
        assertEquals(List.of(PolicyRule.DYNAMIC_RESOURCE.id(), PolicyRule.UNRESOLVED_PLACEHOLDER.id(),
                PolicyRule.UNKNOWN_INTEGRATION.id()), policies.problems().stream().map(Problem::ruleId).toList());
        assertEquals(List.of(3, 5, 6), policies.problems().stream().map(Problem::line).toList());
        assertEquals(List.of(), policies.stateMachine().statements());
    }

    private Path definition(String json) throws IOException {
        Path file = dir.resolve("flow.asl.json");
        Files.writeString(file, json);
        return file;
    }
}
