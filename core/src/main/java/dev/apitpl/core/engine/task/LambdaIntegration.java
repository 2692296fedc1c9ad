package dev.apitpl.core.engine.task;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda tasks run by in-process handlers: {@code arn:aws:states:::lambda:invoke} (Parameters
 * {@code FunctionName}, {@code Payload}; result wrapped in the Invoke API's envelope) and bare
 * function ARNs ({@code arn:aws:lambda:REGION:ACCOUNT:function:NAME}; the raw result). JSON is
 * converted to and from the handler's input and output types with Jackson, and a thrown exception
 * is reported as the Java Lambda runtime reports it: error = its class name, cause =
 * {@code {"errorMessage","errorType","stackTrace"}}.
 */
public final class LambdaIntegration implements TaskIntegration {

    private static final String INVOKE = "arn:aws:states:::lambda:invoke";
    /** NAME, ACCOUNT:function:NAME or arn:aws:lambda:REGION:ACCOUNT:function:NAME, each with an optional :QUALIFIER. */
    private static final Pattern FUNCTION = Pattern.compile(
            "^(?:arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\\d{12}:function:|\\d{12}:function:)?([a-zA-Z0-9-_.]+)(?::[a-zA-Z0-9-_$]+)?$");
    private static final Pattern BARE_ARN = Pattern.compile("^arn:aws[a-zA-Z-]*:lambda:[^:]*:[^:]*:function:.+");

    private final LambdaFunctions functions;
    private final ObjectMapper mapper;
    private final Consumer<String> functionLog;

    /**
     * @param functions which handler runs each function name
     * @param mapper converts JSON to and from handler types
     * @param functionLog receives what handlers write to {@code context.getLogger()}
     */
    public LambdaIntegration(LambdaFunctions functions, ObjectMapper mapper, Consumer<String> functionLog) {
        this.functions = functions;
        this.mapper = mapper;
        this.functionLog = functionLog;
    }

    @Override
    public boolean handles(String resource) {
        return isLambdaResource(resource);
    }

    /** Whether a Task {@code Resource} is a Lambda invocation: {@code lambda:invoke} or a bare function ARN. */
    public static boolean isLambdaResource(String resource) {
        return resource.equals(INVOKE) || BARE_ARN.matcher(resource).matches();
    }

    @Override
    public JsonNode invoke(TaskRequest request) throws TaskFailedException {
        if (!request.resource().equals(INVOKE)) {
            return run(request, request.resource(), request.input());
        }
        JsonNode parameters = request.input();
        JsonNode functionName = parameters == null ? null : parameters.get("FunctionName");
        if (functionName == null || !functionName.isTextual()) {
            throw new TaskFailedException("States.Runtime", "Task state '" + request.stateName()
                    + "': lambda:invoke needs Parameters.FunctionName (a function name or ARN)");
        }
        JsonNode payload = run(request, functionName.asText(), parameters.get("Payload"));
        return envelope(payload);
    }

    private JsonNode run(TaskRequest request, String functionReference, JsonNode payload) throws TaskFailedException {
        Matcher name = FUNCTION.matcher(functionReference);
        if (!name.matches()) {
            throw new TaskFailedException("States.Runtime", "Task state '" + request.stateName()
                    + "': '" + functionReference + "' is not a Lambda function name or ARN");
        }
        String functionName = name.group(1);
        Object handler;
        try {
            handler = functions.handlerFor(functionName);
        } catch (LambdaFunctions.HandlerUnavailableException e) {
            throw new TaskFailedException("States.Runtime", "Task state '" + request.stateName() + "': "
                    + e.getMessage(), e);
        }
        Context context = new LocalLambdaContext(functionName, request.timeout(), functionLog);
        JsonNode input = payload == null ? NullNode.getInstance() : payload;
        try {
            return handler instanceof RequestStreamHandler stream
                    ? runStream(stream, input, context)
                    : runTyped(handler, functionName, input, context);
        } catch (InvocationTargetException e) {
            throw functionError(e.getCause());
        } catch (IllegalArgumentException | IOException e) {
            throw functionError(new RuntimeException("An error occurred during JSON serialization of the input or "
                    + "output of function '" + functionName + "': " + e.getMessage(), e));
        } catch (RuntimeException | Error e) {
            throw functionError(e);
        }
    }

    private JsonNode runStream(RequestStreamHandler handler, JsonNode input, Context context) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(mapper.writeValueAsBytes(input)), output, context);
        return output.size() == 0 ? NullNode.getInstance() : mapper.readTree(output.toByteArray());
    }

    private JsonNode runTyped(Object handler, String functionName, JsonNode input, Context context)
            throws InvocationTargetException, TaskFailedException {
        Method method = handleRequest(handler.getClass());
        if (method == null) {
            throw new TaskFailedException("States.Runtime", "Lambda function '" + functionName + "': handler class '"
                    + handler.getClass().getName() + "' implements neither RequestHandler nor RequestStreamHandler");
        }
        Type inputType = method.getGenericParameterTypes()[0];
        Object typedInput = mapper.convertValue(input, mapper.constructType(inputType));
        try {
            method.setAccessible(true);
            Object result = method.invoke(handler, typedInput, context);
            return mapper.valueToTree(result);
        } catch (IllegalAccessException e) {
            throw new TaskFailedException("States.Runtime", "Lambda function '" + functionName
                    + "': handleRequest of '" + handler.getClass().getName() + "' is not accessible", e);
        }
    }

    /** The most specific {@code handleRequest(X, Context)}: bridge methods carry only the erased type. */
    private static Method handleRequest(Class<?> type) {
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals("handleRequest") && !m.isBridge() && m.getParameterCount() == 2
                        && m.getParameterTypes()[1] == Context.class)
                .findFirst()
                .orElse(null);
    }

    private TaskFailedException functionError(Throwable thrown) {
        return new TaskFailedException(thrown.getClass().getName(), runtimeErrorJson(thrown).toString(), thrown);
    }

    /** The error document the Java Lambda runtime returns for an unhandled exception. */
    static ObjectNode runtimeErrorJson(Throwable thrown) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("errorMessage", thrown.getMessage());
        error.put("errorType", thrown.getClass().getName());
        ArrayNode trace = error.putArray("stackTrace");
        for (StackTraceElement frame : thrown.getStackTrace()) {
            trace.add(frame.toString());
        }
        if (thrown.getCause() != null && thrown.getCause() != thrown) {
            error.set("cause", runtimeErrorJson(thrown.getCause()));
        }
        return error;
    }

    private static JsonNode envelope(JsonNode payload) {
        return invokeEnvelope(payload, "$LATEST");
    }

    /** The result of {@code arn:aws:states:::lambda:invoke}: the Invoke API's answer around {@code payload}. */
    public static JsonNode invokeEnvelope(JsonNode payload, String executedVersion) {
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        String requestId = UUID.randomUUID().toString();
        envelope.put("ExecutedVersion", executedVersion);
        envelope.set("Payload", payload);
        SdkMetadata.addTo(envelope, 200, Map.of(
                "Content-Type", List.of("application/json"),
                "X-Amz-Executed-Version", List.of(executedVersion),
                "x-amzn-Remapped-Content-Length", List.of("0"),
                "x-amzn-RequestId", List.of(requestId)), requestId);
        envelope.put("StatusCode", 200);
        return envelope;
    }
}
