package dev.apitpl.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.core.asl.Catcher;

/**
 * How data moves through a state in its query language: what the state reads, what it passes on, what it assigns.
 * {@link JsonPathDataFlow} (InputPath, Parameters, ResultSelector, ResultPath, OutputPath, payload templates,
 * intrinsic functions, {@code $$}, {@code $name}) and {@link JsonataDataFlow} (Arguments, Output, Assign,
 * {@code {% %}} expressions over {@code $states}) implement it; the state actions never ask which language they run in.
 */
interface DataFlow {

    /** The input the state's own logic reads (Choice rules, Wait durations, Map items): JSONPath applies InputPath. */
    JsonNode effectiveInput(StateRun run);

    /** What a Task, Parallel or Map state works on, built for each attempt: Parameters (JSONPath) or Arguments. */
    JsonNode arguments(StateRun run);

    /**
     * A field's value: as written, an expression's value (JSONata), or read through its Path form (JSONPath, e.g.
     * {@code SecondsPath}) from {@code pathData}; null when neither is set.
     */
    Value value(StateRun run, String field, JsonNode pathData);

    /** Whether a Choice rule matches. */
    boolean matches(StateRun run, JsonNode rule, JsonNode effective);

    /** A Map state's items: ItemsPath (JSONPath) or Items (JSONata), the input by default; an array. */
    JsonNode items(StateRun run, JsonNode effective);

    /** One Map item's input: through ItemSelector (JSONPath also its legacy Parameters), the item itself without. */
    JsonNode selectItem(StateRun run, JsonNode effective, int index, JsonNode item);

    /** A Pass state's result: Result or the Parameters (JSONPath); null in JSONata, whose Pass has none. */
    JsonNode passResult(StateRun run);

    /**
     * Leaves a state with a result (Task, Parallel, Map, Pass): ResultSelector, Assign, ResultPath, OutputPath
     * (JSONPath) or Assign and Output with {@code $states.result} (JSONata; the input when result is null).
     */
    Step finish(StateRun run, JsonNode result, String next);

    /**
     * Leaves a state without a result (Choice, Wait, Succeed): {@code holder} (the state, or the matched Choice rule)
     * gives Assign and Output; JSONPath passes {@code effective} through OutputPath.
     */
    Step proceed(StateRun run, JsonNode holder, JsonNode effective, String next);

    /** Leaves through a catcher with the error output: its ResultPath (JSONPath) or Output (JSONata), its Assign. */
    Step caught(StateRun run, Catcher catcher, ObjectNode errorOutput);

    /** The error a field's value of the wrong type or range raises: States.Runtime or States.QueryEvaluationError. */
    String evaluationError();

    /**
     * A field's value and, when it was read through the field's Path form, that path.
     *
     * @param path the path it was read with, or null when written in the field itself
     */
    record Value(JsonNode node, String path) {}
}
