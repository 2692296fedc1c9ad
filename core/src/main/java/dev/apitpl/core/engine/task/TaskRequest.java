package dev.apitpl.core.engine.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * One task invocation as the engine sees it.
 *
 * @param stateName the Task state's name, used by mocks keyed per state
 * @param resource the state's {@code Resource} ARN, e.g. {@code arn:aws:states:::dynamodb:getItem}
 * @param input the effective parameters (after InputPath and Parameters, or Arguments)
 * @param attempt 0 for the first try, then 1, 2, ... for each Retry
 * @param timeout the state's TimeoutSeconds, or {@code null} when it has none
 */
public record TaskRequest(String stateName, String resource, JsonNode input, int attempt, Duration timeout) {}
