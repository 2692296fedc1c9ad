package dev.apitpl.core.validate.asl;

import dev.apitpl.core.validate.ValidatorLimit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses intrinsic function calls ({@code States.Format('{}', $.name)}), nested calls included, and checks the
 * function names and their number of arguments.
 */
final class IntrinsicFunctions {

    /** Known functions with their minimum and maximum argument count (-1: no maximum). */
    private static final Map<String, int[]> ARITY = Map.ofEntries(
            Map.entry("States.Format", new int[] {1, -1}),
            Map.entry("States.StringToJson", new int[] {1, 1}),
            Map.entry("States.JsonToString", new int[] {1, 1}),
            Map.entry("States.Array", new int[] {0, -1}),
            Map.entry("States.ArrayPartition", new int[] {2, 2}),
            Map.entry("States.ArrayContains", new int[] {2, 2}),
            Map.entry("States.ArrayRange", new int[] {3, 3}),
            Map.entry("States.ArrayGetItem", new int[] {2, 2}),
            Map.entry("States.ArrayLength", new int[] {1, 1}),
            Map.entry("States.ArrayUnique", new int[] {1, 1}),
            Map.entry("States.Base64Encode", new int[] {1, 1}),
            Map.entry("States.Base64Decode", new int[] {1, 1}),
            Map.entry("States.Hash", new int[] {2, 2}),
            Map.entry("States.JsonMerge", new int[] {3, 3}),
            Map.entry("States.MathRandom", new int[] {2, 3}),
            Map.entry("States.MathAdd", new int[] {2, 2}),
            Map.entry("States.StringSplit", new int[] {2, 2}),
            Map.entry("States.UUID", new int[] {0, 0}));

    /** Functions whose arguments are numbers (literal, or read from a path or another call). */
    private static final java.util.Set<String> NUMERIC = java.util.Set.of("States.MathAdd", "States.MathRandom",
            "States.ArrayRange");

    /**
     * A parsed call: an error (null when it is valid) and the path arguments found at any depth; {@code tooDeep} when
     * calls are nested deeper than {@link ValidatorLimit#MAX_EXPRESSION_NESTING}, which are not parsed.
     */
    record Parsed(String error, List<String> paths, boolean tooDeep) {}

    private final String text;
    private final List<String> paths = new ArrayList<>();
    private int position;
    private int depth;

    private IntrinsicFunctions(String text) {
        this.text = text;
    }

    /** Looks like an intrinsic function call rather than a path. */
    static boolean looksLikeCall(String text) {
        return text.startsWith("States.") && text.indexOf('(') > 0;
    }

    static Parsed parse(String text) {
        IntrinsicFunctions parser = new IntrinsicFunctions(text);
        try {
            parser.skipSpaces();
            parser.call();
            parser.skipSpaces();
            if (parser.position < text.length()) {
                throw parser.error("unexpected '" + text.substring(parser.position) + "' after the call");
            }
            return new Parsed(null, parser.paths, false);
        } catch (TooDeep e) {
            return new Parsed(null, List.of(), true);
        } catch (SyntaxError e) {
            return new Parsed(e.getMessage(), parser.paths, false);
        }
    }

    private static class SyntaxError extends Exception {
        SyntaxError(String message) {
            super(message, null, false, false);
        }
    }

    /** Calls nested deeper than the parser follows (it recurses once per call). */
    private static final class TooDeep extends SyntaxError {
        TooDeep() {
            super("nested too deeply");
        }
    }

    private SyntaxError error(String message) {
        return new SyntaxError(message);
    }

    private void call() throws SyntaxError {
        if (++depth > ValidatorLimit.MAX_EXPRESSION_NESTING) {
            throw new TooDeep();
        }
        int start = position;
        while (position < text.length() && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '.')) {
            position++;
        }
        String name = text.substring(start, position);
        int[] arity = ARITY.get(name);
        if (arity == null) {
            String closest = Suggestions.closest(name, ARITY.keySet());
            throw error("unknown intrinsic function '" + name + "'"
                    + (closest != null ? " (did you mean '" + closest + "'?)" : ""));
        }
        skipSpaces();
        expect('(');
        int count = 0;
        skipSpaces();
        if (peek() == ')') {
            position++;
        } else {
            while (true) {
                char kind = argument();
                count++;
                if (NUMERIC.contains(name) && (kind == 's' || kind == 'l')) {
                    throw error(name + " takes numbers, argument " + count + " is not one");
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
        if (count < arity[0] || (arity[1] >= 0 && count > arity[1])) {
            String expected = arity[1] < 0 ? "at least " + arity[0]
                    : arity[0] == arity[1] ? String.valueOf(arity[0]) : arity[0] + " to " + arity[1];
            throw error(name + " takes " + expected + " argument" + ("1".equals(expected) ? "" : "s") + ", not " + count);
        }
        depth--;
    }

    /** Reads one argument; returns its kind: s(tring), n(umber), l(iteral), p(ath), c(all). */
    private char argument() throws SyntaxError {
        char c = peek();
        if (c == '\'') {
            position++;
            while (position < text.length() && text.charAt(position) != '\'') {
                position += text.charAt(position) == '\\' ? 2 : 1;
            }
            expect('\'');
            return 's';
        } else if (c == '$') {
            int start = position;
            int depth = 0;
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
                    depth++;
                } else if ((p == ']' || p == ')') && depth > 0) {
                    depth--;
                } else if (depth == 0 && (p == ',' || p == ')' || Character.isWhitespace(p))) {
                    break;
                }
                position++;
            }
            paths.add(text.substring(start, position));
            return 'p';
        } else if (text.startsWith("States.", position)) {
            call();
            return 'c';
        } else if (c == '-' || Character.isDigit(c)) {
            int start = position;
            position++;
            while (position < text.length() && (Character.isDigit(text.charAt(position)) || ".eE+-".indexOf(text.charAt(position)) >= 0)) {
                position++;
            }
            try {
                Double.parseDouble(text.substring(start, position));
            } catch (NumberFormatException e) {
                throw error("'" + text.substring(start, position) + "' is not a number");
            }
            return 'n';
        } else if (literal("true") || literal("false") || literal("null")) {
            return 'l';
        } else {
            throw error("an argument must be a 'string', a number, true/false/null, a path or an intrinsic function,"
                    + " found '" + text.substring(position) + "'");
        }
    }

    private boolean literal(String word) {
        if (text.startsWith(word, position)) {
            position += word.length();
            return true;
        }
        return false;
    }

    private char peek() throws SyntaxError {
        if (position >= text.length()) {
            throw error("unexpected end of the call (missing ')'?)");
        }
        return text.charAt(position);
    }

    private void expect(char c) throws SyntaxError {
        if (peek() != c) {
            throw error("expected '" + c + "' at position " + (position + 1));
        }
        position++;
    }

    private void skipSpaces() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }
}
