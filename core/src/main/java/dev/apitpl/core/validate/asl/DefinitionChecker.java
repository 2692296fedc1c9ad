package dev.apitpl.core.validate.asl;

import dev.apitpl.core.asl.AslDocument;
import dev.apitpl.core.asl.AslState;
import dev.apitpl.core.asl.StateScope;

/**
 * Applies the ASL rules to a definition's state graph, walking it by its structure: the machine's fields, each
 * scope ({@link GraphRules}), each state ({@link StateRules} and {@link MapRules} for its fields,
 * {@link PayloadRules} for its data, {@link VariableRules} for Assign and {@code $states},
 * {@link RetryCatchRules}), then what needs the whole machine (state names, undefined variables).
 */
final class DefinitionChecker {

    private final AslDocument document;
    private final VariableRules variables;
    private final PayloadRules payloads;
    private final GraphRules graph;
    private final StateRules states;
    private final RetryCatchRules retryCatch;

    DefinitionChecker(AslDocument document, AslValidationOptions options, Findings findings) {
        FieldChecks fields = new FieldChecks(findings, options);
        this.document = document;
        this.variables = new VariableRules(fields);
        this.payloads = new PayloadRules(fields, variables);
        variables.payloads = payloads;
        this.graph = new GraphRules(document, fields);
        this.states = new StateRules(document, fields, payloads, variables);
        this.retryCatch = new RetryCatchRules(document, fields, payloads, variables);
    }

    void check() {
        states.machine();
        for (StateScope scope : document.scopes()) {
            states.scope(scope);
            graph.scope(scope);
        }
        for (AslState state : document.states()) {
            String type = states.header(state);
            if (type == null) {
                continue;
            }
            payloads.state(state, type);
            variables.assign(state.node().get("Assign"), state.queryLanguage());
            variables.statesReads(state, type);
            states.type(state, type);
            retryCatch.state(state);
        }
        graph.stateNames();
        variables.undefinedVariables();
    }
}
