package dev.apitpl.core.validate.asl;

import dev.apitpl.core.asl.AslDocument;
import dev.apitpl.core.asl.AslNode;
import dev.apitpl.core.asl.AslState;
import dev.apitpl.core.asl.StateScope;
import dev.apitpl.core.asl.Transition;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The state graph: each scope's StartAt and States, transitions that name a state of their scope, reachability,
 * a terminal state per scope, state names unique in the machine and 1 to 80 characters long.
 */
final class GraphRules {

    private static final int MAX_STATE_NAME = 80;

    private final AslDocument document;
    private final FieldChecks fields;
    private final Findings findings;

    GraphRules(AslDocument document, FieldChecks fields) {
        this.document = document;
        this.fields = fields;
        this.findings = fields.findings;
    }

    void scope(StateScope scope) {
        AslNode node = scope.node();
        AslNode startAt = node.get("StartAt");
        AslNode states = node.get("States");
        if (startAt == null) {
            findings.report(AslRule.REQUIRED_FIELD, node.location(), scope.describe() + " has no StartAt",
                    "add \"StartAt\": \"<name of the first state>\"");
        } else {
            fields.expectString(startAt, "StartAt");
        }
        if (states == null) {
            findings.report(AslRule.REQUIRED_FIELD, node.location(), scope.describe() + " has no States",
                    "add \"States\": { ... } with at least one state");
            return;
        }
        if (!states.isObject()) {
            fields.typeError(states, "States", "an object of states by name");
            return;
        }
        if (states.members().isEmpty()) {
            findings.report(AslRule.REQUIRED_FIELD, states.location(), "States of " + scope.describe() + " is empty",
                    "add at least one state");
            return;
        }
        for (AslNode.Member member : states.members()) {
            if (!member.value().isObject() && !member.value().isPlaceholder()) {
                findings.report(AslRule.FIELD_TYPE, member.value().location(), "state '" + member.name()
                        + "' is not an object", "a state is an object with a Type");
            }
        }
        Transition start = scope.start();
        if (start != null) {
            target(scope, start, "StartAt");
        }
        for (AslState state : scope.states().values()) {
            for (Transition transition : state.transitions()) {
                target(scope, transition, "'" + state.name() + "'");
            }
        }
        // a missing target or a state of unknown type may be the missing link or end: report only its own problem
        boolean targetsKnown = scope.states().values().stream().flatMap(state -> state.transitions().stream())
                .allMatch(transition -> scope.states().containsKey(transition.target()));
        boolean typesKnown = scope.states().values().stream()
                .allMatch(state -> state.type() != null && StateFields.TYPES.contains(state.type()));
        if (targetsKnown) {
            reachability(scope);
        }
        if (targetsKnown && typesKnown && scope.states().values().stream().noneMatch(AslState::isTerminal)) {
            findings.report(AslRule.NO_TERMINAL_STATE, node.location(), scope.describe() + " has no terminal state",
                    "end one path with \"End\": true, a Succeed or a Fail state");
        }
    }

    private void target(StateScope scope, Transition transition, String from) {
        if (scope.states().containsKey(transition.target()) || fields.carriesPlaceholder(transition.target())) {
            return;
        }
        String field = switch (transition.kind()) {
            case START_AT -> "StartAt";
            case NEXT -> "Next";
            case DEFAULT -> "Default";
            case CHOICE -> "Choices[].Next";
            case CATCH -> "Catch[].Next";
        };
        boolean elsewhere = document.states().stream().anyMatch(state -> state.name().equals(transition.target()));
        String message = (transition.kind() == Transition.Kind.START_AT ? "StartAt of " + scope.describe()
                : field + " of " + from) + " names '" + transition.target() + "', "
                + (elsewhere ? "a state outside " + scope.describe() : "which is not a state of " + scope.describe());
        String hint = elsewhere
                ? "a transition cannot leave its scope: end the branch or processor and continue from its state's Next"
                : Suggestions.didYouMean(transition.target(), scope.states().keySet(),
                        "name one of: " + String.join(", ", scope.states().keySet()));
        findings.report(AslRule.TRANSITION_TARGET, transition.location(), message, hint);
    }

    private void reachability(StateScope scope) {
        Transition start = scope.start();
        if (start == null || !scope.states().containsKey(start.target())) {
            return;
        }
        Set<String> reached = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>();
        pending.add(start.target());
        while (!pending.isEmpty()) {
            String name = pending.poll();
            AslState state = scope.states().get(name);
            if (state == null || !reached.add(name)) {
                continue;
            }
            for (Transition transition : state.transitions()) {
                pending.add(transition.target());
            }
        }
        boolean placeholderTargets = scope.states().values().stream()
                .flatMap(state -> state.transitions().stream()).anyMatch(t -> fields.carriesPlaceholder(t.target()));
        if (placeholderTargets) {
            return;
        }
        for (AslState state : scope.states().values()) {
            if (!reached.contains(state.name())) {
                findings.report(AslRule.UNREACHABLE_STATE, state.location(), "state '" + state.name()
                        + "' is not reachable from StartAt '" + start.target() + "'",
                        "add a transition to it (Next, Default, Choices, Catch) or remove it");
            }
        }
    }

    void stateNames() {
        Map<String, AslState> first = new HashMap<>();
        for (AslState state : document.states()) {
            AslState previous = first.putIfAbsent(state.name(), state);
            if (previous != null) {
                findings.report(AslRule.DUPLICATE_STATE_NAME, state.location(), "state name '" + state.name()
                        + "' is already used at line " + previous.location().line(),
                        "state names must be unique in the whole state machine, nested branches and processors included");
            }
            if (state.name().isEmpty() || state.name().length() > MAX_STATE_NAME) {
                findings.report(AslRule.STATE_NAME, state.location(), "state name has " + state.name().length()
                        + " characters", "use 1 to " + MAX_STATE_NAME + " characters");
            }
        }
    }
}
