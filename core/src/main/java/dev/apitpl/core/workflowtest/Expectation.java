package dev.apitpl.core.workflowtest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What one test case expects of its execution. Every field but {@code input} and {@code status}
 * is optional ({@code null}: not checked).
 *
 * @param input the execution input ({@code {}} when absent)
 * @param status SUCCEEDED (the default), FAILED, TIMED_OUT or ABORTED
 * @param output the expected output: every field given must be present and equal, extra fields in
 *     the actual output are allowed unless {@code exactOutput}
 * @param exactOutput whether the output must equal {@code output} exactly
 * @param error the expected error name
 * @param cause text the cause must contain
 * @param path the names of the states entered, in order
 */
public record Expectation(JsonNode input, String status, JsonNode output, boolean exactOutput, String error,
        String cause, List<String> path) {}
