package dev.apitpl.runtime.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The string methods Jinja2's sandbox lets templates call ({@code name.upper()}, {@code csv.split(',')}, ...), with
 * Python's results. Anything else called on a string is refused by {@link SandboxResolver}.
 */
final class StringMethods {

    static final Set<String> NAMES = Set.of("upper", "lower", "strip", "lstrip", "rstrip", "split", "startswith",
            "endswith", "replace", "title", "capitalize", "join", "find", "count", "format");

    private StringMethods() {
    }

    static Object call(String s, String name, Object[] args) {
        Object[] a = args == null ? new Object[0] : args;
        return switch (name) {
            case "upper" -> s.toUpperCase(Locale.ROOT);
            case "lower" -> s.toLowerCase(Locale.ROOT);
            case "strip" -> strip(s, a, true, true);
            case "lstrip" -> strip(s, a, true, false);
            case "rstrip" -> strip(s, a, false, true);
            case "split" -> split(s, a);
            case "startswith" -> s.startsWith(text(a, 0));
            case "endswith" -> s.endsWith(text(a, 0));
            case "replace" -> s.replace(text(a, 0), text(a, 1));
            case "title" -> title(s);
            case "capitalize" -> s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
            case "join" -> joinWith(s, PythonFilters.items(a.length > 0 ? a[0] : List.of()));
            case "find" -> (long) s.indexOf(text(a, 0));
            case "count" -> count(s, text(a, 0));
            case "format" -> format(s, a);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Python's str.title(): upper-case the first letter of every run of letters. */
    static String title(String s) {
        StringBuilder out = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(inWord ? Character.toLowerCase(c) : Character.toUpperCase(c));
            inWord = Character.isLetter(c);
        }
        return out.toString();
    }

    private static String joinWith(String separator, List<Object> items) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            out.append(i > 0 ? separator : "").append(PythonValues.str(items.get(i)));
        }
        return out.toString();
    }

    private static String text(Object[] a, int index) {
        return index < a.length ? PythonValues.str(a[index]) : "";
    }

    private static String strip(String s, Object[] a, boolean left, boolean right) {
        String chars = a.length > 0 && a[0] != null ? PythonValues.str(a[0]) : null;
        int start = 0;
        int end = s.length();
        while (left && start < end && (chars == null ? Character.isWhitespace(s.charAt(start)) : chars.indexOf(s.charAt(start)) >= 0)) {
            start++;
        }
        while (right && end > start && (chars == null ? Character.isWhitespace(s.charAt(end - 1)) : chars.indexOf(s.charAt(end - 1)) >= 0)) {
            end--;
        }
        return s.substring(start, end);
    }

    private static List<Object> split(String s, Object[] a) {
        List<Object> parts = new ArrayList<>();
        if (a.length == 0 || a[0] == null) {
            for (String part : s.strip().split("\\s+")) {
                if (!part.isEmpty()) {
                    parts.add(part);
                }
            }
            return parts;
        }
        String separator = PythonValues.str(a[0]);
        int from = 0;
        for (int at = s.indexOf(separator); at >= 0 && !separator.isEmpty(); at = s.indexOf(separator, from)) {
            parts.add(s.substring(from, at));
            from = at + separator.length();
        }
        parts.add(s.substring(from));
        return parts;
    }

    private static long count(String s, String part) {
        if (part.isEmpty()) {
            return s.length() + 1L;
        }
        long n = 0;
        for (int at = s.indexOf(part); at >= 0; at = s.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }

    /** str.format with positional {} and {0} fields. */
    private static String format(String s, Object[] a) {
        StringBuilder out = new StringBuilder();
        int auto = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{' && i + 1 < s.length() && s.charAt(i + 1) == '{') {
                out.append('{');
                i++;
            } else if (c == '}' && i + 1 < s.length() && s.charAt(i + 1) == '}') {
                out.append('}');
                i++;
            } else if (c == '{') {
                int close = s.indexOf('}', i);
                String field = close < 0 ? "" : s.substring(i + 1, close);
                int index = field.isEmpty() ? auto++ : field.matches("\\d+") ? Integer.parseInt(field) : -1;
                if (close < 0 || index < 0 || index >= a.length) {
                    RenderScope scope = RenderScope.current();
                    throw scope.fail(scope.renderError("str.format: field {" + field + "} has no argument"));
                }
                out.append(PythonValues.str(a[index]));
                i = close;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
