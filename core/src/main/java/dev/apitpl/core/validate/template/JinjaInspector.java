package dev.apitpl.core.validate.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.ExtendedSyntaxBuilder;
import com.hubspot.jinjava.el.ext.AstDict;
import com.hubspot.jinjava.el.ext.AstList;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.tree.ExpressionNode;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.parse.ExpressionToken;
import dev.apitpl.core.validate.ValidatorLimit;
import dev.apitpl.runtime.render.Sandbox;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jinjava.de.odysseus.el.tree.Tree;
import jinjava.de.odysseus.el.tree.TreeBuilderException;
import jinjava.de.odysseus.el.tree.impl.Builder;
import jinjava.de.odysseus.el.tree.impl.ast.AstBracket;
import jinjava.de.odysseus.el.tree.impl.ast.AstDot;
import jinjava.de.odysseus.el.tree.impl.ast.AstFunction;
import jinjava.de.odysseus.el.tree.impl.ast.AstIdentifier;
import jinjava.de.odysseus.el.tree.impl.ast.AstMethod;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.de.odysseus.el.tree.impl.ast.AstNumber;
import jinjava.de.odysseus.el.tree.impl.ast.AstString;

/**
 * Reads one templated field with Jinjava's own parsers (the template tree, then each expression's EL tree) and
 * reports syntax errors, unknown and disabled tags, filters and functions, the parameters it uses and the secrets it
 * names. Parameters are what the renderer binds: each under its own name, nothing else ({@code params} is an
 * ordinary name). Offsets are into the field's text.
 */
final class JinjaInspector {

    static final String SECRET_FUNCTION = "secret";
    /** Tags nested deeper than this ({@code {% if %}} inside {@code {% for %}} ...) are not inspected. */
    static final int MAX_TAG_NESTING = 100;
    /** Expression trees deeper than this ({@code a + a + ...}, {@code not not ...}) are not inspected. */
    static final int MAX_EXPRESSION_DEPTH = 200;

    /** Names the renderer defines, never parameters. */
    private static final Set<String> BUILT_IN_NAMES = Set.of(
            "loop", "none", "None", "True", "False", "true", "false", "null", "____int3rpr3t3r____");
    private static final Pattern MACRO_SIGNATURE = Pattern.compile("\\s*(\\w+)\\s*\\(([^)]*)\\)");
    /** The entries of a dict literal and the elements of a list or tuple literal, which their nodes do not expose. */
    private static final Field DICT_ENTRIES = field(AstDict.class, "dict");
    private static final Field LIST_ELEMENTS = field(AstList.class, "elements");
    /** The name after the dot of {@code x.name}, which the node does not expose either. */
    private static final Field DOT_PROPERTY = field(AstDot.class, "property");
    private static final Set<String> CALLABLE_METHODS = Sandbox.callableMethods();
    private static final String CALLABLE_LIST = "templates may call only dict, loop and string methods Jinja2's sandbox"
            + " allows (" + String.join("(), ", new TreeSet<>(CALLABLE_METHODS)) + "()); use a filter instead, e.g. {{ n | abs }}";

    /** A problem in the field; {@code rule} is null when the validator could not inspect that part (a limit). */
    record Issue(TemplateRule rule, int offset, String message, String hint) {}

    record VariableUse(String name, int offset) {}

    record SecretUse(String name, int offset) {}

    /**
     * What one field contains. {@code complete} is false when the renderer would refuse the field as a whole (syntax
     * error, unknown or disabled tag) or part of it was not inspected: then what it uses is not known in full.
     */
    record Findings(List<Issue> issues, List<VariableUse> variables, List<SecretUse> secrets, boolean complete) {}

    private final Jinjava jinjava;
    private final JinjavaConfig config;
    private final Map<Context.Library, Set<String>> disabled;
    private final String disabledList;
    /** With the features Jinjava's own expression factory turns on: method calls, varargs. */
    private final ExtendedSyntaxBuilder expressionParser =
            new ExtendedSyntaxBuilder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);

    /** @param disabled the tags and filters the renderer refuses, by library */
    JinjaInspector(Map<Context.Library, Set<String>> disabled) {
        this.disabled = Map.copyOf(disabled);
        this.config = JinjavaConfig.newBuilder().withDisabled(this.disabled).build();
        this.jinjava = new Jinjava(config);
        this.disabledList = "disabled: tags " + String.join(", ", new TreeSet<>(disabled(Context.Library.TAG)))
                + "; filters " + String.join(", ", new TreeSet<>(disabled(Context.Library.FILTER)));
    }

    private Set<String> disabled(Context.Library library) {
        return disabled.getOrDefault(library, Set.of());
    }

    Findings inspect(String text) {
        Inspection inspection = new Inspection(text);
        JinjavaInterpreter interpreter = new JinjavaInterpreter(jinjava,
                new Context(jinjava.getGlobalContext(), Map.of(), config.getDisabled()), config);
        JinjavaInterpreter.pushCurrent(interpreter);
        try {
            Node root;
            try {
                root = interpreter.parse(text);
            } catch (InterpretException e) {
                // a few malformed tokens ({%}) are thrown rather than recorded; the renderer fails on them too
                inspection.issues.add(new Issue(TemplateRule.JINJA_SYNTAX, inspection.offsetOf(e.getLineNumber(),
                        e.getStartPosition()), e.getMessage(), "close it with }} or %}"));
                return inspection.findings();
            }
            for (TemplateError error : interpreter.getErrors()) {
                inspection.syntaxError(error);
            }
            inspection.collectLocals(root, 0);
            inspection.visit(root, 0);
        } finally {
            JinjavaInterpreter.popCurrent();
        }
        return inspection.findings();
    }

    /** The state of inspecting one field. */
    private final class Inspection {
        final String text;
        final int[] lineStarts;
        final List<Issue> issues = new ArrayList<>();
        final List<VariableUse> variables = new ArrayList<>();
        final List<SecretUse> secrets = new ArrayList<>();
        final Set<String> locals = new HashSet<>();
        final Set<String> macros = new HashSet<>();
        /** Where to look for the next use of each disabled tag. */
        final Map<String, Integer> disabledTagsFrom = new HashMap<>();
        boolean tooDeep;

        Inspection(String text) {
            this.text = text;
            this.lineStarts = JsonStringSpan.lineStarts(text);
        }

        Findings findings() {
            List<VariableUse> parameters = variables.stream().filter(use -> !locals.contains(use.name())).toList();
            boolean complete = issues.stream().noneMatch(issue -> issue.rule() == null
                    || issue.rule() == TemplateRule.JINJA_SYNTAX || issue.rule() == TemplateRule.JINJA_UNKNOWN_TAG)
                    && disabledTagsFrom.isEmpty();
            return new Findings(issues, parameters, secrets, complete);
        }

        int offsetOf(int line, int column) {
            int lineIndex = Math.max(0, Math.min(line, lineStarts.length) - 1);
            return Math.max(0, Math.min(text.length(), lineStarts[lineIndex] + Math.max(column, 1) - 1));
        }

        void syntaxError(TemplateError error) {
            String message = error.getMessage();
            if (error.getReason() == TemplateError.ErrorReason.DISABLED) {
                disabledTag(String.valueOf(error.getFieldName()));
                return;
            }
            String field = error.getFieldName();
            if (field != null && field.startsWith("end") && disabled(Context.Library.TAG).contains(field.substring(3))) {
                return; // the end tag of a disabled tag: that tag is reported
            }
            int offset = offsetOf(error.getLineno(), error.getStartPosition());
            if (message != null && message.contains("Unknown tag")) {
                issues.add(new Issue(TemplateRule.JINJA_UNKNOWN_TAG, offset, message,
                        "use a Jinja tag (if, elif, else, for, set, macro, raw, ...) or write {{ '{%' }} for a literal"));
            } else {
                issues.add(new Issue(TemplateRule.JINJA_SYNTAX, offset, message, closingHint(message)));
            }
        }

        /** Jinjava refuses a disabled tag while parsing, without its position: it is the next use in the text. */
        void disabledTag(String name) {
            Matcher tag = Pattern.compile("\\{%-?\\s*(" + Pattern.quote(name) + ")\\b").matcher(text);
            int from = disabledTagsFrom.getOrDefault(name, 0);
            int offset = tag.find(Math.min(from, text.length())) ? tag.start(1) : 0;
            disabledTagsFrom.put(name, offset + 1);
            issues.add(new Issue(TemplateRule.JINJA_DISABLED, offset, "tag '" + name + "' is disabled: the renderer"
                    + " refuses the template", "a template is one self-contained, sandboxed string (" + disabledList + ")"));
        }

        String closingHint(String message) {
            if (message == null) {
                return null;
            }
            if (message.contains("Unclosed")) {
                return "close it with }} or %}";
            }
            if (message.contains("Missing end tag")) {
                return "add the matching {% end... %} tag";
            }
            return null;
        }

        /** Tags nested deeper than {@link #MAX_TAG_NESTING} are reported once and not inspected. */
        boolean tooDeep(Node node, int depth) {
            if (depth <= MAX_TAG_NESTING) {
                return false;
            }
            if (!tooDeep) {
                tooDeep = true;
                issues.add(new Issue(null, imageOffset(node), ValidatorLimit.tooDeep("this field's tags are"),
                        ValidatorLimit.TOO_DEEP_HINT));
            }
            return true;
        }

        /** For-loop variables, set targets (also of a block set) and macro arguments are template locals, not parameters. */
        void collectLocals(Node node, int depth) {
            if (tooDeep(node, depth)) {
                return;
            }
            if (node instanceof TagNode tag) {
                String helpers = tag.getHelpers() == null ? "" : tag.getHelpers();
                switch (tag.getName()) {
                    case "for" -> {
                        int in = helpers.indexOf(" in ");
                        if (in > 0) {
                            for (String name : helpers.substring(0, in).split(",")) {
                                locals.add(name.trim());
                            }
                        }
                    }
                    case "set" -> {
                        int equals = helpers.indexOf('=');
                        // {% set a = 1 %}, {% set a, b = 1, 2 %}, or the block form {% set a %}...{% endset %}
                        for (String name : (equals >= 0 ? helpers.substring(0, equals) : helpers).split(",")) {
                            locals.add(name.trim());
                        }
                    }
                    case "macro" -> {
                        Matcher signature = MACRO_SIGNATURE.matcher(helpers);
                        if (signature.lookingAt()) {
                            macros.add(signature.group(1));
                            for (String argument : signature.group(2).split(",")) {
                                String name = argument.split("=")[0].trim();
                                if (!name.isEmpty()) {
                                    locals.add(name);
                                }
                            }
                        }
                    }
                    default -> { }
                }
            }
            for (Node child : node.getChildren()) {
                collectLocals(child, depth + 1);
            }
        }

        void visit(Node node, int depth) {
            if (tooDeep(node, depth)) {
                return;
            }
            if (node instanceof ExpressionNode) {
                String image = node.getMaster().getImage();
                String expression = ((ExpressionToken) node.getMaster()).getExpr();
                expression(expression, imageOffset(node) + Math.max(0, image.indexOf(expression)));
            } else if (node instanceof TagNode tag && tag.getHelpers() != null) {
                String helpers = tag.getHelpers();
                int helpersOffset = imageOffset(node) + Math.max(0, node.getMaster().getImage().indexOf(helpers));
                switch (tag.getName()) {
                    case "if", "elif", "print", "do" -> expression(helpers, helpersOffset);
                    case "for" -> {
                        int in = helpers.indexOf(" in ");
                        if (in > 0) {
                            expression(helpers.substring(in + 4), helpersOffset + in + 4);
                        }
                    }
                    case "set" -> {
                        int equals = helpers.indexOf('=');
                        if (equals > 0) {
                            expression(helpers.substring(equals + 1), helpersOffset + equals + 1);
                        }
                    }
                    default -> { }
                }
            }
            for (Node child : node.getChildren()) {
                visit(child, depth + 1);
            }
        }

        int imageOffset(Node node) {
            return offsetOf(node.getLineNumber(), node.getStartPosition());
        }

        void expression(String expression, int offset) {
            if (expression.isBlank()) {
                issues.add(new Issue(TemplateRule.JINJA_SYNTAX, offset, "empty expression", "write a variable or remove the braces"));
                return;
            }
            if (ValidatorLimit.bracketDepth(expression) > ValidatorLimit.MAX_EXPRESSION_NESTING) {
                issues.add(new Issue(null, offset, ValidatorLimit.tooDeep("the expression"), ValidatorLimit.TOO_DEEP_HINT));
                return;
            }
            Tree tree;
            try {
                // Jinjava evaluates "#{...}" trees; the same builder gives the same syntax errors it would.
                tree = expressionParser.build("#{" + expression + "}");
            } catch (TreeBuilderException e) {
                int inExpression = e.getPosition() - 2; // past the "#{" prefix
                String found = inExpression >= expression.length() ? "it ends" : "found " + e.getEncountered();
                issues.add(new Issue(TemplateRule.JINJA_SYNTAX, offset + Math.max(0, Math.min(expression.length(), inExpression)),
                        "invalid expression '" + expression.trim() + "': " + found + " where " + e.getExpected()
                                + " was expected", null));
                return;
            } catch (StackOverflowError e) {
                // the parser recurses without a bound on chains the bracket count does not see (not not not ...)
                issues.add(new Issue(null, offset, ValidatorLimit.tooComplex("the expression"), ValidatorLimit.TOO_DEEP_HINT));
                return;
            }
            walk(tree.getRoot(), expression, offset, 0);
        }

        void walk(jinjava.de.odysseus.el.tree.Node node, String expression, int offset, int depth) {
            if (depth > MAX_EXPRESSION_DEPTH) {
                if (!tooDeep) {
                    tooDeep = true;
                    issues.add(new Issue(null, offset, ValidatorLimit.tooComplex("the expression"), ValidatorLimit.TOO_DEEP_HINT));
                }
                return;
            }
            if (node instanceof AstIdentifier identifier) {
                identifier(identifier.getName(), expression, offset);
            } else if (node instanceof AstFunction function) {
                function(function, expression, offset);
            } else if (node instanceof AstMethod method) {
                if (method(method, expression, offset)) {
                    // the property node names the method: walk what it is called on and the arguments only
                    walk(method.getChild(0).getChild(0), expression, offset, depth + 1);
                    walk(method.getChild(1), expression, offset, depth + 1);
                    return;
                }
            } else if (node instanceof AstDot dot && isStringOrNumber(dot.getChild(0))) {
                String property = dotProperty(dot);
                if (property != null) {
                    issues.add(new Issue(TemplateRule.JINJA_JAVA, offset + indexOfMember(expression, property),
                            "reads '" + property + "' of a " + (dot.getChild(0) instanceof AstString ? "string" : "number")
                                    + ": the renderer refuses Java properties", CALLABLE_LIST));
                }
            } else if (node instanceof AstDict dict && DICT_ENTRIES != null) {
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) read(DICT_ENTRIES, dict)).entrySet()) {
                    if (!(entry.getKey() instanceof AstIdentifier)) { // {k: v}: k is the key's name, not a variable
                        walk((AstNode) entry.getKey(), expression, offset, depth + 1);
                    }
                    walk((AstNode) entry.getValue(), expression, offset, depth + 1);
                }
            } else if (node instanceof AstList list && LIST_ELEMENTS != null) {
                walk((AstNode) read(LIST_ELEMENTS, list), expression, offset, depth + 1);
            }
            for (int i = 0; i < node.getCardinality(); i++) {
                walk(node.getChild(i), expression, offset, depth + 1);
            }
        }

        void identifier(String name, String expression, int offset) {
            int colon = name.indexOf(':');
            if (colon > 0) {
                String kind = name.substring(0, colon);
                String simpleName = name.substring(colon + 1);
                int at = offset + indexOfWord(expression, simpleName);
                if (kind.equals("filter") && disabled(Context.Library.FILTER).contains(simpleName)) {
                    issues.add(new Issue(TemplateRule.JINJA_DISABLED, at, "filter '" + simpleName + "' is disabled: the"
                            + " renderer refuses the template", "templates are sandboxed (" + disabledList + ")"));
                    return;
                }
                boolean known = switch (kind) {
                    case "filter" -> jinjava.getGlobalContext().getFilter(simpleName) != null;
                    case "exptest" -> jinjava.getGlobalContext().getExpTest(simpleName) != null;
                    default -> true;
                };
                if (!known) {
                    issues.add(new Issue(TemplateRule.JINJA_UNKNOWN_FILTER, at,
                            "unknown " + (kind.equals("filter") ? "filter" : "test") + " '" + simpleName + "'",
                            "see the Jinjava filter list; custom filters are not available to templates"));
                }
            } else if (!BUILT_IN_NAMES.contains(name)) {
                variables.add(new VariableUse(name, offset + indexOfWord(expression, name)));
            }
        }

        /**
         * Reports a call the sandbox refuses; true when the call names its method with a dot ({@code x.name(...)}),
         * so that the caller walks its parts itself. Filters and tests are such calls too, made by Jinjava.
         */
        boolean method(AstMethod method, String expression, int offset) {
            jinjava.de.odysseus.el.tree.Node property = method.getChild(0);
            String name;
            if (property instanceof AstDot dot) {
                if (dot.getChild(0) instanceof AstIdentifier target
                        && (target.getName().startsWith("filter:") || target.getName().startsWith("exptest:"))) {
                    return false;
                }
                name = dotProperty(dot);
            } else if (property instanceof AstBracket && property.getChild(1) instanceof AstString literal) {
                name = unquote(literal.toString());
            } else {
                return false; // a computed name is only known when the template renders
            }
            if (name == null) {
                return false;
            }
            if (!CALLABLE_METHODS.contains(name) || isStringOrNumber(property.getChild(0))) {
                issues.add(new Issue(TemplateRule.JINJA_JAVA, offset + indexOfMember(expression, name),
                        "calls method '" + name + "': the renderer refuses Java method calls", CALLABLE_LIST));
            }
            return property instanceof AstDot;
        }

        void function(AstFunction function, String expression, int offset) {
            String name = function.getName();
            int at = offset + indexOfWord(expression, name);
            if (name.equals(SECRET_FUNCTION)) {
                jinjava.de.odysseus.el.tree.Node arguments = function.getChild(0);
                if (arguments.getCardinality() == 1 && arguments.getChild(0) instanceof AstString literal) {
                    secrets.add(new SecretUse(unquote(literal.toString()), at));
                } else {
                    issues.add(new Issue(TemplateRule.SECRET_NAME, at,
                            "secret(...) must be called with one literal name, e.g. secret('PAYMENT_API_KEY')",
                            "a computed name cannot be checked nor granted at deploy time"));
                }
            } else if (!macros.contains(name) && !name.equals("caller") // a macro's call block, as in Jinja2
                    && jinjava.getGlobalContext().getFunction(":" + name) == null
                    && jinjava.getGlobalContext().getFunction(name) == null) {
                issues.add(new Issue(TemplateRule.JINJA_UNKNOWN_FILTER, at, "unknown function '" + name + "'",
                        "templates may call Jinjava's functions, their own macros and secret('NAME')"));
            }
        }
    }

    /** Where {@code word} first stands alone in {@code expression} (not inside a longer name nor after a dot), or 0. */
    static int indexOfWord(String expression, String word) {
        for (int at = expression.indexOf(word); at >= 0; at = expression.indexOf(word, at + 1)) {
            boolean startsAlone = at == 0 || !(isWordChar(expression.charAt(at - 1)) || expression.charAt(at - 1) == '.');
            int end = at + word.length();
            boolean endsAlone = end >= expression.length() || !isWordChar(expression.charAt(end));
            if (startsAlone && endsAlone) {
                return at;
            }
        }
        return 0;
    }

    /** Where {@code name} first follows a dot or a quote in {@code expression} (x.name, x['name']), or 0. */
    static int indexOfMember(String expression, String name) {
        Matcher member = Pattern.compile("(?:\\.\\s*|['\"])(" + Pattern.quote(name) + ")\\b").matcher(expression);
        return member.find() ? member.start(1) : 0;
    }

    private static boolean isStringOrNumber(jinjava.de.odysseus.el.tree.Node node) {
        return node instanceof AstString || node instanceof AstNumber;
    }

    private static String dotProperty(AstDot dot) {
        return DOT_PROPERTY == null ? null : (String) read(DOT_PROPERTY, dot);
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static String unquote(String literal) {
        String trimmed = literal.trim();
        if (trimmed.length() >= 2 && (trimmed.charAt(0) == '"' || trimmed.charAt(0) == '\'')) {
            return trimmed.substring(1, trimmed.length() - 1);
        }
        return trimmed;
    }

    private static Field field(Class<?> type, String name) {
        try {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // a Jinjava without that field: its literals are not looked into
        }
    }

    private static Object read(Field field, Object node) {
        try {
            return field.get(node);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }
}
