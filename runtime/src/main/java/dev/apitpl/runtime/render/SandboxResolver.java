package dev.apitpl.runtime.render;

import com.hubspot.jinjava.el.ext.JinjavaBeanELResolver;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.util.ForLoop;
import java.beans.FeatureDescriptor;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * The last resolver in the chain, reached for every property read and method call that is not a map key or a
 * list/array index. It allows only what Jinja itself needs, by type and name (an allow-list): calling filters
 * and tests, {@code dict.items()/keys()/values()/get()}, the string methods Jinja2's sandbox allows
 * ({@link StringMethods}), and the {@code loop} variable's properties. Everything
 * else — {@code ''.getClass()}, {@code 'x'.repeat(n)}, {@code x.class}, any other Java method — stops the
 * render with a TemplateRenderException before it runs (the class of attack of CVE-2020-12668).
 */
final class SandboxResolver extends ELResolver {

    private static final Set<String> LOOP_PROPERTIES = Set.of("index", "index0", "revindex", "revindex0", "first", "last",
            "length", "depth", "depth0", "cycle");

    private final JinjavaBeanELResolver beans = new JinjavaBeanELResolver(true);

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        if (base == null) {
            return null;
        }
        if (base instanceof Undefined undefined) {
            throw undefined.fail();
        }
        if (base instanceof ForLoop && LOOP_PROPERTIES.contains(String.valueOf(property))) {
            return beans.getValue(context, base, property);
        }
        if (base instanceof Filter || base instanceof ExpTest
                || (base instanceof CharSequence && StringMethods.NAMES.contains(String.valueOf(property)))) {
            // Jinjava looks for a callable property before calling filter()/evaluate(): leave it unresolved.
            return null;
        }
        throw RenderScope.current().forbid("uses '" + property + "' of " + describe(base)
                + "; templates may not use Java methods or properties, only parameters' fields, list items, loop.* and filters");
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        String name = String.valueOf(method);
        if (base == null) {
            // Filters and tests are looked up by name and then called: a null one does not exist (or is disabled).
            if ("filter".equals(name) || "evaluate".equals(name) || "evaluateNegated".equals(name)) {
                throw RenderScope.current().forbid("uses a " + ("filter".equals(name) ? "filter" : "test")
                        + " that does not exist or is disabled (disabled filters: "
                        + String.join(", ", new java.util.TreeSet<>(Sandbox.DISABLED_FILTERS)) + ")");
            }
            throw RenderScope.current().forbid("calls method '" + name + "' on None (Jinja2: 'NoneType' object has no "
                    + "attribute '" + name + "')");
        }
        if (base instanceof Undefined undefined) {
            throw undefined.fail();
        }
        if (base instanceof CharSequence text && StringMethods.NAMES.contains(name)) {
            context.setPropertyResolved(true);
            return StringMethods.call(text.toString(), name, params);
        }
        boolean allowed = (base instanceof Filter && "filter".equals(name))
                || (base instanceof ExpTest && ("evaluate".equals(name) || "evaluateNegated".equals(name)))
                || (base instanceof Map && Sandbox.OBJECT_METHODS.contains(name))
                || (base instanceof ForLoop && Sandbox.LOOP_METHODS.contains(name));
        if (!allowed) {
            throw RenderScope.current().forbid("calls method '" + name + "' on " + describe(base)
                    + "; templates may not call Java methods, use filters instead (e.g. {{ name | upper }})");
        }
        return beans.invoke(context, base, method, paramTypes, params);
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        if (base != null) {
            throw RenderScope.current().forbid("assigns to property '" + property + "'; templates are read-only");
        }
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return true;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return List.<FeatureDescriptor>of().iterator();
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }

    private static String describe(Object base) {
        if (base instanceof CharSequence) {
            return "a string";
        }
        if (base instanceof Number) {
            return "a number";
        }
        if (base instanceof Boolean) {
            return "a boolean";
        }
        if (base instanceof Map) {
            return "an object";
        }
        if (base instanceof Iterable || base.getClass().isArray()) {
            return "a list";
        }
        return "a template value";
    }
}
