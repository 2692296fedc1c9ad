package dev.apitpl.runtime.render;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.util.HasObjectTruthValue;
import dev.apitpl.runtime.error.MissingParameterException;

/**
 * What a name that is not defined (no such parameter, variable or map key) evaluates to, as Jinja2's Undefined:
 * {@code is defined}, {@code default(...)} and {@code {% if %}} (false) may look at it, but printing it, computing
 * with it or reading its fields ends the render with {@link MissingParameterException} (where Jinja2 would print an
 * empty string). A parameter present with the value null is defined: it is {@code None}.
 */
final class Undefined implements HasObjectTruthValue {

    private final String name;

    Undefined(String name) {
        this.name = name;
    }

    /** Whether {@code name} is bound in the context or one of its parents, with any value, null included. */
    static boolean isBound(Context context, String name) {
        for (Context c = context; c != null; c = c.getParent()) {
            if (c.getScope().containsKey(name)) {
                return true;
            }
        }
        return false;
    }

    String name() {
        return name;
    }

    /** The render's failure for using this value. */
    RenderScope.Abort fail() {
        RenderScope scope = RenderScope.current();
        // a key may come from a secret ({{ user[secret('K')] }}): scrubbed like every message
        return scope.fail(new MissingParameterException(scope.template, scope.scrub(name), scope.field()));
    }

    @Override
    public boolean getObjectTruthValue() {
        return false;
    }

    /** Any use as text (filters, string building) is a use of a missing parameter. */
    @Override
    public String toString() {
        throw fail();
    }
}
