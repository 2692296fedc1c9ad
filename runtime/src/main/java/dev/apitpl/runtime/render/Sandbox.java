package dev.apitpl.runtime.render;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.TypeConvertingMapELResolver;
import com.hubspot.jinjava.el.ext.JinjavaListELResolver;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.objects.collections.PyMap;
import com.hubspot.jinjava.el.TruthyTypeConverter;
import java.time.ZoneOffset;
import java.util.Properties;
import jinjava.de.odysseus.el.ExpressionFactoryImpl;
import jinjava.de.odysseus.el.tree.TreeBuilder;
import jinjava.javax.el.ExpressionFactory;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import jinjava.javax.el.ArrayELResolver;
import jinjava.javax.el.CompositeELResolver;
import jinjava.javax.el.ELContext;

/**
 * The one configured Jinjava engine. What templates cannot do, and why:
 * <ul>
 *   <li>reach other templates or files: tags {@code include}, {@code import}, {@code from}, {@code extends},
 *       {@code block} are disabled (a template is one self-contained string);</li>
 *   <li>render text as a template: nested interpretation is off and the {@code render} filter disabled, so a
 *       parameter holding {@code {{ secret('X') }}} stays literal text;</li>
 *   <li>touch Java: {@link SandboxResolver} allows no method or property outside a short allow-list;</li>
 *   <li>leak or log: the {@code log} and {@code pprint} filters (which print values or Java types) are disabled;</li>
 *   <li>grow without bound: output, string, list/map sizes, {@code range()} and macro depth are capped, and each
 *       rendered node counts against {@link RenderLimits#maxRenderSteps()}.</li>
 * </ul>
 * Unknown names fail the render ({@code failOnUnknownTokens}) instead of rendering as empty strings.
 * Public for {@link #disabled()} and {@link #callableMethods()} only: build-time validation reports what the
 * renderer would refuse.
 */
public final class Sandbox {

    static final Set<String> DISABLED_TAGS = Set.of("include", "import", "from", "extends", "block");
    static final Set<String> DISABLED_FILTERS = Set.of("render", "log", "pprint", "fromyaml", "toyaml", "attr");
    /** The methods a template may call on an object (a map). */
    static final Set<String> OBJECT_METHODS = Set.of("items", "keys", "values", "get");
    /** The methods a template may call on the {@code loop} variable. */
    static final Set<String> LOOP_METHODS = Set.of("cycle");

    /**
     * Jinjava's switches towards Jinja2 3.x behaviour: map keys as expressions and for-loops over a dict's keys,
     * Python-style printing of values, Python operator precedence (filters bind tighter than arithmetic), whitespace
     * control and comment/expression trimming parsed as Jinja2 does, null loop values kept, backslashes only escaping
     * inside quotes, a single trailing newline dropped (Jinja2's keep_trailing_newline=False).
     */
    static final LegacyOverrides JINJA2_COMPATIBLE = LegacyOverrides.newBuilder()
            .withEvaluateMapKeys(true)
            .withIterateOverMapKeys(true)
            .withUsePyishObjectMapper(true)
            .withUseNaturalOperatorPrecedence(true)
            .withParseWhitespaceControlStrictly(true)
            .withAllowAdjacentTextNodes(true)
            .withUseTrimmingForNotesAndExpressions(true)
            .withKeepNullableLoopValues(true)
            .withHandleBackslashInQuotesOnly(true)
            .withDefaultKeepTrailingNewlineBehavior(false)
            .build();

    private Sandbox() {
    }

    /** The tags ({@link Context.Library#TAG}) and filters ({@link Context.Library#FILTER}) templates may not use. */
    public static Map<Context.Library, Set<String>> disabled() {
        Map<Context.Library, Set<String>> disabled = new EnumMap<>(Context.Library.class);
        disabled.put(Context.Library.TAG, DISABLED_TAGS);
        disabled.put(Context.Library.FILTER, DISABLED_FILTERS);
        return Collections.unmodifiableMap(disabled);
    }

    /**
     * Every method name a template may call ({@code dict.items()}, {@code loop.cycle(...)}, Jinja2's string methods
     * such as {@code name.upper()}); a call of any other name is refused whatever it is called on.
     */
    public static Set<String> callableMethods() {
        Set<String> methods = new TreeSet<>(OBJECT_METHODS);
        methods.addAll(LOOP_METHODS);
        methods.addAll(StringMethods.NAMES);
        return Collections.unmodifiableSet(methods);
    }

    static Jinjava engine(RenderLimits limits) {
        Map<Context.Library, Set<String>> disabled = disabled();

        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new ArrayELResolver(true));
        resolver.add(new JinjavaListELResolver(true));
        resolver.add(new TypeConvertingMapELResolver(true) {
            @Override
            public Object getValue(ELContext context, Object base, Object property) {
                Object value = super.getValue(context, base, property);
                if (value == null && base instanceof Map<?, ?> map && !map.containsKey(property)
                        && !map.containsKey(String.valueOf(property))) {
                    // A missing key is undefined (default() and "is defined" see it), not None.
                    context.setPropertyResolved(true);
                    Map<?, ?> unwrapped = map instanceof PyMap py ? py.toMap() : map;
                    return new Undefined(unwrapped instanceof ParameterMap parameter ? parameter.pathOf(property) : String.valueOf(property));
                }
                return value;
            }
        });
        resolver.add(new SandboxResolver());

        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withFailOnUnknownTokens(false)
                .withNestedInterpretationEnabled(false)
                .withDisabled(disabled)
                .withElResolver(resolver)
                .withMaxOutputSize(limits.maxFieldChars())
                .withMaxStringLength(limits.maxFieldChars())
                .withMaxListSize(limits.maxRenderSteps())
                .withMaxMapSize(limits.maxRenderSteps())
                .withRangeLimit(limits.maxRenderSteps())
                .withMaxRenderDepth(limits.maxRenderDepth())
                .withMaxMacroRecursionDepth(limits.maxRenderDepth())
                .withEnableRecursiveMacroCalls(true)
                .withLocale(Locale.ROOT)
                .withTimeZone(ZoneOffset.UTC)
                .withLegacyOverrides(JINJA2_COMPATIBLE)
                .withInterperterFactory(PythonInterpreter.FACTORY)
                .withKeepTrailingNewline(false)
                .withNodePreProcessor((node, interpreter) ->
                        RenderScope.current().step(node.getLineNumber(), node.getStartPosition()))
                .build();
        Properties syntax = new Properties();
        syntax.setProperty(TreeBuilder.class.getName(), PythonSyntaxBuilder.class.getName());
        ExpressionFactory pythonExpressions = new ExpressionFactoryImpl(syntax, new TruthyTypeConverter());
        // Jinjava builds its expression factory itself; this is the one place to give it Python's operators.
        Jinjava jinjava = new Jinjava(config) {
            @Override
            public ExpressionFactory getExpressionFactory() {
                return pythonExpressions;
            }
        };
        PythonFilters.register(jinjava);
        jinjava.getGlobalContext().registerTag(new PythonForTag());
        try {
            jinjava.registerFunction(new ELFunctionDefinition("", "secret",
                    TemplateFunctions.class.getMethod("secret", String.class)));
            jinjava.registerFunction(new ELFunctionDefinition("", "range",
                    TemplateFunctions.class.getMethod("range", Object[].class)));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("TemplateFunctions.secret(String) is missing", e);
        }
        return jinjava;
    }
}
