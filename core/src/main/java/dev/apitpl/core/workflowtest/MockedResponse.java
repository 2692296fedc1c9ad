package dev.apitpl.core.workflowtest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.core.engine.task.TaskFailedException;
import java.util.List;

/**
 * One named entry of {@code MockedResponses}: for each invocation number (0 for a state's first
 * call in an execution, counting retries and loop visits) either a {@code Return} value or a
 * {@code Throw} of {@code Error} and {@code Cause}.
 */
public record MockedResponse(String name, List<Answer> answers) {

    /** The answer for invocations {@code first..last} (inclusive). */
    public record Answer(int first, int last, JsonNode returned, String error, String cause) {

        boolean covers(int invocation) {
            return invocation >= first && invocation <= last;
        }
    }

    /** The result of invocation number {@code invocation}, or the mocked failure. */
    public JsonNode answer(String stateName, int invocation) throws TaskFailedException {
        for (Answer answer : answers) {
            if (answer.covers(invocation)) {
                if (answer.error() != null) {
                    throw new TaskFailedException(answer.error(), answer.cause());
                }
                return answer.returned().deepCopy();
            }
        }
        throw new TaskFailedException("States.Runtime", "State '" + stateName + "' was invoked " + (invocation + 1)
                + " times but mocked response '" + name + "' answers only invocations "
                + answers.stream().map(a -> a.first() == a.last() ? "" + a.first() : a.first() + "-" + a.last()).toList()
                + "; add an entry such as \"" + invocation + "\": {\"Return\": ...}");
    }
}
