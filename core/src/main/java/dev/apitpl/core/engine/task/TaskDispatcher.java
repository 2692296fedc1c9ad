package dev.apitpl.core.engine.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Routes each Task state to the first integration that handles its {@code Resource}. A resource
 * no integration handles fails the execution with {@code States.Runtime}, which no Catch can
 * swallow, because it is a setup problem rather than a task outcome.
 */
public final class TaskDispatcher implements TaskInvoker {

    /** The error a resource without a local integration fails with. */
    public static final String NO_INTEGRATION_ERROR = "States.Runtime";

    private final List<TaskIntegration> integrations;

    public TaskDispatcher(List<TaskIntegration> integrations) {
        this.integrations = List.copyOf(integrations);
    }

    @Override
    public JsonNode invoke(TaskRequest request) throws TaskFailedException {
        for (TaskIntegration integration : integrations) {
            if (integration.handles(request.resource())) {
                return integration.invoke(request);
            }
        }
        throw new TaskFailedException(NO_INTEGRATION_ERROR, noIntegrationMessage(request));
    }

    /** Whether some integration runs {@code resource}. */
    public boolean handles(String resource) {
        return integrations.stream().anyMatch(integration -> integration.handles(resource));
    }

    /** Why {@code request} cannot run locally, and how to mock it instead. */
    public static String noIntegrationMessage(TaskRequest request) {
        return noIntegrationMessage(Map.of(request.stateName(), request.resource()));
    }

    /** Why these Task states (state name to resource, at least one) cannot run locally, and how to mock them. */
    public static String noIntegrationMessage(Map<String, String> resourceByState) {
        boolean one = resourceByState.size() == 1;
        String states = resourceByState.entrySet().stream()
                .map(task -> "Task state '" + task.getKey() + "' uses resource '" + task.getValue() + "'")
                .collect(Collectors.joining("; "));
        return states + (one ? ", which has no local integration." : "; none of them has a local integration.")
                + " Locally supported: "
                + "arn:aws:states:::dynamodb:getItem|putItem|updateItem|deleteItem, "
                + "arn:aws:states:::lambda:invoke, arn:aws:lambda:REGION:ACCOUNT:function:NAME, "
                + "arn:aws:states:::http:invoke. To run " + (one ? "this state anyway, mock it" : "these states anyway, "
                + "mock each") + " in a workflow test file: StateMachines.<name>.TestCases.<case>.\""
                + resourceByState.keySet().iterator().next() + "\" = \"<MockedResponse name>\""
                + (one ? "" : " (and likewise for the others)")
                + " with MockedResponses.<name>.\"0\".Return = <result>.";
    }
}
