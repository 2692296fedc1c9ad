package dev.apitpl.core.endpoint.stepfunctions;

import dev.apitpl.core.endpoint.LambdaInvoker;
import dev.apitpl.core.engine.Json;
import dev.apitpl.core.engine.task.LambdaFunctions;
import dev.apitpl.core.engine.task.LambdaIntegration;
import dev.apitpl.core.engine.task.TaskFailedException;
import dev.apitpl.core.engine.task.TaskRequest;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The endpoint's Lambda functions when no Lambda service is plugged in: each function name runs its in-process handler
 * as {@code apitpl:run} maps them ({@link LambdaFunctions}), always as {@code $LATEST}, with a function timeout of
 * {@link #FUNCTION_TIMEOUT} (there is no function configuration to read one from).
 */
public final class InProcessLambdaInvoker implements LambdaInvoker {

    /** The remaining time handlers see: generous, since many executions may share a loaded machine. */
    public static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(30);


    private final LambdaIntegration handlers;

    public InProcessLambdaInvoker(LambdaFunctions functions, Consumer<String> functionLog) {
        this.handlers = new LambdaIntegration(functions, Json.MAPPER, functionLog);
    }

    @Override
    public Invocation invoke(String function, String qualifier, String payload) throws LambdaInvocationException {
        String reference = function.startsWith("arn:") ? function : "arn:aws:lambda:us-east-1:000000000000:function:"
                + function;
        try {
            String answer = Json.write(handlers.invoke(new TaskRequest(function, reference, Json.parse(payload), 0,
                    FUNCTION_TIMEOUT)));
            return new Invocation(answer, null, "$LATEST", "");
        } catch (TaskFailedException e) {
            if (e.error().equals("States.Runtime")) {
                throw new LambdaInvocationException("ResourceNotFoundException", 404, e.cause());
            }
            return new Invocation(e.cause(), "Unhandled", "$LATEST", "");
        } catch (IllegalArgumentException e) {
            throw new LambdaInvocationException("InvalidRequestContentException", 400,
                    "Could not parse request body into json: " + e.getMessage());
        }
    }
}
