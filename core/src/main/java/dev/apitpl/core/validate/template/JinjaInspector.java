package dev.apitpl.core.validate.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.el.ExtendedSyntaxBuilder;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.tree.ExpressionNode;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.parse.ExpressionToken;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jinjava.de.odysseus.el.tree.Tree;
import jinjava.de.odysseus.el.tree.TreeBuilderException;
import jinjava.de.odysseus.el.tree.impl.ast.AstBracket;
import jinjava.de.odysseus.el.tree.impl.ast.AstDot;
import jinjava.de.odysseus.el.tree.impl.ast.AstFunction;
import jinjava.de.odysseus.el.tree.impl.ast.AstIdentifier;
import jinjava.de.odysseus.el.tree.impl.ast.AstString;

/**
 * Reads one templated field with Jinjava's own parsers (the template tree, then each expression's EL tree) and
 * reports syntax errors, unknown tags, filters and functions, the parameters it uses and the secrets it names.
 * Offsets are into the field's text.
 */
final class JinjaInspector {

    /** Parameters may be written {@code {{ name }}} or {@code {{ params.name }}}; bare {@code params} is all of them. */
    static final String PARAMS_OBJECT = "params";
    static final String SECRET_FUNCTION = "secret";

    /** Names the renderer defines, never parameters. */
    private static final Set<String> BUILT_IN_NAMES = Set.of(
            "loop", "none", "None", "True", "False", "true", "false", "null", "____int3rpr3t3r____");
    private static final Pattern MACRO_SIGNATURE = Pattern.compile("\\s*(\\w+)\\s*\\(([^)]*)\\)");

    record Issue(TemplateRule rule, int offset, String message, String hint) {}

    record VariableUse(String name, int offset) {}

    record SecretUse(String name, int offset) {}

    /** What one field contains. {@code usesWholeParams} is set when {@code params} is used as a whole. */
    record Findings(List<Issue> issues, List<VariableUse> variables, List<SecretUse> secrets, boolean usesWholeParams) {}

    private final Jinjava jinjava;
    private final ExtendedSyntaxBuilder expressionParser = new ExtendedSyntaxBuilder();

    JinjaInspector(Jinjava jinjava) {
        this.jinjava = jinjava;
    }

    Findings inspect(String text) {
        Inspection inspection = new Inspection(text);
        JinjavaInterpreter interpreter = jinjava.newInterpreter();
        JinjavaInterpreter.pushCurrent(interpreter);
        try {
            Node root = interpreter.parse(text);
            for (TemplateError error : interpreter.getErrors()) {
                inspection.syntaxError(error);
            }
            inspection.collectLocals(root);
            inspection.visit(root);
        } finally {
            JinjavaInterpreter.popCurrent();
        }
        List<VariableUse> parameters = inspection.variables.stream()
                .filter(use -> !inspection.locals.contains(use.name()))
                .toList();
        return new Findings(inspection.issues, parameters, inspection.secrets, inspection.usesWholeParams);
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
        boolean usesWholeParams;

        Inspection(String text) {
            this.text = text;
            this.lineStarts = JsonStringSpan.lineStarts(text);
        }

        int offsetOf(int line, int column) {
            int lineIndex = Math.max(0, Math.min(line, lineStarts.length) - 1);
            return Math.max(0, Math.min(text.length(), lineStarts[lineIndex] + Math.max(column, 1) - 1));
        }

        void syntaxError(TemplateError error) {
            int offset = offsetOf(error.getLineno(), error.getStartPosition());
            String message = error.getMessage();
            if (message != null && message.contains("Unknown tag")) {
                issues.add(new Issue(TemplateRule.JINJA_UNKNOWN_TAG, offset, message,
                        "use a Jinja tag (if, elif, else, for, set, macro, raw, ...) or write {{ '{%' }} for a literal"));
            } else {
                issues.add(new Issue(TemplateRule.JINJA_SYNTAX, offset, message, closingHint(message)));
            }
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

        /** For-loop variables, set targets and macro arguments are template locals, not parameters. */
        void collectLocals(Node node) {
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
                        if (equals > 0) {
                            for (String name : helpers.substring(0, equals).split(",")) {
                                locals.add(name.trim());
                            }
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
            node.getChildren().forEach(this::collectLocals);
        }

        void visit(Node node) {
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
            node.getChildren().forEach(this::visit);
        }

        int imageOffset(Node node) {
            return offsetOf(node.getLineNumber(), node.getStartPosition());
        }

        void expression(String expression, int offset) {
            if (expression.isBlank()) {
                issues.add(new Issue(TemplateRule.JINJA_SYNTAX, offset, "empty expression", "write a variable or remove the braces"));
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
            }
            walk(tree.getRoot(), expression, offset);
        }

        void walk(jinjava.de.odysseus.el.tree.Node node, String expression, int offset) {
            if (node instanceof AstDot dot && dot.getChild(0) instanceof AstIdentifier prefix
                    && prefix.getName().equals(PARAMS_OBJECT)) {
                String property = dot.toString().substring(2).trim();
                variables.add(new VariableUse(property, offset + indexOfWord(expression, property)));
                return;
            }
            if (node instanceof AstBracket bracket && bracket.getChild(0) instanceof AstIdentifier prefix
                    && prefix.getName().equals(PARAMS_OBJECT) && bracket.getChild(1) instanceof AstString key) {
                String property = unquote(key.toString());
                variables.add(new VariableUse(property, offset + Math.max(0, expression.indexOf(property))));
                return;
            }
            if (node instanceof AstIdentifier identifier) {
                identifier(identifier.getName(), expression, offset);
            } else if (node instanceof AstFunction function) {
                function(function, expression, offset);
            }
            for (int i = 0; i < node.getCardinality(); i++) {
                walk(node.getChild(i), expression, offset);
            }
        }

        void identifier(String name, String expression, int offset) {
            int colon = name.indexOf(':');
            if (colon > 0) {
                String kind = name.substring(0, colon);
                String simpleName = name.substring(colon + 1);
                boolean known = switch (kind) {
                    case "filter" -> jinjava.getGlobalContext().getFilter(simpleName) != null;
                    case "exptest" -> jinjava.getGlobalContext().getExpTest(simpleName) != null;
                    default -> true;
                };
                if (!known) {
                    issues.add(new Issue(TemplateRule.JINJA_UNKNOWN_FILTER, offset + indexOfWord(expression, simpleName),
                            "unknown " + (kind.equals("filter") ? "filter" : "test") + " '" + simpleName + "'",
                            "see the Jinjava filter list; custom filters are not available to templates"));
                }
            } else if (name.equals(PARAMS_OBJECT)) {
                usesWholeParams = true;
            } else if (!BUILT_IN_NAMES.contains(name)) {
                variables.add(new VariableUse(name, offset + indexOfWord(expression, name)));
            }
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
            } else if (!macros.contains(name) && jinjava.getGlobalContext().getFunction(":" + name) == null
                    && jinjava.getGlobalContext().getFunction(name) == null) {
                issues.add(new Issue(TemplateRule.JINJA_UNKNOWN_FILTER, at, "unknown function '" + name + "'",
                        "templates may call Jinjava's functions, their own macros and secret('NAME')"));
            }
        }
    }

    private static int indexOfWord(String expression, String word) {
        Matcher matcher = Pattern.compile("(?<![\\w.])" + Pattern.quote(word) + "(?!\\w)").matcher(expression);
        return matcher.find() ? matcher.start() : 0;
    }

    private static String unquote(String literal) {
        String trimmed = literal.trim();
        if (trimmed.length() >= 2 && (trimmed.charAt(0) == '"' || trimmed.charAt(0) == '\'')) {
            return trimmed.substring(1, trimmed.length() - 1);
        }
        return trimmed;
    }
}
