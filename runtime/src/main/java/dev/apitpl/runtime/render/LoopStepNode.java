package dev.apitpl.runtime.render;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.output.OutputNode;
import com.hubspot.jinjava.tree.output.RenderedOutputNode;

/**
 * Put first in every {@code for} body: renders nothing and counts one step per iteration, so loops with empty
 * or cheap bodies ({@code {% for a in range(1000) %}{% for b in range(1000) %}{% endfor %}{% endfor %}}) still
 * reach {@link RenderLimits#maxRenderSteps()} instead of spinning.
 */
final class LoopStepNode extends Node {

    private static final long serialVersionUID = 1L;
    private static final RenderedOutputNode NOTHING = new RenderedOutputNode("");

    LoopStepNode(TagNode loop) {
        super(loop.getMaster(), loop.getLineNumber(), loop.getStartPosition());
    }

    @Override
    public OutputNode render(JinjavaInterpreter interpreter) {
        RenderScope.current().step(getLineNumber(), getStartPosition());
        return NOTHING;
    }

    @Override
    public String getName() {
        return "loop-step";
    }
}
