package dev.apitpl.core.asl;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.apitpl.core.asl.IntrinsicArgument.Literal;
import dev.apitpl.core.asl.IntrinsicArgument.PathArgument;
import dev.apitpl.core.asl.IntrinsicArgument.Text;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * One intrinsic function call ({@code States.Format('{}', $.name)}), parsed by the one parser that the validator
 * checks and the engine evaluates: names and arity from {@link IntrinsicFunction}, arguments as a tree.
 *
 * @param function the function called
 * @param arguments its arguments in order
 */
public record IntrinsicCall(IntrinsicFunction function, List<IntrinsicArgument> arguments) implements IntrinsicArgument {

    /** Why a text is no valid call; {@link Kind#TOO_DEEP} is a limit of the parser, not necessarily a mistake. */
    public static final class SyntaxException extends Exception {

        /** What kind of failure. */
        public enum Kind { SYNTAX, UNKNOWN_FUNCTION, TOO_DEEP }

        private final Kind kind;
        private final String name;

        SyntaxException(Kind kind, String name, String message) {
            super(message, null, false, false);
            this.kind = kind;
            this.name = name;
        }

        public Kind kind() {
            return kind;
        }

        /** The unknown function's name ({@link Kind#UNKNOWN_FUNCTION}), else null. */
        public String name() {
            return name;
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    /** Looks like an intrinsic function call rather than a path. */
    public static boolean looksLikeCall(String text) {
        return text.startsWith("States.") && text.indexOf('(') > 0;
    }

    /**
     * Parses one whole call, nested calls at most {@code maxNesting} deep.
     *
     * @throws SyntaxException saying what is wrong
     */
    public static IntrinsicCall parse(String text, int maxNesting) throws SyntaxException {
        Parser parser = new Parser(text, maxNesting);
        parser.skipSpaces();
        IntrinsicCall call = parser.call();
        parser.skipSpaces();
        if (parser.position < text.length()) {
            throw parser.error("unexpected '" + text.substring(parser.position) + "' after the call");
        }
        return call;
    }

    /** Every path read by this call and the calls nested in it, in written order. */
    public List<String> paths() {
        List<String> paths = new ArrayList<>();
        collectPaths(this, paths);
        return paths;
    }

    private static void collectPaths(IntrinsicCall call, List<String> paths) {
        for (IntrinsicArgument argument : call.arguments()) {
            if (argument instanceof PathArgument path) {
                paths.add(path.path());
            } else if (argument instanceof IntrinsicCall nested) {
                collectPaths(nested, paths);
            }
        }
    }

    /** Recursive descent over one call; recurses once per nested call. */
    private static final class Parser {
        private final String text;
        private final int maxNesting;
        private int position;
        private int depth;

        Parser(String text, int maxNesting) {
            this.text = text;
            this.maxNesting = maxNesting;
        }

        SyntaxException error(String message) {
            return new SyntaxException(SyntaxException.Kind.SYNTAX, null, message);
        }

        IntrinsicCall call() throws SyntaxException {
            if (++depth > maxNesting) {
                throw new SyntaxException(SyntaxException.Kind.TOO_DEEP, null, "nested too deeply");
            }
            int start = position;
            while (position < text.length()
                    && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '.')) {
                position++;
            }
            String name = text.substring(start, position);
            IntrinsicFunction function = IntrinsicFunction.named(name);
            if (function == null) {
                throw new SyntaxException(SyntaxException.Kind.UNKNOWN_FUNCTION, name,
                        "unknown intrinsic function '" + name + "'");
            }
            skipSpaces();
            expect('(');
            List<IntrinsicArgument> arguments = new ArrayList<>();
            skipSpaces();
            if (peek() == ')') {
                position++;
            } else {
                while (true) {
                    IntrinsicArgument argument = argument();
                    arguments.add(argument);
                    if (function.numeric() && (argument instanceof Text
                            || (argument instanceof Literal literal && !literal.value().isNumber()))) {
                        throw error(name + " takes numbers, argument " + arguments.size() + " is not one");
                    }
                    skipSpaces();
                    char next = peek();
                    position++;
                    if (next == ')') {
                        break;
                    }
                    if (next != ',') {
                        throw error("expected ',' or ')' in the arguments of " + name);
                    }
                    skipSpaces();
                }
            }
            int count = arguments.size();
            if (count < function.minArguments() || (function.maxArguments() >= 0 && count > function.maxArguments())) {
                String expected = function.arityText();
                throw error(name + " takes " + expected + " argument" + ("1".equals(expected) ? "" : "s") + ", not " + count);
            }
            depth--;
            return new IntrinsicCall(function, List.copyOf(arguments));
        }

        private IntrinsicArgument argument() throws SyntaxException {
            char c = peek();
            if (c == '\'') {
                return text();
            } else if (c == '$') {
                return path();
            } else if (text.startsWith("States.", position)) {
                return call();
            } else if (c == '-' || Character.isDigit(c)) {
                return number();
            } else if (literal("true")) {
                return new Literal(NODES.booleanNode(true));
            } else if (literal("false")) {
                return new Literal(NODES.booleanNode(false));
            } else if (literal("null")) {
                return new Literal(NODES.nullNode());
            }
            throw error("an argument must be a 'string', a number, true/false/null, a path or an intrinsic function,"
                    + " found '" + text.substring(position) + "'");
        }

        private Text text() throws SyntaxException {
            position++;
            StringBuilder raw = new StringBuilder();
            StringBuilder value = new StringBuilder();
            while (position < text.length()) {
                char c = text.charAt(position++);
                if (c == '\\' && position < text.length()) {
                    char escaped = text.charAt(position++);
                    raw.append('\\').append(escaped);
                    value.append(escaped);
                } else if (c == '\'') {
                    return new Text(raw.toString(), value.toString());
                } else {
                    raw.append(c);
                    value.append(c);
                }
            }
            throw error("unexpected end of the call (missing ')'?)");
        }

        private PathArgument path() {
            int start = position;
            int nesting = 0;
            char quote = 0;
            while (position < text.length()) {
                char p = text.charAt(position);
                if (quote != 0) {
                    if (p == quote) {
                        quote = 0;
                    }
                } else if (p == '\'' || p == '"') {
                    quote = p;
                } else if (p == '[' || p == '(') {
                    nesting++;
                } else if ((p == ']' || p == ')') && nesting > 0) {
                    nesting--;
                } else if (nesting == 0 && (p == ',' || p == ')' || Character.isWhitespace(p))) {
                    break;
                }
                position++;
            }
            return new PathArgument(text.substring(start, position));
        }

        private Literal number() throws SyntaxException {
            int start = position;
            position++;
            while (position < text.length()
                    && (Character.isDigit(text.charAt(position)) || ".eE+-".indexOf(text.charAt(position)) >= 0)) {
                position++;
            }
            String token = text.substring(start, position);
            try {
                BigDecimal number = new BigDecimal(token);
                if (token.contains(".") || token.contains("e") || token.contains("E")) {
                    return new Literal(NODES.numberNode(number));
                }
                BigInteger integer = number.toBigIntegerExact();
                return new Literal(integer.bitLength() < 32 ? NODES.numberNode(integer.intValue())
                        : integer.bitLength() < 64 ? NODES.numberNode(integer.longValue()) : NODES.numberNode(integer));
            } catch (NumberFormatException | ArithmeticException e) {
                throw error("'" + token + "' is not a number");
            }
        }

        private boolean literal(String word) {
            if (text.startsWith(word, position)) {
                position += word.length();
                return true;
            }
            return false;
        }

        private char peek() throws SyntaxException {
            if (position >= text.length()) {
                throw error("unexpected end of the call (missing ')'?)");
            }
            return text.charAt(position);
        }

        private void expect(char c) throws SyntaxException {
            if (peek() != c) {
                throw error("expected '" + c + "' at position " + (position + 1));
            }
            position++;
        }

        void skipSpaces() {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }
    }
}
