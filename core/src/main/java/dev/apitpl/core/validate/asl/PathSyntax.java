package dev.apitpl.core.validate.asl;

import com.jayway.jsonpath.JsonPath;
import dev.apitpl.core.validate.ValidatorLimit;

/**
 * The JSONPath forms AWS accepts in JSONPath states: {@code $...} on the state input, {@code $$...} on the context
 * object, {@code $name...} on a variable. Syntax is checked with Jayway JsonPath's parser (the dialect Step Functions
 * follows: {@code $.[0]}, filters and bracket lists are fine); a Reference Path must also be definite (no filter,
 * wildcard, deep scan, slice or list).
 */
final class PathSyntax {

    private PathSyntax() {}

    /** What a path refers to. */
    enum Root { INPUT, CONTEXT, VARIABLE }

    /**
     * A checked path: an error message (null when valid), its root, and the variable name for variable paths;
     * {@code tooDeep} when the validator could not check it (the message says so).
     */
    record Checked(String error, Root root, String variable, boolean tooDeep) {
        Checked(String error, Root root, String variable) {
            this(error, root, variable, false);
        }

        boolean valid() {
            return error == null;
        }
    }

    /** More segments or deeper brackets than this are not compiled: Jayway's parser recurses once per segment. */
    private static final int MAX_SEGMENTS = 1000;

    /** Looks like a path AWS would evaluate: {@code $}, {@code $.x}, {@code $[..]}, {@code $$.x}. */
    static boolean looksLikePath(String text) {
        return text.equals("$") || text.startsWith("$.") || text.startsWith("$[") || text.startsWith("$$.")
                || text.equals("$$");
    }

    static Checked check(String path, boolean reference) {
        if (path.isEmpty() || path.charAt(0) != '$') {
            return new Checked("'" + path + "' does not start with '$'", Root.INPUT, null);
        }
        Root root = Root.INPUT;
        String variable = null;
        String jsonPath = path;
        if (path.startsWith("$$")) {
            root = Root.CONTEXT;
            jsonPath = path.substring(1);
        } else if (path.length() > 1 && isVariableStart(path.charAt(1))) {
            int end = 1;
            while (end < path.length() && isVariablePart(path.charAt(end))) {
                end++;
            }
            root = Root.VARIABLE;
            variable = path.substring(1, end);
            jsonPath = "$" + path.substring(end);
        }
        String unbalanced = unbalanced(jsonPath);
        if (unbalanced != null) {
            return new Checked("'" + path + "' is not a valid JSONPath: " + unbalanced, root, variable);
        }
        if (ValidatorLimit.bracketDepth(jsonPath) > ValidatorLimit.MAX_EXPRESSION_NESTING) {
            return new Checked(ValidatorLimit.tooDeep("the path"), root, variable, true);
        }
        if (segments(jsonPath) > MAX_SEGMENTS) {
            return new Checked(ValidatorLimit.tooComplex("the path"), root, variable, true);
        }
        try {
            JsonPath compiled = compile(jsonPath);
            if (reference && !compiled.isDefinite()) {
                return new Checked("'" + path + "' is not a Reference Path (no filter, wildcard, '..', slice or list)",
                        root, variable);
            }
            return new Checked(null, root, variable);
        } catch (RuntimeException e) {
            // Jayway signals bad syntax with InvalidPathException and, for some inputs, other runtime exceptions
            return new Checked("'" + path + "' is not a valid JSONPath: " + e.getMessage(), root, variable);
        } catch (StackOverflowError e) {
            return new Checked(ValidatorLimit.tooComplex("the path"), root, variable, true);
        }
    }

    /** Roughly how many segments a path has: its dots and opening brackets. */
    private static int segments(String path) {
        int count = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '.' || c == '[') {
                count++;
            }
        }
        return count;
    }

    /**
     * Compiles with Jayway; where Jayway rejects only the inside of a filter {@code [?(...)]} or script
     * {@code [(...)]} (AWS accepts e.g. unquoted string operands), the expression is checked with those bodies
     * neutralized, keeping the path indefinite.
     */
    private static JsonPath compile(String jsonPath) {
        try {
            return JsonPath.compile(jsonPath);
        } catch (RuntimeException e) {
            String neutral = neutralizeExpressions(jsonPath);
            if (neutral.equals(jsonPath)) {
                throw e;
            }
            try {
                return JsonPath.compile(neutral);
            } catch (RuntimeException ignored) {
                throw e;
            }
        }
    }

    private static String neutralizeExpressions(String path) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < path.length()) {
            boolean filter = path.startsWith("[?(", i);
            boolean script = path.startsWith("[(", i);
            if (!filter && !script) {
                out.append(path.charAt(i++));
                continue;
            }
            int depth = 0;
            int j = i + (filter ? 2 : 1);
            char quote = 0;
            for (; j < path.length(); j++) {
                char c = path.charAt(j);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    break;
                }
            }
            if (j + 1 >= path.length() || path.charAt(j + 1) != ']') {
                return path;
            }
            out.append(filter ? "[?(@)]" : "[*]");
            i = j + 2;
        }
        return out.toString();
    }

    /** Jayway tolerates some unclosed brackets ({@code $.a[}); AWS does not. */
    private static String unbalanced(String path) {
        java.util.ArrayDeque<Character> open = new java.util.ArrayDeque<>();
        char quote = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if ((c == '\'' || c == '"') && !open.isEmpty()) {
                quote = c;
            } else if (c == '[' || c == '(') {
                open.push(c);
            } else if (c == ']' || c == ')') {
                char expected = c == ']' ? '[' : '(';
                if (open.isEmpty() || open.pop() != expected) {
                    return "unmatched '" + c + "'";
                }
            }
        }
        if (quote != 0) {
            return "unclosed quote";
        }
        return open.isEmpty() ? null : "unclosed '" + open.peek() + "'";
    }

    private static boolean isVariableStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isVariablePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
