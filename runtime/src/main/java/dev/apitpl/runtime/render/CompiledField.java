package dev.apitpl.runtime.render;

import com.hubspot.jinjava.tree.Node;
import java.util.List;

/** A field's template after parsing, as the cache keeps it. */
sealed interface CompiledField {

    /** No Jinja at all: the text is the output. */
    record Literal(String text) implements CompiledField {
    }

    /**
     * Only literal text, {@code {{ name }}} and {@code {{ secret('NAME') }}}: the fast path concatenates the parts
     * when every parameter is a string, number or boolean (printed exactly as the interpreter prints them), and
     * renders {@link #tree()} otherwise.
     */
    record Parts(List<Part> parts, Node tree) implements CompiledField {
    }

    /** Any other template: rendered by the interpreter. */
    record Tree(Node root) implements CompiledField {
    }

    /** One piece of a {@link Parts} template; {@code encoded} marks URL expressions that are percent-encoded. */
    sealed interface Part {
    }

    record Text(String text) implements Part {
    }

    record Parameter(String name, boolean encoded) implements Part {
    }

    record Secret(String name, boolean encoded) implements Part {
    }
}
