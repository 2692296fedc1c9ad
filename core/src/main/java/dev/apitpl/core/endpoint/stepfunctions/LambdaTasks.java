package dev.apitpl.core.endpoint.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.apitpl.core.endpoint.LambdaInvoker;
import dev.apitpl.core.engine.Json;
import dev.apitpl.core.engine.task.LambdaIntegration;
import dev.apitpl.core.engine.task.TaskFailedException;
import dev.apitpl.core.engine.task.TaskIntegration;
import dev.apitpl.core.engine.task.TaskRequest;

/**
 * Step Functions' Lambda tasks on the endpoint, through the one {@link LambdaInvoker}: {@code lambda:invoke} (the
 * Invoke API's answer around the payload) and bare function ARNs (the payload itself). A function error fails the
 * task with the error type the runtime reported and its error document as the cause, as on AWS.
 */
public final class LambdaTasks implements TaskIntegration {

    private static final String INVOKE = "arn:aws:states:::lambda:invoke";

    private final LambdaInvoker invoker;

    public LambdaTasks(LambdaInvoker invoker) {
        this.invoker = invoker;
    }

    @Override
    public boolean handles(String resource) {
        return LambdaIntegration.isLambdaResource(resource);
    }

    @Override
    public JsonNode invoke(TaskRequest request) throws TaskFailedException {
        boolean optimized = request.resource().equals(INVOKE);
        JsonNode parameters = request.input();
        String function;
        JsonNode payload;
        String qualifier = null;
        if (optimized) {
            JsonNode name = parameters == null ? null : parameters.get("FunctionName");
            if (name == null || !name.isTextual()) {
                throw new TaskFailedException("States.Runtime", "Task state '" + request.stateName()
                        + "': lambda:invoke needs Parameters.FunctionName (a function name or ARN)");
            }
            function = name.asText();
            payload = parameters.get("Payload");
            qualifier = parameters.path("Qualifier").textValue();
        } else {
            function = request.resource();
            payload = parameters;
        }
        LambdaInvoker.Invocation invocation;
        try {
            invocation = invoker.invoke(function, qualifier, Json.write(payload == null ? NullNode.getInstance() : payload));
        } catch (LambdaInvoker.LambdaInvocationException e) {
            throw new TaskFailedException("Lambda." + e.errorName(), e.getMessage(), e);
        }
        if (invocation.functionError() != null) {
            JsonNode error = parse(invocation.payload());
            String type = error.path("errorType").asText("Exception");
            throw new TaskFailedException(type, invocation.payload());
        }
        JsonNode result = parse(invocation.payload());
        return optimized ? LambdaIntegration.invokeEnvelope(result, invocation.executedVersion()) : result;
    }

    private static JsonNode parse(String payload) {
        if (payload == null || payload.isEmpty()) {
            return NullNode.getInstance();
        }
        try {
            return Json.parse(payload);
        } catch (IllegalArgumentException e) {
            return Json.NODES.textNode(payload);
        }
    }
}
