package dev.apitpl.core.endpoint.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.core.endpoint.EndpointResponse;
import dev.apitpl.core.engine.Json;

/** AWS's error shapes of the JSON 1.0 protocol (Step Functions, DynamoDB): {@code {"__type", "message"}}. */
public final class AwsErrors {

    /** The content type of AWS JSON 1.0 answers. */
    public static final String JSON_10 = "application/x-amz-json-1.0";

    private AwsErrors() {}

    /** An error answer: {@code status}, {@code {"__type": code, "message": message}}, {@code x-amzn-ErrorType}. */
    public static EndpointResponse json10(int status, String code, String message) {
        ObjectNode body = Json.NODES.objectNode();
        body.put("__type", code);
        if (message != null) {
            body.put("message", message);
        }
        return EndpointResponse.json(status, JSON_10, Json.write(body)).withHeader("x-amzn-ErrorType", code);
    }
}
