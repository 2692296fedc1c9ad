package dev.apitpl.core.validate.asl;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Parser;
import dev.apitpl.core.validate.ValidatorLimit;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * JSONata in JSONata states: a string value that starts with {@code {%} and ends with {@code %}} is an expression,
 * parsed with the JSONata reference parser. Step Functions evaluates expressions without a context value, so a
 * leading bare field name can never match, and {@code $eval} is not supported.
 */
final class JsonataExpressions {

    private static final Pattern EVAL = Pattern.compile("\\$eval\\s*\\(");
    private static final Set<String> LEADING_KEYWORDS = Set.of("true", "false", "null", "function", "and", "or", "in", "not");

    private JsonataExpressions() {}

    /** The rule broken and the message; {@code rule} is null when the validator could not check the expression. */
    record Verdict(AslRule rule, String message, String hint) {}

    private static final Verdict TOO_DEEP = new Verdict(null, ValidatorLimit.tooDeep("the JSONata expression"),
            ValidatorLimit.TOO_DEEP_HINT);
    private static final Verdict TOO_COMPLEX = new Verdict(null, ValidatorLimit.tooComplex("the JSONata expression"),
            ValidatorLimit.TOO_DEEP_HINT);

    static boolean isExpression(String text) {
        return text.startsWith("{%") && text.endsWith("%}") && text.length() >= 4;
    }

    /** Checks a string value of a JSONata state: an expression must parse; a half-delimited one is a mistake. */
    static Verdict check(String text) {
        boolean opens = text.startsWith("{%");
        boolean closes = text.endsWith("%}");
        if (opens && !(closes && text.length() >= 4)) {
            return new Verdict(AslRule.JSONATA_SYNTAX, "'" + abbreviate(text) + "' starts with '{%' but does not end with '%}'",
                    "close the expression with ' %}'");
        }
        if (!opens && closes) {
            return new Verdict(AslRule.JSONATA_SYNTAX, "'" + abbreviate(text) + "' ends with '%}' but does not start with '{%'",
                    "open the expression with '{% '");
        }
        if (!opens) {
            return null;
        }
        String expression = text.substring(2, text.length() - 2);
        if (expression.isBlank()) {
            return new Verdict(AslRule.JSONATA_SYNTAX, "the JSONata expression is empty", "write an expression between {% and %}");
        }
        if (ValidatorLimit.bracketDepth(expression) > ValidatorLimit.MAX_EXPRESSION_NESTING) {
            return TOO_DEEP; // the parser recurses once per level
        }
        try {
            new Parser().parse(expression);
        } catch (JException e) {
            return new Verdict(AslRule.JSONATA_SYNTAX, "JSONata expression does not parse: " + e.getMessage(),
                    "fix the expression; $states.input is the state input, $name a variable");
        } catch (RuntimeException e) {
            return new Verdict(AslRule.JSONATA_SYNTAX, "JSONata expression does not parse: " + e, null);
        } catch (StackOverflowError e) {
            return TOO_COMPLEX; // the parser also recurses along long chains (1 + 1 + ...), which have no brackets
        }
        if (EVAL.matcher(expression).find()) {
            return new Verdict(AslRule.JSONATA_UNSUPPORTED, "$eval is not supported in Step Functions",
                    "compute the value with other JSONata functions");
        }
        String leading = leadingName(expression.strip());
        if (leading != null) {
            return new Verdict(AslRule.JSONATA_UNSUPPORTED, "'" + leading + "' refers to a field of the context value, which"
                    + " Step Functions does not set", "write $states.input." + leading + " (or a variable $" + leading + ")");
        }
        return null;
    }

    /** A bare field name the expression starts with (not a keyword, a call, a variable or a literal). */
    private static String leadingName(String expression) {
        int end = 0;
        while (end < expression.length() && (Character.isLetterOrDigit(expression.charAt(end)) || expression.charAt(end) == '_')) {
            end++;
        }
        if (end == 0 || Character.isDigit(expression.charAt(0))) {
            return null;
        }
        String name = expression.substring(0, end);
        if (LEADING_KEYWORDS.contains(name)) {
            return null;
        }
        String rest = expression.substring(end).stripLeading();
        return rest.startsWith("(") ? null : name;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
