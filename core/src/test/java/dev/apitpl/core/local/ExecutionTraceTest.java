package dev.apitpl.core.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.core.engine.ExecutionResult;
import dev.apitpl.core.engine.ExecutionStatus;
import dev.apitpl.core.engine.Json;
import dev.apitpl.core.engine.LocalEngine;
import dev.apitpl.core.engine.SimulatedTime;
import dev.apitpl.core.engine.Sleeper;
import dev.apitpl.core.engine.StateMachine;
import dev.apitpl.core.engine.task.TaskFailedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExecutionTraceTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void shortValuesAreShownWhole() throws Exception {
        String json = "{\"a\":1,\"b\":{\"c\":\"d\"}}";
        assertEquals(json, ExecutionTrace.shorten(mapper.readTree(json)));
    }

    @Test
    void longObjectsAreOutlinedByTheirTopLevelFields() {
        ObjectNode output = mapper.createObjectNode();
        output.put("templateName", "search-products");
        output.putObject("template").put("body", "x".repeat(2_000));
        output.putArray("items").add(1).add(2).add(3);
        output.put("note", "y".repeat(100));
        String full = output.toString();

        String shown = ExecutionTrace.shorten(output);

        assertEquals("{\"templateName\":\"search-products\",\"template\":{...},\"items\":[3 items],\"note\":\""
                + "y".repeat(59) + "...} (" + full.length() + " chars)", shown);
    }

    @Test
    void longTextIsCutWithItsLength() {
        String text = "z".repeat(1_000);
        String shown = ExecutionTrace.shorten(text);
        assertTrue(shown.startsWith("z".repeat(400) + "... "), shown);
        assertTrue(shown.endsWith("(1000 chars)"), shown);
    }

    private static void await(CountDownLatch latch) throws TaskFailedException {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new TaskFailedException("Test.Stuck", "the other branch never got there");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaskFailedException("Test.Interrupted", "interrupted");
        }
    }

    @Test
    void sameNamedStatesInConcurrentIterationsEachGetTheirOwnDuration() {
        // Both iterations enter "Call" at 0 s; A's call ends at 10 s, then B's at 30 s.
        SimulatedTime clock = new SimulatedTime();
        CountDownLatch bCalling = new CountDownLatch(1);
        CountDownLatch aExited = new CountDownLatch(1);
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        LocalEngine engine = LocalEngine.builder().clock(clock).sleeper(Sleeper.NONE)
                .listener(new ExecutionTrace(lines::add))
                .listener(event -> {
                    if (event.type().equals("TaskStateExited") && "A".equals(event.output().asText())) {
                        aExited.countDown();
                    }
                })
                .taskInvoker(request -> {
                    String branch = request.input().get("branch").asText();
                    if (branch.equals("B")) {
                        clock.advance(Duration.ofSeconds(10));
                        bCalling.countDown();
                        await(aExited);
                        clock.advance(Duration.ofSeconds(20));
                    } else {
                        await(bCalling);
                    }
                    return JsonNodeFactory.instance.textNode(branch);
                }).build();
        // AWS wants state names unique in the whole machine: concurrent same-named states are Map iterations
        StateMachine machine = StateMachine.parse("{\"StartAt\":\"Both\",\"States\":{\"Both\":{\"Type\":\"Map\","
                + "\"MaxConcurrency\":2,\"ItemProcessor\":{\"StartAt\":\"Call\",\"States\":{\"Call\":{\"Type\":\"Task\","
                + "\"Resource\":\"arn:aws:states:::http:invoke\",\"Parameters\":{\"branch.$\":\"$\"},\"End\":true}}},"
                + "\"End\":true}}}");

        ExecutionResult result = engine.execute(machine, JsonNodeFactory.instance.arrayNode().add("A").add("B"));

        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), () -> result.error() + ": " + result.cause());
        assertTrue(lines.contains(String.format("  %-28s %6d ms  -> \"A\"", "Call", 10_000)), String.join("\n", lines));
        assertTrue(lines.contains(String.format("  %-28s %6d ms  -> \"B\"", "Call", 30_000)), String.join("\n", lines));
        assertTrue(lines.contains(String.format("  %-28s %6d ms  -> [\"A\",\"B\"]", "Both", 30_000)),
                String.join("\n", lines));
    }

    @Test
    void statesThatFailInsideAnIterationAreForgottenAndFailStatesAreShown() {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        ExecutionTrace trace = new ExecutionTrace(lines::add);
        List<Integer> pendingWhenMapExited = Collections.synchronizedList(new ArrayList<>());
        LocalEngine engine = LocalEngine.builder().sleeper(Sleeper.NONE)
                .listener(trace)
                .listener(event -> {
                    if (event.type().equals("MapStateExited")) {
                        pendingWhenMapExited.add(trace.pending());
                    }
                })
                .taskInvoker(request -> {
                    throw new TaskFailedException("Api.Down", "no answer");
                }).build();
        // Every iteration fails (tolerated): items 0 in a Fail state, the others in a Task.
        StateMachine machine = StateMachine.parse("{\"StartAt\":\"Each\",\"States\":{\"Each\":{\"Type\":\"Map\","
                + "\"ToleratedFailurePercentage\":100,\"MaxConcurrency\":2,\"ItemProcessor\":{\"StartAt\":\"Odd\","
                + "\"States\":{\"Odd\":{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$\",\"NumericEquals\":0,"
                + "\"Next\":\"Boom\"}],\"Default\":\"Call\"},\"Boom\":{\"Type\":\"Fail\",\"Error\":\"Even\"},"
                + "\"Call\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::http:invoke\",\"End\":true}}},"
                + "\"Next\":\"Done\"},"
                + "\"Done\":{\"Type\":\"Pass\",\"End\":true}}}");

        ExecutionResult result = engine.execute(machine, Json.parse("[1, 0, 1, 0, 1, 0]"));

        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), () -> result.error() + ": " + result.cause());
        assertEquals(List.of(0), pendingWhenMapExited, "states left entered after the Map exited");
        assertEquals(0, trace.pending());
        assertTrue(lines.contains(String.format("  %-28s %9s  -> Fail", "Boom", "")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(line -> line.contains("!! Api.Down: no answer")), String.join("\n", lines));
    }
}
