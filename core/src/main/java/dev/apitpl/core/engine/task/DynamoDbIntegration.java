package dev.apitpl.core.engine.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import dev.apitpl.runtime.template.DynamoJson;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Step Functions' optimized DynamoDB integration ({@code arn:aws:states:::dynamodb:getItem},
 * {@code putItem}, {@code updateItem}, {@code deleteItem}) against any {@link DynamoDbClient}:
 * Parameters in the API's own DynamoDB-JSON shape, the API's response out, service errors named
 * {@code DynamoDB.<ErrorCode>} as AWS reports them.
 */
public final class DynamoDbIntegration implements TaskIntegration {

    private static final String PREFIX = "arn:aws:states:::dynamodb:";
    private static final Set<String> OPERATIONS = Set.of("getItem", "putItem", "updateItem", "deleteItem");
    private static final Map<String, Set<String>> ALLOWED_PARAMETERS = Map.of(
            "getItem", Set.of("TableName", "Key", "ConsistentRead", "ProjectionExpression",
                    "ExpressionAttributeNames", "ReturnConsumedCapacity"),
            "putItem", Set.of("TableName", "Item", "ConditionExpression", "ExpressionAttributeNames",
                    "ExpressionAttributeValues", "ReturnValues", "ReturnConsumedCapacity",
                    "ReturnItemCollectionMetrics", "ReturnValuesOnConditionCheckFailure"),
            "updateItem", Set.of("TableName", "Key", "UpdateExpression", "ConditionExpression",
                    "ExpressionAttributeNames", "ExpressionAttributeValues", "ReturnValues",
                    "ReturnConsumedCapacity", "ReturnItemCollectionMetrics", "ReturnValuesOnConditionCheckFailure"),
            "deleteItem", Set.of("TableName", "Key", "ConditionExpression", "ExpressionAttributeNames",
                    "ExpressionAttributeValues", "ReturnValues", "ReturnConsumedCapacity",
                    "ReturnItemCollectionMetrics", "ReturnValuesOnConditionCheckFailure"));

    private final DynamoDbClient client;

    public DynamoDbIntegration(DynamoDbClient client) {
        this.client = client;
    }

    @Override
    public boolean handles(String resource) {
        return resource.startsWith(PREFIX) && OPERATIONS.contains(resource.substring(PREFIX.length()));
    }

    @Override
    public JsonNode invoke(TaskRequest request) throws TaskFailedException {
        String operation = request.resource().substring(PREFIX.length());
        JsonNode parameters = request.input() == null ? JsonNodeFactory.instance.objectNode() : request.input();
        checkParameters(request.stateName(), operation, parameters);
        try {
            return switch (operation) {
                case "getItem" -> getItem(parameters);
                case "putItem" -> putItem(parameters);
                case "updateItem" -> updateItem(parameters);
                default -> deleteItem(parameters);
            };
        } catch (AwsServiceException e) {
            throw new TaskFailedException("DynamoDB." + e.awsErrorDetails().errorCode(), awsCause(e), e);
        } catch (SdkException e) {
            throw new TaskFailedException("DynamoDB.SdkClientException", e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // Malformed DynamoDB JSON in Parameters: DynamoDB itself would reject the request the same way.
            throw new TaskFailedException("DynamoDB.ValidationException",
                    "Task state '" + request.stateName() + "': " + e.getMessage(), e);
        }
    }

    private JsonNode getItem(JsonNode p) {
        GetItemResponse response = client.getItem(GetItemRequest.builder()
                .tableName(text(p, "TableName"))
                .key(item(p, "Key"))
                .consistentRead(p.has("ConsistentRead") ? p.get("ConsistentRead").asBoolean() : null)
                .projectionExpression(text(p, "ProjectionExpression"))
                .expressionAttributeNames(names(p))
                .returnConsumedCapacity(text(p, "ReturnConsumedCapacity"))
                .build());
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (response.hasItem()) {
            out.set("Item", DynamoJson.itemToDynamoJson(response.item()));
        }
        return finish(out, response);
    }

    private JsonNode putItem(JsonNode p) {
        PutItemResponse response = client.putItem(PutItemRequest.builder()
                .tableName(text(p, "TableName"))
                .item(item(p, "Item"))
                .conditionExpression(text(p, "ConditionExpression"))
                .expressionAttributeNames(names(p))
                .expressionAttributeValues(values(p))
                .returnValues(text(p, "ReturnValues"))
                .returnConsumedCapacity(text(p, "ReturnConsumedCapacity"))
                .returnItemCollectionMetrics(text(p, "ReturnItemCollectionMetrics"))
                .returnValuesOnConditionCheckFailure(text(p, "ReturnValuesOnConditionCheckFailure"))
                .build());
        return withAttributes(response.hasAttributes() ? response.attributes() : null, response);
    }

    private JsonNode updateItem(JsonNode p) {
        UpdateItemResponse response = client.updateItem(UpdateItemRequest.builder()
                .tableName(text(p, "TableName"))
                .key(item(p, "Key"))
                .updateExpression(text(p, "UpdateExpression"))
                .conditionExpression(text(p, "ConditionExpression"))
                .expressionAttributeNames(names(p))
                .expressionAttributeValues(values(p))
                .returnValues(text(p, "ReturnValues"))
                .returnConsumedCapacity(text(p, "ReturnConsumedCapacity"))
                .returnItemCollectionMetrics(text(p, "ReturnItemCollectionMetrics"))
                .returnValuesOnConditionCheckFailure(text(p, "ReturnValuesOnConditionCheckFailure"))
                .build());
        return withAttributes(response.hasAttributes() ? response.attributes() : null, response);
    }

    private JsonNode deleteItem(JsonNode p) {
        DeleteItemResponse response = client.deleteItem(DeleteItemRequest.builder()
                .tableName(text(p, "TableName"))
                .key(item(p, "Key"))
                .conditionExpression(text(p, "ConditionExpression"))
                .expressionAttributeNames(names(p))
                .expressionAttributeValues(values(p))
                .returnValues(text(p, "ReturnValues"))
                .returnConsumedCapacity(text(p, "ReturnConsumedCapacity"))
                .returnItemCollectionMetrics(text(p, "ReturnItemCollectionMetrics"))
                .returnValuesOnConditionCheckFailure(text(p, "ReturnValuesOnConditionCheckFailure"))
                .build());
        return withAttributes(response.hasAttributes() ? response.attributes() : null, response);
    }

    private static JsonNode withAttributes(Map<String, AttributeValue> attributes, AwsResponse response) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (attributes != null) {
            out.set("Attributes", DynamoJson.itemToDynamoJson(attributes));
        }
        return finish(out, response);
    }

    /** Adds the SDK metadata; the in-process DynamoDB Local client has no HTTP exchange, so a plausible one stands in. */
    private static JsonNode finish(ObjectNode out, AwsResponse response) {
        String requestId = response.responseMetadata() == null ? null : response.responseMetadata().requestId();
        if (requestId == null || requestId.equals("UNKNOWN")) {
            requestId = UUID.randomUUID().toString();
        }
        SdkHttpResponse http = response.sdkHttpResponse();
        Map<String, List<String>> headers = http == null || http.headers().isEmpty()
                ? Map.of("Content-Type", List.of("application/x-amz-json-1.0"), "x-amzn-RequestId", List.of(requestId))
                : http.headers();
        SdkMetadata.addTo(out, http == null ? 200 : http.statusCode(), headers, requestId);
        return out;
    }

    /** The cause text in the shape Step Functions reports for a DynamoDB service error. */
    private static String awsCause(AwsServiceException e) {
        return e.awsErrorDetails().errorMessage() + " (Service: AmazonDynamoDBv2; Status Code: " + e.statusCode()
                + "; Error Code: " + e.awsErrorDetails().errorCode() + "; Request ID: " + e.requestId()
                + "; Proxy: null)";
    }

    private static void checkParameters(String state, String operation, JsonNode parameters)
            throws TaskFailedException {
        if (!parameters.isObject()) {
            throw new TaskFailedException("States.Runtime", "Task state '" + state + "': Parameters of dynamodb:"
                    + operation + " must be a JSON object, got " + parameters.getNodeType());
        }
        Set<String> allowed = ALLOWED_PARAMETERS.get(operation);
        for (Iterator<String> names = parameters.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new TaskFailedException("States.Runtime", "Task state '" + state + "': dynamodb:" + operation
                        + " has no parameter '" + name + "'; use one of " + allowed.stream().sorted().toList());
            }
        }
    }

    private static String text(JsonNode p, String field) {
        JsonNode value = p.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Map<String, String> names(JsonNode p) {
        JsonNode names = p.get("ExpressionAttributeNames");
        if (names == null) {
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        names.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private static Map<String, AttributeValue> values(JsonNode p) {
        JsonNode values = p.get("ExpressionAttributeValues");
        return values == null ? null : DynamoJson.itemFromDynamoJson(values);
    }

    private static Map<String, AttributeValue> item(JsonNode p, String field) {
        JsonNode item = p.get(field);
        return item == null || item.isNull() ? null : DynamoJson.itemFromDynamoJson(item);
    }
}
