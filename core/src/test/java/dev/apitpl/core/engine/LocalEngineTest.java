package dev.apitpl.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.core.engine.task.TaskFailedException;
import dev.apitpl.core.engine.task.TaskRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LocalEngineTest {

    private static final LocalEngine NO_TASKS = LocalEngine.builder().sleeper(Sleeper.NONE).build();

    private static JsonNode json(String text) {
        return Json.parse(text.replace('\'', '"'));
    }

    private static StateMachine machine(String definition) {
        return StateMachine.parse(definition.replace('\'', '"'));
    }

    @Test
    void passAndChoiceRouteTheInputAndRecordAwsShapedHistory() {
        StateMachine machine = machine("{'StartAt':'Init','States':{"
                + "'Init':{'Type':'Pass','Result':{'threshold':3},'ResultPath':'$.cfg','Next':'Check'},"
                + "'Check':{'Type':'Choice','Choices':[{'Variable':'$.n','NumericGreaterThanPath':'$.cfg.threshold',"
                + "'Next':'Big'}],'Default':'Small'},"
                + "'Big':{'Type':'Pass','Parameters':{'size.$':'$.n','label':'big'},'End':true},"
                + "'Small':{'Type':'Pass','Parameters':{'size.$':'$.n','label':'small'},'End':true}}}");

        ExecutionResult result = NO_TASKS.execute(machine, json("{'n': 5}"));

        assertEquals(ExecutionStatus.SUCCEEDED, result.status());
        assertEquals(json("{'size': 5, 'label': 'big'}"), result.output());
        List<String> types = result.history().stream().map(HistoryEvent::type).toList();
        assertEquals(List.of("ExecutionStarted", "PassStateEntered", "PassStateExited", "ChoiceStateEntered",
                "ChoiceStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"), types);
        HistoryEvent entered = result.history().get(1);
        assertEquals(2, entered.id());
        assertEquals(1, entered.previousEventId());
        assertEquals("Init", entered.name());
        JsonNode aws = entered.toJson();
        assertEquals("PassStateEntered", aws.get("type").asText());
        assertEquals("{\"n\":5}", aws.get("stateEnteredEventDetails").get("input").asText());
    }

    @Test
    void numberLexemesSurviveTheRun() {
        ExecutionResult result = NO_TASKS.execute(machine("{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}}"),
                Json.parse("{\"a\": 1.0, \"b\": 2.50, \"c\": 3}"));
        assertEquals("{\"a\":1.0,\"b\":2.50,\"c\":3}", Json.write(result.output()));
    }

    @Test
    void failStateEndsTheExecutionWithItsErrorAndCause() {
        ExecutionResult result = NO_TASKS.execute(machine(
                "{'StartAt':'F','States':{'F':{'Type':'Fail','Error':'Boom','Cause':'it broke'}}}"), json("{}"));
        assertEquals(ExecutionStatus.FAILED, result.status());
        assertEquals("Boom", result.error());
        assertEquals("it broke", result.cause());
        assertNull(result.output());
        assertEquals("ExecutionFailed", result.history().get(result.history().size() - 1).type());
    }

    @Test
    void taskWithoutAnInvokerFailsNamingTheResourceAndTheFix() {
        ExecutionResult result = NO_TASKS.execute(machine("{'StartAt':'T','States':{'T':{'Type':'Task',"
                + "'Resource':'arn:aws:states:::dynamodb:getItem','End':true}}}"), json("{}"));
        assertEquals(ExecutionStatus.FAILED, result.status());
        assertEquals(ErrorNames.RUNTIME, result.error());
        assertTrue(result.cause().contains("arn:aws:states:::dynamodb:getItem"), result.cause());
        assertTrue(result.cause().contains("taskInvoker"), result.cause());
    }

    @Test
    void retryRunsTheTaskAgainThenCatchRoutesTheErrorOutput() {
        List<Integer> attempts = Collections.synchronizedList(new ArrayList<>());
        List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
        LocalEngine engine = LocalEngine.builder().sleeper(sleeps::add).taskInvoker(request -> {
            attempts.add(request.attempt());
            throw new TaskFailedException("Api.Unavailable", "503 from upstream");
        }).build();
        StateMachine machine = machine("{'StartAt':'Call','States':{'Call':{'Type':'Task','Resource':'arn:aws:lambda:"
                + "us-east-1:123456789012:function:api','Retry':[{'ErrorEquals':['States.TaskFailed'],"
                + "'IntervalSeconds':2,'MaxAttempts':2,'BackoffRate':3}],'Catch':[{'ErrorEquals':['States.ALL'],"
                + "'ResultPath':'$.error','Next':'Handled'}],'End':true},'Handled':{'Type':'Pass','End':true}}}");

        ExecutionResult result = engine.execute(machine, json("{'id': 7}"));

        assertEquals(ExecutionStatus.SUCCEEDED, result.status());
        assertEquals(List.of(0, 1, 2), attempts);
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(6)), sleeps);
        assertEquals(json("{'id': 7, 'error': {'Error': 'Api.Unavailable', 'Cause': '503 from upstream'}}"),
                result.output());
        assertEquals(3, result.history().stream().filter(e -> e.type().equals("TaskFailed")).count());
    }

    @Test
    void taskResultGoesThroughResultSelectorAndResultPath() {
        LocalEngine engine = LocalEngine.builder().taskInvoker(request -> json("{'Item': {'pk': 'a'}, 'meta': 1}"))
                .sleeper(Sleeper.NONE).build();
        StateMachine machine = machine("{'StartAt':'Get','States':{'Get':{'Type':'Task','Resource':"
                + "'arn:aws:states:::dynamodb:getItem','Parameters':{'Key.$':'$.key'},'ResultSelector':"
                + "{'Item.$':'$.Item'},'ResultPath':'$.template','End':true}}}");
        ExecutionResult result = engine.execute(machine, json("{'key': 'k'}"));
        assertEquals(json("{'key': 'k', 'template': {'Item': {'pk': 'a'}}}"), result.output());
        HistoryEvent scheduled = result.history().stream().filter(e -> e.type().equals("TaskScheduled")).findFirst()
                .orElseThrow();
        assertEquals("dynamodb", scheduled.details().get("resourceType").asText());
        assertEquals(json("{'Key': 'k'}"), scheduled.details().get("parameters"));
    }

    @Test
    void taskTimeoutSecondsEndsASlowTaskWithStatesTimeout() {
        LocalEngine engine = LocalEngine.builder().taskInvoker(request -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return json("{}");
        }).build();
        ExecutionResult result = engine.execute(machine("{'StartAt':'Slow','States':{'Slow':{'Type':'Task',"
                + "'Resource':'arn:aws:states:::http:invoke','TimeoutSeconds':1,'End':true}}}"), json("{}"));
        assertEquals(ExecutionStatus.FAILED, result.status());
        assertEquals(ErrorNames.TIMEOUT, result.error());
        assertTrue(result.history().stream().anyMatch(e -> e.type().equals("TaskTimedOut")));
    }

    @Test
    void waitStatesPassTimeThroughThePluggableSleeper() {
        List<Duration> sleeps = new ArrayList<>();
        LocalEngine engine = LocalEngine.builder().sleeper(sleeps::add).build();
        ExecutionResult result = engine.execute(machine("{'StartAt':'W','States':{'W':{'Type':'Wait',"
                + "'SecondsPath':'$.s','End':true}}}"), json("{'s': 90}"));
        assertEquals(ExecutionStatus.SUCCEEDED, result.status());
        assertEquals(List.of(Duration.ofSeconds(90)), sleeps);
    }

    @Test
    void parallelBranchesReallyRunAtTheSameTime() {
        CountDownLatch bothRunning = new CountDownLatch(2);
        LocalEngine engine = LocalEngine.builder().taskInvoker((TaskRequest request) -> {
            bothRunning.countDown();
            try {
                // Each branch waits for the other: only concurrent branches get past this.
                if (!bothRunning.await(5, TimeUnit.SECONDS)) {
                    throw new TaskFailedException("NotConcurrent", "the other branch never started");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return json("'" + request.stateName() + "'");
        }).sleeper(Sleeper.NONE).build();
        String branch = "{'StartAt':'%s','States':{'%s':{'Type':'Task','Resource':'arn:aws:states:::http:invoke','End':true}}}";
        StateMachine machine = machine("{'StartAt':'Both','States':{'Both':{'Type':'Parallel','End':true,'Branches':["
                + branch.formatted("A", "A") + "," + branch.formatted("B", "B") + "]}}}");
        ExecutionResult result = engine.execute(machine, json("{}"));
        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), () -> result.error() + ": " + result.cause());
        assertEquals(json("['A', 'B']"), result.output());
    }

    @Test
    void listenersSeeEveryEventAsItHappens() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        LocalEngine engine = LocalEngine.builder().sleeper(Sleeper.NONE)
                .listener(event -> seen.add(event.id() + ":" + event.type())).build();
        ExecutionResult result = engine.execute(machine("{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}}"),
                json("{}"));
        assertEquals(List.of("1:ExecutionStarted", "2:PassStateEntered", "3:PassStateExited", "4:ExecutionSucceeded"), seen);
        assertEquals(4, result.history().size());
    }

    @Test
    void mapRunsItemsConcurrentlyAndLeavesNoThreadBehind() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        LocalEngine engine = LocalEngine.builder().sleeper(Sleeper.NONE).taskInvoker(request -> {
            calls.incrementAndGet();
            return request.input();
        }).build();
        StateMachine machine = machine("{'StartAt':'Each','States':{'Each':{'Type':'Map','MaxConcurrency':4,"
                + "'ItemProcessor':{'StartAt':'Call','States':{'Call':{'Type':'Task','Resource':"
                + "'arn:aws:states:::http:invoke','End':true}}},'End':true}}}");
        int before = Thread.activeCount();
        ExecutionResult result = engine.execute(machine, json("[1,2,3,4,5,6,7,8,9,10]"));
        assertEquals(json("[1,2,3,4,5,6,7,8,9,10]"), result.output());
        assertEquals(10, calls.get());
        assertEquals(before, Thread.activeCount(), "threads left running after execute returned");
    }
}
