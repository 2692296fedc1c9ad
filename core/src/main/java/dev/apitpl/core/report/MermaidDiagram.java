package dev.apitpl.core.report;

import dev.apitpl.core.asl.AslDocument;
import dev.apitpl.core.asl.StateScope;
import dev.apitpl.core.asl.AslState;
import dev.apitpl.core.asl.Transition;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Mermaid flowchart of a state machine, for reviews and docs: one node per state (shape by type), edges for
 * Next, Default, Choice rules and Catch, and each Parallel or Map state as a subgraph holding its branches.
 */
public final class MermaidDiagram {

    private MermaidDiagram() {}

    /** {@code workflow.asl.json} gives {@code workflow.mmd}. */
    public static String fileName(Path definition) {
        String name = definition.getFileName().toString();
        int dot = name.indexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name) + ".mmd";
    }

    public static String render(AslDocument document) {
        return new Renderer().render(document);
    }

    private static final class Renderer {
        private final StringBuilder out = new StringBuilder();
        private final Map<AslState, String> ids = new HashMap<>();
        private int scopes;

        String render(AslDocument document) {
            for (AslState state : document.states()) {
                ids.put(state, "s" + ids.size());
            }
            out.append("flowchart TD\n");
            scope(document.machine(), "  ");
            return out.toString();
        }

        private void scope(StateScope scope, String indent) {
            String start = "start" + scopes;
            String end = "end" + scopes;
            scopes++;
            out.append(indent).append(start).append("((start))\n");
            boolean anyTerminal = false;
            for (AslState state : scope.states().values()) {
                node(state, indent);
                anyTerminal |= state.isTerminal();
            }
            if (anyTerminal) {
                out.append(indent).append(end).append("((end))\n");
            }
            Transition first = scope.start();
            if (first != null && scope.states().containsKey(first.target())) {
                out.append(indent).append(start).append(" --> ").append(id(scope, first.target())).append('\n');
            }
            // Several Choice rules often lead to one state: one edge of each kind is enough to read the flow.
            Set<String> edges = new LinkedHashSet<>();
            for (AslState state : scope.states().values()) {
                for (Transition transition : state.transitions()) {
                    if (scope.states().containsKey(transition.target())) {
                        edges.add(ids.get(state) + edge(transition.kind()) + id(scope, transition.target()));
                    }
                }
                if (state.isTerminal()) {
                    edges.add(ids.get(state) + " --> " + end);
                }
            }
            edges.forEach(edge -> out.append(indent).append(edge).append('\n'));
        }

        private void node(AslState state, String indent) {
            String id = ids.get(state);
            String label = label(state.name() + (state.type() == null ? "" : "<br/><i>" + state.type() + "</i>"));
            List<StateScope> children = state.children();
            if (!children.isEmpty()) {
                out.append(indent).append("subgraph ").append(id).append("[\"").append(label).append("\"]\n");
                out.append(indent).append("  direction TB\n");
                int index = 1;
                for (StateScope child : children) {
                    String branch = id + "_b" + index;
                    String branchLabel = child.kind() == StateScope.Kind.BRANCH ? "branch " + index : "item processor";
                    out.append(indent).append("  subgraph ").append(branch).append("[\"").append(branchLabel).append("\"]\n");
                    scope(child, indent + "    ");
                    out.append(indent).append("  end\n");
                    index++;
                }
                out.append(indent).append("end\n");
                return;
            }
            String type = state.type() == null ? "" : state.type();
            String shape = switch (type) {
                case "Choice" -> "{\"%s\"}";
                case "Succeed", "Fail" -> "([\"%s\"])";
                case "Wait" -> "[/\"%s\"/]";
                case "Pass" -> "[[\"%s\"]]";
                default -> "[\"%s\"]";
            };
            out.append(indent).append(id).append(String.format(shape, label)).append('\n');
        }

        private String id(StateScope scope, String stateName) {
            return ids.get(scope.states().get(stateName));
        }

        private static String edge(Transition.Kind kind) {
            return switch (kind) {
                case DEFAULT -> " -->|Default| ";
                case CHOICE -> " -->|Choice| ";
                case CATCH -> " -.->|Catch| ";
                default -> " --> ";
            };
        }

        /** Mermaid labels are quoted; quotes and angle brackets inside them are written as entities. */
        private static String label(String text) {
            return text.replace("\"", "#quot;");
        }
    }
}
