package dev.apitpl.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;

/**
 * The outcome of one execution.
 *
 * @param status how it ended
 * @param output the final output when SUCCEEDED, otherwise {@code null}
 * @param error the error name when not SUCCEEDED, e.g. {@code States.Timeout}
 * @param cause the cause text, or {@code null}
 * @param history every event in order, in the shape of GetExecutionHistory
 * @param duration wall time of the run as measured by the engine's clock
 */
public record ExecutionResult(ExecutionStatus status, JsonNode output, String error, String cause,
        List<HistoryEvent> history, Duration duration) {

    public boolean succeeded() {
        return status == ExecutionStatus.SUCCEEDED;
    }
}
