package dev.apitpl.core.workflowtest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.core.engine.task.TaskFailedException;
import dev.apitpl.core.engine.task.TaskInvoker;
import dev.apitpl.core.engine.task.TaskRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Answers the Task states a test case mocks from their {@link MockedResponse}, and passes every
 * other state to the real local integrations, as Step Functions Local does. One instance serves one
 * execution: it counts each state's invocations to pick the answer.
 */
public final class MockedTaskInvoker implements TaskInvoker {

    private final Map<String, MockedResponse> mocksByState;
    private final TaskInvoker unmocked;
    private final Map<String, AtomicInteger> invocations = new ConcurrentHashMap<>();

    public MockedTaskInvoker(Map<String, MockedResponse> mocksByState, TaskInvoker unmocked) {
        this.mocksByState = Map.copyOf(mocksByState);
        this.unmocked = unmocked;
    }

    @Override
    public JsonNode invoke(TaskRequest request) throws TaskFailedException {
        MockedResponse mock = mocksByState.get(request.stateName());
        if (mock == null) {
            return unmocked.invoke(request);
        }
        int invocation = invocations.computeIfAbsent(request.stateName(), name -> new AtomicInteger()).getAndIncrement();
        return mock.answer(request.stateName(), invocation);
    }
}
