package dev.apitpl.core.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ConflictException;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.RoutingConfigurationListItem;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.StateMachineTypeNotSupportedException;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResultCode;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** The Step Functions API of the endpoint through the real {@link SfnClient}: every operation and its errors. */
class StepFunctionsApiTest {

    static final String ROLE = "arn:aws:iam::" + LocalEndpoint.ACCOUNT_ID + ":role/sfn";
    static final String PASS = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Result\":{\"n\":1},\"End\":true}}}";
    private static final String WAIT = "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":60,\"End\":true}}}";

    private static LocalEndpoint endpoint;
    private static SfnClient sfn;

    @BeforeAll
    static void start() throws Exception {
        endpoint = LocalEndpoint.builder().start();
        sfn = EndpointClients.sfn(endpoint.url());
    }

    @AfterAll
    static void stop() {
        sfn.close();
        endpoint.close();
    }

    private static String name() {
        return "sm-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static DescribeExecutionResponse awaitEnd(SfnClient client, String executionArn) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            DescribeExecutionResponse described = client.describeExecution(b -> b.executionArn(executionArn));
            if (described.status() != ExecutionStatus.RUNNING) {
                return described;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("execution still running after 30 s: " + executionArn);
    }

    @Test
    void createIsIdempotentOnAnIdenticalRequestAndRefusesADifferentDefinition() {
        String name = name();
        CreateStateMachineResponse first = sfn.createStateMachine(b -> b.name(name).definition(PASS).roleArn(ROLE));
        assertEquals("arn:aws:states:us-east-1:" + LocalEndpoint.ACCOUNT_ID + ":stateMachine:" + name,
                first.stateMachineArn());
        CreateStateMachineResponse again = sfn.createStateMachine(b -> b.name(name).definition(PASS).roleArn(ROLE));
        assertEquals(first.creationDate(), again.creationDate());
        StateMachineAlreadyExistsException exists = assertThrows(StateMachineAlreadyExistsException.class,
                () -> sfn.createStateMachine(b -> b.name(name).definition(PASS.replace("\"n\":1", "\"n\":2")).roleArn(ROLE)));
        assertEquals("State Machine Already Exists: '" + first.stateMachineArn() + "'",
                exists.awsErrorDetails().errorMessage());
        assertEquals(400, exists.statusCode());
        assertNotNull(exists.requestId());
        assertTrue(sfn.listStateMachines().stateMachines().stream().anyMatch(m -> m.name().equals(name)));
        sfn.deleteStateMachine(b -> b.stateMachineArn(first.stateMachineArn()));
        assertThrows(StateMachineDoesNotExistException.class,
                () -> sfn.describeStateMachine(b -> b.stateMachineArn(first.stateMachineArn())));
    }

    @Test
    void anInvalidDefinitionIsRefusedWithTheValidatorsLocatedMessage() {
        String broken = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Next\":\"Nowhere\"}}}";
        InvalidDefinitionException invalid = assertThrows(InvalidDefinitionException.class,
                () -> sfn.createStateMachine(b -> b.name(name()).definition(broken).roleArn(ROLE)));
        String message = invalid.awsErrorDetails().errorMessage();
        assertTrue(message.startsWith("Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: "), message);
        assertTrue(message.contains("Nowhere") && message.contains(" at /States/P/Next"), message);
        var validated = sfn.validateStateMachineDefinition(b -> b.definition(broken));
        assertEquals(ValidateStateMachineDefinitionResultCode.FAIL, validated.result());
        assertEquals("/States/P/Next", validated.diagnostics().get(0).location());
        assertEquals(ValidateStateMachineDefinitionResultCode.OK,
                sfn.validateStateMachineDefinition(b -> b.definition(PASS)).result());
    }

    @Test
    void unknownMachinesAndMalformedArnsAreAwsErrors() {
        String missing = "arn:aws:states:us-east-1:" + LocalEndpoint.ACCOUNT_ID + ":stateMachine:missing";
        StateMachineDoesNotExistException notThere = assertThrows(StateMachineDoesNotExistException.class,
                () -> sfn.startExecution(b -> b.stateMachineArn(missing)));
        assertEquals("State Machine Does Not Exist: '" + missing + "'", notThere.awsErrorDetails().errorMessage());
        InvalidArnException invalid = assertThrows(InvalidArnException.class,
                () -> sfn.describeExecution(b -> b.executionArn("not-an-arn")));
        assertEquals("Invalid Arn: 'Invalid ARN prefix: not-an-arn'", invalid.awsErrorDetails().errorMessage());
    }

    @Test
    void versionsArePublishedOncePerRevisionAndNumbersAreNeverReused() {
        String arn = sfn.createStateMachine(b -> b.name(name()).definition(PASS).roleArn(ROLE).publish(true)
                .versionDescription("first")).stateMachineArn();
        assertEquals(arn + ":1", sfn.publishStateMachineVersion(b -> b.stateMachineArn(arn)).stateMachineVersionArn());
        var updated = sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(PASS.replace("1}", "2}")));
        assertNotNull(updated.revisionId());
        ConflictException stale = assertThrows(ConflictException.class,
                () -> sfn.publishStateMachineVersion(b -> b.stateMachineArn(arn).revisionId("stale")));
        assertTrue(stale.awsErrorDetails().errorMessage().contains("The current State Machine revision is "
                + updated.revisionId()), stale.awsErrorDetails().errorMessage());
        String second = sfn.publishStateMachineVersion(b -> b.stateMachineArn(arn).revisionId(updated.revisionId()))
                .stateMachineVersionArn();
        assertEquals(arn + ":2", second);
        sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(second));
        sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(PASS.replace("1}", "3}")));
        assertEquals(arn + ":3", sfn.publishStateMachineVersion(b -> b.stateMachineArn(arn)).stateMachineVersionArn());
        assertEquals(List.of(arn + ":3", arn + ":1"), sfn.listStateMachineVersions(b -> b.stateMachineArn(arn))
                .stateMachineVersions().stream().map(v -> v.stateMachineVersionArn()).toList());
        assertEquals("first", sfn.describeStateMachine(b -> b.stateMachineArn(arn + ":1")).description());
    }

    @Test
    void aliasesRouteToVersionsAndRefuseBadRouting() throws Exception {
        String arn = sfn.createStateMachine(b -> b.name(name()).definition(PASS).roleArn(ROLE).publish(true))
                .stateMachineArn();
        ValidationException weights = assertThrows(ValidationException.class,
                () -> sfn.createStateMachineAlias(b -> b.name("live").routingConfiguration(
                        route(arn + ":1", 60), route(arn + ":1", 30))));
        assertTrue(weights.awsErrorDetails().errorMessage().startsWith("Routing configuration must contain distinct"));
        sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(PASS.replace("1}", "2}")).publish(true));
        ValidationException sum = assertThrows(ValidationException.class,
                () -> sfn.createStateMachineAlias(b -> b.name("live").routingConfiguration(
                        route(arn + ":1", 60), route(arn + ":2", 30))));
        assertEquals("Sum of routing configuration weights must equal 100. Received: [60, 30]",
                sum.awsErrorDetails().errorMessage());
        assertThrows(ResourceNotFoundException.class, () -> sfn.createStateMachineAlias(b -> b.name("live")
                .routingConfiguration(route(arn + ":9", 100))));
        String alias = sfn.createStateMachineAlias(b -> b.name("live").routingConfiguration(route(arn + ":2", 100)))
                .stateMachineAliasArn();
        String execution = sfn.startExecution(b -> b.stateMachineArn(alias)).executionArn();
        DescribeExecutionResponse described = awaitEnd(sfn, execution);
        assertEquals(alias, described.stateMachineAliasArn());
        assertEquals(arn + ":2", described.stateMachineVersionArn());
        assertEquals("{\"n\":2}", described.output());
        ConflictException referenced = assertThrows(ConflictException.class,
                () -> sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(arn + ":2")));
        assertTrue(referenced.awsErrorDetails().errorMessage().endsWith("[live]"));
        sfn.updateStateMachineAlias(b -> b.stateMachineAliasArn(alias).routingConfiguration(route(arn + ":1", 100)));
        assertEquals(arn + ":1", sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(alias))
                .routingConfiguration().get(0).stateMachineVersionArn());
        sfn.deleteStateMachineAlias(b -> b.stateMachineAliasArn(alias));
        assertThrows(ResourceNotFoundException.class, () -> sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(alias)));
    }

    private static RoutingConfigurationListItem route(String versionArn, int weight) {
        return RoutingConfigurationListItem.builder().stateMachineVersionArn(versionArn).weight(weight).build();
    }

    @Test
    void executionsRunAsynchronouslyWithHistoryAndNameSemantics() throws Exception {
        String arn = sfn.createStateMachine(b -> b.name(name()).definition(PASS).roleArn(ROLE)).stateMachineArn();
        String execution = sfn.startExecution(b -> b.stateMachineArn(arn).name("once").input("{\"a\":1}"))
                .executionArn();
        DescribeExecutionResponse done = awaitEnd(sfn, execution);
        assertEquals(ExecutionStatus.SUCCEEDED, done.status());
        assertNull(done.stateMachineVersionArn());
        ExecutionAlreadyExistsException twice = assertThrows(ExecutionAlreadyExistsException.class,
                () -> sfn.startExecution(b -> b.stateMachineArn(arn).name("once").input("{\"a\":1}")));
        assertEquals("Execution Already Exists: '" + execution + "'", twice.awsErrorDetails().errorMessage());
        List<HistoryEvent> events = sfn.getExecutionHistory(b -> b.executionArn(execution)).events();
        assertEquals(List.of(HistoryEventType.EXECUTION_STARTED, HistoryEventType.PASS_STATE_ENTERED,
                HistoryEventType.PASS_STATE_EXITED, HistoryEventType.EXECUTION_SUCCEEDED),
                events.stream().map(HistoryEvent::type).toList());
        assertEquals("{\"a\":1}", events.get(0).executionStartedEventDetails().input());
        assertEquals("{\"n\":1}", events.get(3).executionSucceededEventDetails().output());
        assertEquals(1, sfn.listExecutions(b -> b.stateMachineArn(arn)).executions().size());
    }

    @Test
    void stopAbortsARunningExecution() throws Exception {
        String arn = sfn.createStateMachine(b -> b.name(name()).definition(WAIT).roleArn(ROLE)).stateMachineArn();
        String execution = sfn.startExecution(b -> b.stateMachineArn(arn)).executionArn();
        assertEquals(ExecutionStatus.RUNNING, sfn.describeExecution(b -> b.executionArn(execution)).status());
        assertEquals(1, sfn.listExecutions(b -> b.stateMachineArn(arn).statusFilter(ExecutionStatus.RUNNING))
                .executions().size());
        assertNotNull(sfn.stopExecution(b -> b.executionArn(execution).error("Stopped").cause("by the test")).stopDate());
        DescribeExecutionResponse stopped = sfn.describeExecution(b -> b.executionArn(execution));
        assertEquals(ExecutionStatus.ABORTED, stopped.status());
        assertEquals("Stopped", stopped.error());
        List<HistoryEvent> events = sfn.getExecutionHistory(b -> b.executionArn(execution)).events();
        assertEquals(HistoryEventType.EXECUTION_ABORTED, events.get(events.size() - 1).type());
    }

    @Test
    void expressMachinesRunSynchronouslyAndStandardOnesRefuseTo() {
        String express = sfn.createStateMachine(b -> b.name(name()).definition(PASS).roleArn(ROLE)
                .type(StateMachineType.EXPRESS)).stateMachineArn();
        StartSyncExecutionResponse result = sfn.startSyncExecution(b -> b.stateMachineArn(express).input("{}"));
        assertEquals(SyncExecutionStatus.SUCCEEDED, result.status());
        assertEquals("{\"n\":1}", result.output());
        assertTrue(result.executionArn().contains(":express:"), result.executionArn());
        assertThrows(StateMachineTypeNotSupportedException.class, () -> sfn.listExecutions(b -> b.stateMachineArn(express)));
        String standard = sfn.createStateMachine(b -> b.name(name()).definition(PASS).roleArn(ROLE)).stateMachineArn();
        SfnException refused = assertThrows(StateMachineTypeNotSupportedException.class,
                () -> sfn.startSyncExecution(b -> b.stateMachineArn(standard)));
        assertEquals("This operation is not supported by this type of state machine",
                refused.awsErrorDetails().errorMessage());
    }

    @Test
    void updatesMintARevisionOnlyWhenSomethingChanges() {
        String arn = sfn.createStateMachine(b -> b.name(name()).definition(PASS).roleArn(ROLE)).stateMachineArn();
        assertNull(sfn.describeStateMachine(b -> b.stateMachineArn(arn)).revisionId());
        String first = sfn.updateStateMachine(b -> b.stateMachineArn(arn).roleArn(ROLE + "2")).revisionId();
        String same = sfn.updateStateMachine(b -> b.stateMachineArn(arn).roleArn(ROLE + "2")).revisionId();
        String next = sfn.updateStateMachine(b -> b.stateMachineArn(arn).roleArn(ROLE)).revisionId();
        assertEquals(first, same);
        assertNotEquals(first, next);
        assertFalse(sfn.describeStateMachine(b -> b.stateMachineArn(arn)).roleArn().endsWith("2"));
    }
}
