package dev.apitpl.runtime.render;

import com.hubspot.jinjava.tree.Node;

/** A field's template after parsing, as the cache keeps it. */
sealed interface CompiledField {

    /** No Jinja at all: the text is the output. */
    record Literal(String text) implements CompiledField {
    }

    /**
     * Exactly {@code {{ name }}}: when the parameter is a string, number or boolean its text is the output
     * (what the interpreter would print); anything else renders {@link #tree()}.
     */
    record Variable(String name, Node tree) implements CompiledField {
    }

    /** Any other template: rendered by the interpreter. */
    record Tree(Node root) implements CompiledField {
    }
}
