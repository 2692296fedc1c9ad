package dev.apitpl.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.core.asl.ErrorNames;

/**
 * The Choice state: the first matching rule's Next (with that rule's Assign and Output), else Default (with the
 * state's), else States.NoChoiceMatched.
 */
final class ChoiceAction {

    private ChoiceAction() {}

    static Step run(StateRun run) {
        JsonNode effective = run.flow.effectiveInput(run);
        JsonNode choices = run.field("Choices");
        for (int i = 0; i < choices.size(); i++) {
            JsonNode rule = choices.get(i);
            if (run.flow.matches(run, rule, effective)) {
                return run.flow.proceed(run, rule, effective, rule.get("Next").asText());
            }
        }
        JsonNode fallback = run.field("Default");
        if (fallback == null) {
            throw StatesError.raised(ErrorNames.NO_CHOICE_MATCHED, "No Matches!");
        }
        return run.flow.proceed(run, run.state.fields(), effective, fallback.asText());
    }
}
