package dev.apitpl.runtime.render;

import com.hubspot.jinjava.interpret.JinjavaInterpreter.InterpreterScopeClosable;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.tag.ElseTag;
import com.hubspot.jinjava.lib.tag.ForTag;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.parse.TagToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.lang3.tuple.Pair;

/**
 * Jinja2's {@code for}: iterates a string's characters and a dict's keys, refuses None and numbers (Jinja2's
 * TypeError), applies a loop filter ({@code {% for x in items if x.active %}}, so {@code loop.index} and
 * {@code loop.length} count the kept items) and renders the {@code {% else %}} part when nothing was iterated.
 * Jinjava's own tag knows none of these; its loop body rendering ({@link #renderForCollection}) is reused.
 */
final class PythonForTag extends ForTag {

    private static final long serialVersionUID = 1L;

    @Override
    public String interpretUnchecked(TagNode tagNode, JinjavaInterpreter interpreter) {
        Pair<List<String>, String> varsAndExpression = getLoopVarsAndExpression((TagToken) tagNode.getMaster());
        List<String> loopVars = varsAndExpression.getLeft();
        String expression = varsAndExpression.getRight();
        int condition = topLevelIf(expression);
        String iterable = condition < 0 ? expression : expression.substring(0, condition);
        List<Object> items = PythonFilters.items(interpreter.resolveELExpression(iterable, tagNode.getLineNumber()));
        if (condition >= 0) {
            items = kept(items, loopVars, expression.substring(condition + 4), tagNode, interpreter);
        }
        int elseAt = elseIndex(tagNode);
        if (items.isEmpty() && elseAt >= 0) {
            StringBuilder out = new StringBuilder();
            for (Node node : tagNode.getChildren().subList(elseAt + 1, tagNode.getChildren().size())) {
                out.append(node.render(interpreter));
            }
            return out.toString();
        }
        if (elseAt < 0) {
            return renderForCollection(tagNode, interpreter, loopVars, items);
        }
        // The loop body is what comes before {% else %}: render a copy of the node holding only that part.
        TagNode body = new TagNode(tagNode.getTag(), (TagToken) tagNode.getMaster(), tagNode.getSymbols());
        body.setParent(tagNode.getParent());
        body.getChildren().addAll(tagNode.getChildren().subList(0, elseAt));
        return renderForCollection(body, interpreter, loopVars, items);
    }

    /** The items for which the loop filter is true, each tested with the loop variables bound to it. */
    private static List<Object> kept(List<Object> items, List<String> loopVars, String condition, TagNode tagNode,
                                     JinjavaInterpreter interpreter) {
        List<Object> kept = new ArrayList<>();
        for (Object item : items) {
            try (InterpreterScopeClosable scope = interpreter.enterScope()) {
                if (loopVars.size() == 1) {
                    interpreter.getContext().put(loopVars.get(0), item);
                } else {
                    List<Object> parts = item instanceof Map.Entry<?, ?> entry
                            ? List.of(entry.getKey(), entry.getValue()) : PythonFilters.items(item);
                    for (int i = 0; i < loopVars.size() && i < parts.size(); i++) {
                        interpreter.getContext().put(loopVars.get(i), parts.get(i));
                    }
                }
                if (PythonValues.truthy(interpreter.resolveELExpression(condition, tagNode.getLineNumber()))) {
                    kept.add(item);
                }
            }
        }
        return kept;
    }

    private static int elseIndex(TagNode tagNode) {
        List<Node> children = tagNode.getChildren();
        for (int i = 0; i < children.size(); i++) {
            if (children.get(i) instanceof TagNode tag && tag.getTag() instanceof ElseTag) {
                return i;
            }
        }
        return -1;
    }

    /** Where " if " starts the loop filter: the first one outside quotes and brackets, or -1. */
    static int topLevelIf(String expression) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (depth == 0 && expression.startsWith(" if ", i)) {
                return i;
            }
        }
        return -1;
    }
}
