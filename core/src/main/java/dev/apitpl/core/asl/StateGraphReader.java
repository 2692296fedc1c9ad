package dev.apitpl.core.asl;

import java.nio.file.Path;

/**
 * Builds the {@link AslDocument} of a parsed definition by walking its structure: machine, States, then each
 * Parallel's Branches and each Map's ItemProcessor (or Iterator). Lenient: malformed parts are skipped here and
 * reported by the rules.
 */
final class StateGraphReader {

    private final AslDocument document;

    private StateGraphReader(Path file, AslNode root) {
        QueryLanguage language = declaredLanguage(root, QueryLanguage.JSONPATH);
        StateScope machine = new StateScope(StateScope.Kind.MACHINE, root, null, start(root), "");
        document = new AslDocument(file, root, language, machine);
        readScope(machine);
    }

    static AslDocument read(Path file, AslNode root) {
        return new StateGraphReader(file, root).document;
    }

    /** The node's own QueryLanguage; a missing or invalid one (reported as such) inherits. */
    private static QueryLanguage declaredLanguage(AslNode node, QueryLanguage inherited) {
        AslNode declared = node.get("QueryLanguage");
        QueryLanguage language = declared != null && declared.isString() ? QueryLanguage.of(declared.text()) : null;
        return language != null ? language : inherited;
    }

    private static Transition start(AslNode scopeNode) {
        AslNode.Member startAt = scopeNode.member("StartAt");
        return startAt != null && startAt.value().isString()
                ? new Transition(Transition.Kind.START_AT, startAt.value().text(), startAt.value().location())
                : null;
    }

    private void readScope(StateScope scope) {
        document.scopes.add(scope);
        AslNode states = scope.node().get("States");
        if (states == null || !states.isObject()) {
            return;
        }
        for (AslNode.Member member : states.members()) {
            if (!member.value().isObject()) {
                continue;
            }
            AslNode node = member.value();
            // Nested states default to the machine's language; a state's own QueryLanguage overrides it.
            AslState state = new AslState(member.name(), member.keyLocation(), node, scope,
                    declaredLanguage(node, document.queryLanguage()), scope.pointer() + "/States/" + member.name());
            scope.states.putIfAbsent(member.name(), state);
            document.states.add(state);
            readTransitions(state);
            readChildren(state);
        }
    }

    private static void readTransitions(AslState state) {
        AslNode node = state.node();
        addTransition(state, Transition.Kind.NEXT, node.get("Next"));
        if ("Choice".equals(state.type())) {
            AslNode choices = node.get("Choices");
            if (choices != null) {
                for (AslNode rule : choices.elements()) {
                    addTransition(state, Transition.Kind.CHOICE, rule.get("Next"));
                }
            }
            addTransition(state, Transition.Kind.DEFAULT, node.get("Default"));
        }
        AslNode catchers = node.get("Catch");
        if (catchers != null) {
            for (AslNode catcher : catchers.elements()) {
                addTransition(state, Transition.Kind.CATCH, catcher.get("Next"));
            }
        }
    }

    private static void addTransition(AslState state, Transition.Kind kind, AslNode target) {
        if (target != null && target.isString()) {
            state.transitions.add(new Transition(kind, target.text(), target.location()));
        }
    }

    private void readChildren(AslState state) {
        String type = state.type();
        if ("Parallel".equals(type)) {
            AslNode branches = state.node().get("Branches");
            if (branches != null) {
                for (int i = 0; i < branches.elements().size(); i++) {
                    AslNode branch = branches.elements().get(i);
                    if (branch.isObject()) {
                        addChild(state, new StateScope(StateScope.Kind.BRANCH, branch, state, start(branch),
                                state.pointer() + "/Branches/" + i));
                    }
                }
            }
        } else if ("Map".equals(type)) {
            String field = state.node().has("ItemProcessor") ? "ItemProcessor" : "Iterator";
            AslNode processor = state.node().get(field);
            if (processor != null && processor.isObject()) {
                addChild(state, new StateScope(StateScope.Kind.ITEM_PROCESSOR, processor, state, start(processor),
                        state.pointer() + "/" + field));
            }
        }
    }

    private void addChild(AslState state, StateScope child) {
        state.children.add(child);
        readScope(child);
    }
}
