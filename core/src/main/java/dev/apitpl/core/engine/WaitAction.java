package dev.apitpl.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** The Wait state: sleeps Seconds or until Timestamp (or their Path forms, or JSONata expressions), then passes on. */
final class WaitAction {

    private WaitAction() {}

    static Step run(StateRun run) {
        JsonNode effective = run.flow.effectiveInput(run);
        Duration duration = duration(run, effective);
        if (!duration.isNegative() && !duration.isZero()) {
            run.execution.sleep(duration, run.lane);
        }
        return run.flow.proceed(run, run.state.fields(), effective, run.state.next());
    }

    private static Duration duration(StateRun run, JsonNode effective) {
        DataFlow.Value seconds = run.flow.value(run, "Seconds", effective);
        if (seconds != null) {
            return Duration.ofSeconds(nonNegativeSeconds(run, seconds));
        }
        DataFlow.Value timestamp = run.flow.value(run, "Timestamp", effective);
        if (timestamp == null) {
            throw StatesError.runtime("A Wait state needs one of Seconds, SecondsPath, Timestamp, TimestampPath");
        }
        JsonNode value = timestamp.node();
        OffsetDateTime until = parseTimestamp(value);
        if (until == null && timestamp.path() == null) {
            throw new StatesError(run.flow.evaluationError(),
                    "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: "
                            + value.asText());
        }
        if (until == null) {
            throw StatesError.runtime("The TimestampPath parameter does not reference a valid ISO-8601 "
                    + "extended offset date-time format string: " + timestamp.path() + " == "
                    + (value.isTextual() ? value.textValue() : Json.write(value)));
        }
        return Duration.between(run.execution.engine.clock.instant(), until.toInstant());
    }

    private static long nonNegativeSeconds(StateRun run, DataFlow.Value read) {
        JsonNode seconds = read.node();
        String path = read.path();
        String field = path == null ? "Seconds" : "SecondsPath";
        String shown = path == null ? "" : path + " == ";
        if (!seconds.isIntegralNumber() && !(seconds.isNumber()
                && seconds.decimalValue().stripTrailingZeros().scale() <= 0)) {
            if (path == null) {
                throw new StatesError(run.flow.evaluationError(),
                        "The " + field + " field must be a positive integer, but was " + Json.write(seconds));
            }
            throw StatesError.runtime("The " + field + " parameter cannot be parsed as a long value: " + shown
                    + (seconds.isTextual() ? seconds.textValue() : Json.write(seconds)));
        }
        long value = seconds.decimalValue().longValue();
        if (value < 0) {
            throw new StatesError(run.flow.evaluationError(),
                    "The " + field + " parameter references a negative value: " + shown + Json.write(seconds));
        }
        return value;
    }

    private static OffsetDateTime parseTimestamp(JsonNode value) {
        if (!value.isTextual()) {
            return null;
        }
        String text = value.textValue();
        if (text.length() < 11 || text.charAt(10) != 'T') {
            return null;
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
