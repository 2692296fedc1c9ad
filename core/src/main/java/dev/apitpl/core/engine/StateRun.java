package dev.apitpl.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.core.asl.ErrorNames;
import dev.apitpl.core.asl.QueryLanguage;
import java.time.Instant;

/**
 * One state's run: what it was entered with, its entered event, its retry count and context object. Dispatches to
 * the state type's action (one class each), wrapping Task, Parallel and Map in {@link ErrorHandling}, and checks the
 * output against the payload limit.
 */
final class StateRun {

    final Execution execution;
    final State state;
    final JsonNode rawInput;
    final Variables variables;
    final Lane lane;
    final String name;
    /** How data flows through the state in its query language. */
    final DataFlow flow;
    long enteredId;
    Instant enteredTime;
    int retryCount;
    private JsonNode context;

    StateRun(Execution execution, State state, JsonNode rawInput, Variables variables, Lane lane) {
        this.execution = execution;
        this.state = state;
        this.rawInput = rawInput;
        this.variables = variables;
        this.lane = lane;
        this.name = state.name();
        this.flow = state.queryLanguage() == QueryLanguage.JSONATA ? JsonataDataFlow.INSTANCE : JsonPathDataFlow.INSTANCE;
    }

    Step execute() {
        String type = state.type().aslName();
        enteredTime = execution.engine.clock.instant();
        enteredId = execution.emit(lane, type + "StateEntered", Execution.details(name, "input", rawInput));
        Step step;
        try {
            step = switch (state.type()) {
                case PASS -> PassAction.run(this);
                case TASK -> ErrorHandling.attempt(this, TaskAction::invoke);
                case CHOICE -> ChoiceAction.run(this);
                case WAIT -> WaitAction.run(this);
                case SUCCEED -> flow.proceed(this, state.fields(), flow.effectiveInput(this), null);
                case FAIL -> FailAction.run(this);
                case PARALLEL -> ErrorHandling.attempt(this, ParallelAction::run);
                case MAP -> ErrorHandling.attempt(this, MapAction::run);
            };
            if (step.output() != rawInput && execution.sizeOf(step.output()) > execution.engine.payloadLimitBytes) {
                throw StatesError.raised(ErrorNames.DATA_LIMIT_EXCEEDED, "The state/task '" + name
                        + "' returned a result with a size exceeding the maximum number of bytes service limit.");
            }
        } catch (StatesError e) {
            throw e.locatedIn(name, enteredId);
        }
        execution.emit(lane, type + "StateExited", Execution.details(name, "output", step.output()));
        return step;
    }

    /** The context object of this attempt ($$, $states.context), built once per attempt. */
    JsonNode context() {
        if (context == null) {
            context = ContextObject.of(this, null);
        }
        return context;
    }

    /** A retry begins: $$.State.RetryCount changes. */
    void retrying() {
        retryCount++;
        context = null;
    }

    JsonNode field(String fieldName) {
        return state.field(fieldName);
    }

    boolean has(String fieldName) {
        return state.has(fieldName);
    }
}
