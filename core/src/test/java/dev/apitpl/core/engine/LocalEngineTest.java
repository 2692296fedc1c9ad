package dev.apitpl.core.engine;

import dev.apitpl.core.asl.ErrorNames;
import dev.apitpl.core.asl.QueryLanguage;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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
    void mapRunsItemsConcurrentlyUpToMaxConcurrencyAndLeavesNoThreadBehind() throws InterruptedException {
        // Each call waits until four calls are in flight at once: only four concurrent iterations get past it.
        CountDownLatch fourInFlight = new CountDownLatch(4);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        LocalEngine engine = LocalEngine.builder().sleeper(Sleeper.NONE).taskInvoker(request -> {
            calls.incrementAndGet();
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                fourInFlight.countDown();
                if (!fourInFlight.await(10, TimeUnit.SECONDS)) {
                    throw new TaskFailedException("NotConcurrent", "fewer than 4 iterations ever ran at once");
                }
                return request.input();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TaskFailedException("Interrupted", "interrupted");
            } finally {
                inFlight.decrementAndGet();
            }
        }).build();
        StateMachine machine = machine("{'StartAt':'Each','States':{'Each':{'Type':'Map','MaxConcurrency':4,"
                + "'ItemProcessor':{'StartAt':'Call','States':{'Call':{'Type':'Task','Resource':"
                + "'arn:aws:states:::http:invoke','End':true}}},'End':true}}}");
        Set<Thread> before = Thread.getAllStackTraces().keySet();

        ExecutionResult result = engine.execute(machine, json("[1,2,3,4,5,6,7,8,9,10]"));

        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), () -> result.error() + ": " + result.cause());
        assertEquals(json("[1,2,3,4,5,6,7,8,9,10]"), result.output());
        assertEquals(10, calls.get());
        assertTrue(peak.get() <= 4, "more than MaxConcurrency iterations at once: " + peak.get());
        Set<Thread> left = new HashSet<>(Thread.getAllStackTraces().keySet());
        left.removeAll(before);
        left.removeIf(thread -> !thread.getName().startsWith("apitpl-"));
        assertEquals(Set.of(), left, "engine threads (daemon or not) still alive after execute returned");
    }

    @Test
    void parallelRunsNoMoreBranchesAtOnceThanTheEngineAllows() {
        // With a cap of 1 the engine starts no thread: every branch runs on the caller's thread, one after another.
        List<Thread> ranOn = Collections.synchronizedList(new ArrayList<>());
        LocalEngine engine = LocalEngine.builder().sleeper(Sleeper.NONE).maxConcurrency(1).taskInvoker(request -> {
            ranOn.add(Thread.currentThread());
            return json("'" + request.stateName() + "'");
        }).build();
        String branch = "{'StartAt':'%s','States':{'%s':{'Type':'Task','Resource':'arn:aws:states:::http:invoke','End':true}}}";
        StateMachine machine = machine("{'StartAt':'All','States':{'All':{'Type':'Parallel','End':true,'Branches':["
                + branch.formatted("A", "A") + "," + branch.formatted("B", "B") + "," + branch.formatted("C", "C") + "]}}}");

        ExecutionResult result = engine.execute(machine, json("{}"));

        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), () -> result.error() + ": " + result.cause());
        assertEquals(json("['A', 'B', 'C']"), result.output());
        assertEquals(List.of(Thread.currentThread(), Thread.currentThread(), Thread.currentThread()), ranOn);
    }

    /** What an in-process handler may throw besides exceptions: assertion failures, linkage errors, deep recursion. */
    static List<Supplier<Error>> errors() {
        return List.of(() -> new AssertionError("handler assertion"),
                () -> new NoClassDefFoundError("com/example/Missing"),
                () -> {
                    try {
                        recurse(0);
                        return new AssertionError("no stack overflow");
                    } catch (StackOverflowError e) {
                        return e;
                    }
                });
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    @ParameterizedTest
    @MethodSource("errors")
    void aTaskWhoseInvokerThrowsAnErrorFailsWithTheErrorsClassName(Supplier<Error> error) {
        Error thrown = error.get();
        LocalEngine engine = LocalEngine.builder().sleeper(Sleeper.NONE).taskInvoker(request -> {
            throw thrown;
        }).build();
        for (String timeout : List.of(",'TimeoutSeconds':30", "")) {
            ExecutionResult result = engine.execute(machine("{'StartAt':'T','States':{'T':{'Type':'Task',"
                    + "'Resource':'arn:aws:states:::lambda:invoke'" + timeout + ",'End':true}}}"), json("{}"));

            assertEquals(ExecutionStatus.FAILED, result.status(), "with '" + timeout + "': output " + result.output());
            assertEquals(thrown.getClass().getName(), result.error());
            assertEquals(String.valueOf(thrown.getMessage()), result.cause());
        }
    }

    @Test
    void anErrorFromATaskCanBeCaughtLikeAnyTaskFailure() {
        LocalEngine engine = LocalEngine.builder().sleeper(Sleeper.NONE).taskInvoker(request -> {
            throw new AssertionError("handler assertion");
        }).build();
        ExecutionResult result = engine.execute(machine("{'StartAt':'T','States':{'T':{'Type':'Task',"
                + "'Resource':'arn:aws:states:::lambda:invoke','TimeoutSeconds':30,'Catch':[{'ErrorEquals':"
                + "['States.TaskFailed'],'Next':'Handled'}],'End':true},'Handled':{'Type':'Pass','End':true}}}"),
                json("{}"));
        assertEquals(ExecutionStatus.SUCCEEDED, result.status());
        assertEquals(json("{'Error': 'java.lang.AssertionError', 'Cause': 'handler assertion'}"), result.output());
    }

    @Test
    void retryCountInTheContextObjectCountsTheAttemptsInParameters() {
        List<JsonNode> inputs = Collections.synchronizedList(new ArrayList<>());
        LocalEngine engine = LocalEngine.builder().sleeper(Sleeper.NONE).taskInvoker(request -> {
            inputs.add(request.input());
            if (request.attempt() < 2) {
                throw new TaskFailedException("Api.Busy", "try again");
            }
            return request.input();
        }).build();
        ExecutionResult result = engine.execute(machine("{'StartAt':'Call','States':{'Call':{'Type':'Task',"
                + "'Resource':'arn:aws:states:::http:invoke','Parameters':{'retry.$':'$$.State.RetryCount',"
                + "'id.$':'$.id'},'Retry':[{'ErrorEquals':['Api.Busy'],'MaxAttempts':3}],'End':true}}}"),
                json("{'id': 7}"));

        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), () -> result.error() + ": " + result.cause());
        assertEquals(List.of(json("{'retry': 0, 'id': 7}"), json("{'retry': 1, 'id': 7}"),
                json("{'retry': 2, 'id': 7}")), inputs);
    }

    @Test
    void retryCountInTheContextObjectCountsTheAttemptsInJsonataArguments() {
        List<JsonNode> inputs = Collections.synchronizedList(new ArrayList<>());
        LocalEngine engine = LocalEngine.builder().sleeper(Sleeper.NONE).taskInvoker(request -> {
            inputs.add(request.input());
            if (request.attempt() < 1) {
                throw new TaskFailedException("Api.Busy", "try again");
            }
            return request.input();
        }).build();
        ExecutionResult result = engine.execute(machine("{'QueryLanguage':'JSONata','StartAt':'Call','States':{'Call':"
                + "{'Type':'Task','Resource':'arn:aws:states:::http:invoke','Arguments':{'retry':"
                + "'{% $states.context.State.RetryCount %}'},'Retry':[{'ErrorEquals':['Api.Busy']}],"
                + "'Output':'{% $states.context.State.RetryCount %}','End':true}}}"), json("{}"));

        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), () -> result.error() + ": " + result.cause());
        // Compared as text: JSONata numbers come back as whichever numeric node fits.
        assertEquals(List.of("{\"retry\":0}", "{\"retry\":1}"), inputs.stream().map(Json::write).toList());
        assertEquals("1", Json.write(result.output()));
    }

    @Test
    void aLongAsciiStringIsCountedByItsUtf8Bytes() {
        // 100,000 ASCII characters are 100,002 bytes of JSON: well within 256 KiB.
        String text = "a".repeat(100_000);
        ExecutionResult result = NO_TASKS.execute(machine("{'StartAt':'P','States':{'P':{'Type':'Pass',"
                + "'InputPath':'$.text','End':true}}}"), Json.NODES.objectNode().put("text", text));
        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), () -> result.error() + ": " + result.cause());
        assertEquals(text, result.output().textValue());
    }

    @Test
    void aStringOverTheLimitInUtf8BytesExceedsIt() {
        // 140,000 two-byte characters: 280,002 bytes, over 256 KiB although fewer characters than the limit.
        String text = "é".repeat(140_000);
        ExecutionResult limited = NO_TASKS.execute(machine("{'StartAt':'P','States':{'P':{'Type':'Pass',"
                + "'Parameters':{'ok':true},'Next':'Q'},'Q':{'Type':'Pass','Result':'" + text + "','End':true}}}"),
                json("{}"));
        assertEquals(ExecutionStatus.FAILED, limited.status());
        assertEquals(ErrorNames.DATA_LIMIT_EXCEEDED, limited.error());
    }
}
