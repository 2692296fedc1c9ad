package dev.apitpl.core.endpoint.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.core.endpoint.EndpointRequest;
import dev.apitpl.core.endpoint.EndpointResponse;
import dev.apitpl.core.endpoint.ServiceHandler;
import dev.apitpl.core.endpoint.server.AwsErrors;
import dev.apitpl.core.engine.Json;
import dev.apitpl.core.engine.task.TaskInvoker;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Step Functions on the endpoint (JSON 1.0, {@code X-Amz-Target: AWSStepFunctions.*}): state machines, versions and
 * aliases checked by the project's validator and kept in the state folder, executions run by the project's engine.
 */
public final class StepFunctionsService implements ServiceHandler {

    private static final String PREFIX = "AWSStepFunctions.";
    private static final Pattern SIGNED_REGION = Pattern.compile("Credential=[^/]+/[^/]+/([^/]+)/");

    private final String account;
    private final String defaultRegion;
    private final StateMachines machines;
    private final Aliases aliases;
    private final Executions executions;
    private final StateMachineOperations operations;

    /**
     * @param account  the account in every ARN
     * @param region   the region of ARNs when a request is not signed for one
     * @param stateDir where state machines, versions, aliases and activities are kept (null: in memory)
     * @param tasks    who runs Task states
     */
    public StepFunctionsService(String account, String region, Path stateDir, TaskInvoker tasks) {
        this.account = account;
        this.defaultRegion = region;
        this.machines = new StateMachines(stateDir);
        this.aliases = new Aliases(machines);
        this.executions = new Executions(tasks, account);
        this.operations = new StateMachineOperations(machines, aliases, executions, account);
    }

    @Override
    public boolean accepts(EndpointRequest request) {
        String target = request.header("X-Amz-Target");
        return target != null && target.startsWith(PREFIX);
    }

    @Override
    public EndpointResponse handle(EndpointRequest request) {
        String operation = request.header("X-Amz-Target").substring(PREFIX.length());
        try {
            JsonNode body = request.body().length == 0 ? Json.NODES.objectNode() : Json.parse(request.bodyText());
            if (!(body instanceof ObjectNode parameters)) {
                return AwsErrors.json10(400, "SerializationException", "The request body must be a JSON object");
            }
            ObjectNode answer = operations.run(operation, parameters, region(request));
            if (answer == null) {
                return AwsErrors.json10(400, "UnknownOperationException", "The local endpoint's Step Functions has "
                        + "no operation " + operation);
            }
            return EndpointResponse.json(200, AwsErrors.JSON_10, Json.write(answer));
        } catch (SfnException e) {
            return AwsErrors.json10(400, e.code(), e.getMessage());
        } catch (IllegalArgumentException e) {
            return AwsErrors.json10(400, "SerializationException", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AwsErrors.json10(500, "ServiceUnavailable", "The local endpoint is shutting down");
        }
    }

    private String region(EndpointRequest request) {
        String authorization = request.header("Authorization");
        if (authorization != null) {
            Matcher matcher = SIGNED_REGION.matcher(authorization);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        return defaultRegion;
    }

    /** Stops running executions (they end ABORTED) and their threads. */
    @Override
    public void close() {
        executions.close();
    }
}
