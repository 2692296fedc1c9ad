package dev.apitpl.core.publish;

import static dev.apitpl.core.publish.WorkflowPublisherTest.CREATE_TABLE;
import static dev.apitpl.core.publish.WorkflowPublisherTest.aliasVersion;
import static dev.apitpl.core.publish.WorkflowPublisherTest.deployment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitpl.core.endpoint.LocalEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deploy on the project's own local endpoint (Step Functions, Lambda, DynamoDB and IAM on one URL) with the real SDK
 * clients, through the counting proxy: create; an unchanged rerun makes no write call; an update publishes new
 * versions and moves both aliases; a failure before the state machine's alias move leaves it; destroy.
 */
class DeployOnLocalEndpointTest {

    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"%s\"},\"Action\":\"sts:AssumeRole\"}]}";
    @TempDir
    Path project;
    private final List<String> log = new ArrayList<>();

    @Test
    void createUnchangedUpdateFailureDestroy() throws Exception {
        try (LocalEndpoint endpoint = LocalEndpoint.builder().start(); FaultProxy proxy = new FaultProxy(endpoint.url());
             AwsClients aws = AwsClients.create(new AwsConnection(null, null, proxy.endpoint()))) {
            String fnRole = aws.iam().createRole(b -> b.roleName("fn").assumeRolePolicyDocument(TRUST.formatted("lambda.amazonaws.com"))).role().arn();
            String smRole = aws.iam().createRole(b -> b.roleName("sm").assumeRolePolicyDocument(TRUST.formatted("states.amazonaws.com"))).role().arn();
            WorkflowPublisher publisher = new WorkflowPublisher(aws, log::add, project.resolve("report"));
            WorkflowDeployment first = deployment(project, "e", "v1", 512, null, fnRole, smRole);
            publisher.deploy(first, CREATE_TABLE);
            String machineArn = new StateMachinePublisher(aws, first.stateMachine(), smRole).findArn();
            assertEquals("1", aws.lambda().getAlias(b -> b.functionName("api-call-e").name("live")).functionVersion());
            assertTrue(aliasVersion(aws, machineArn).endsWith(":1"), aliasVersion(aws, machineArn));

            proxy.resetCounts();
            assertTrue(publisher.deploy(first, CREATE_TABLE).unchanged());
            assertEquals(0, proxy.mutatingCalls(), "an unchanged deploy makes no write call: " + proxy.calls());

            Path changed = project.resolve("changed.asl.json");
            Files.writeString(changed, Files.readString(first.definition()).replace("\"StartAt\"", "\"TimeoutSeconds\": 300, \"StartAt\""));
            WorkflowDeployment second = WorkflowPublisherTest.withDefinition(deployment(project, "e", "v2", 512, null, fnRole, smRole), changed);
            proxy.failOperation = "UpdateStateMachine";
            assertThrows(PublishException.class, () -> publisher.deploy(second, CREATE_TABLE));
            assertTrue(aliasVersion(aws, machineArn).endsWith(":1"), "a failure before the move leaves the alias");
            proxy.failOperation = null;
            publisher.deploy(second, CREATE_TABLE);
            assertEquals("2", aws.lambda().getAlias(b -> b.functionName("api-call-e").name("live")).functionVersion());
            assertTrue(aliasVersion(aws, machineArn).endsWith(":2"), aliasVersion(aws, machineArn));

            publisher.destroy(second, false, false);
            assertNull(new StateMachinePublisher(aws, second.stateMachine(), smRole).findArn());
            assertThrows(Exception.class, () -> aws.lambda().getFunction(b -> b.functionName("api-call-e")));
        }
    }
}
