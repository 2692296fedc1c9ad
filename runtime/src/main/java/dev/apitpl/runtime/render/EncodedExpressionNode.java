package dev.apitpl.runtime.render;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.tree.ExpressionNode;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.output.OutputNode;
import com.hubspot.jinjava.tree.output.RenderedOutputNode;

/** An expression in a URL's path, query or fragment: its output is percent-encoded as one component. */
final class EncodedExpressionNode extends Node {

    private static final long serialVersionUID = 1L;

    private final ExpressionNode expression;

    EncodedExpressionNode(ExpressionNode expression) {
        super(expression.getMaster(), expression.getLineNumber(), expression.getStartPosition());
        this.expression = expression;
    }

    @Override
    public OutputNode render(JinjavaInterpreter interpreter) {
        return new RenderedOutputNode(PercentEncoding.encode(expression.render(interpreter).getValue()));
    }

    @Override
    public String getName() {
        return "encoded-expression";
    }
}
