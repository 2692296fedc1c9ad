package dev.apitpl.runtime.render;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The builtin filters and tests whose Jinjava versions differ from Jinja2's, with Jinja2's arguments and results:
 * {@code default}/{@code d} and {@code defined}/{@code undefined} (a None parameter is defined),
 * {@code round} (a float, half-even on the exact binary value), {@code urlencode} ({@code %20}, {@code /} kept),
 * {@code batch}, {@code slice}, {@code sort}, {@code min}, {@code max} (with {@code attribute} and
 * {@code case_sensitive}), {@code length}/{@code count} (code points), {@code string}, {@code join} (Python's
 * {@code str()} of each item), {@code first}/{@code last} and {@code list} of strings, {@code sum}, {@code format}.
 * Registered over Jinjava's own by {@link #register}.
 */
final class PythonFilters {

    /** A filter body: the value, positional arguments and keyword arguments. */
    private interface Body {
        Object apply(Object value, Object[] args, Map<String, Object> kwargs);
    }

    private PythonFilters() {
    }

    static void register(Jinjava jinjava) {
        filter(jinjava, (v, a, k) -> fallback(v, a, k), "default", "d");
        filter(jinjava, PythonFilters::round, "round");
        filter(jinjava, (v, a, k) -> urlencode(v), "urlencode");
        filter(jinjava, PythonFilters::batch, "batch");
        filter(jinjava, PythonFilters::slice, "slice");
        filter(jinjava, PythonFilters::sort, "sort");
        filter(jinjava, (v, a, k) -> extreme(v, a, k, 1), "max");
        filter(jinjava, (v, a, k) -> extreme(v, a, k, -1), "min");
        filter(jinjava, (v, a, k) -> length(v), "length", "count");
        filter(jinjava, (v, a, k) -> PythonValues.str(v), "string");
        filter(jinjava, PythonFilters::join, "join");
        filter(jinjava, (v, a, k) -> items(v).isEmpty() ? null : items(v).get(0), "first");
        filter(jinjava, (v, a, k) -> items(v).isEmpty() ? null : items(v).get(items(v).size() - 1), "last");
        filter(jinjava, (v, a, k) -> items(v), "list");
        filter(jinjava, PythonFilters::sum, "sum");
        filter(jinjava, (v, a, k) -> StringMethods.title(PythonValues.str(v)), "title");
        filter(jinjava, (v, a, k) -> StringMethods.call(PythonValues.str(v), "strip", a.length > 0 ? a
                : (k.containsKey("chars") ? new Object[] {k.get("chars")} : a)), "trim");
        filter(jinjava, (v, a, k) -> PythonFormat.percent(PythonValues.str(v), java.util.Arrays.asList(a)), "format");
        test(jinjava, "defined", false);
        test(jinjava, "undefined", true);
    }

    /** The items Python iterates: a string's characters (code points), a dict's keys, a list's items. */
    static List<Object> items(Object value) {
        if (value instanceof Undefined undefined) {
            throw undefined.fail();
        }
        if (value instanceof CharSequence || value instanceof com.hubspot.jinjava.objects.SafeString) {
            List<Object> chars = new ArrayList<>();
            value.toString().codePoints().forEach(c -> chars.add(new String(Character.toChars(c))));
            return chars;
        }
        if (value instanceof Map<?, ?> map) {
            return new ArrayList<>(map.keySet());
        }
        if (value instanceof Iterable<?> iterable) {
            List<Object> list = new ArrayList<>();
            iterable.forEach(list::add);
            return list;
        }
        if (value instanceof Object[] array) {
            return new ArrayList<>(List.of(array));
        }
        throw error("'" + PythonOperators.typeName(value) + "' object is not iterable");
    }

    private static Object fallback(Object value, Object[] args, Map<String, Object> kwargs) {
        Object replacement = arg(args, kwargs, 0, "default_value", "");
        boolean ifFalse = PythonValues.truthy(arg(args, kwargs, 1, "boolean", false));
        return value instanceof Undefined || (ifFalse && !PythonValues.truthy(value)) ? replacement : value;
    }

    private static Object round(Object value, Object[] args, Map<String, Object> kwargs) {
        int precision = ((Number) PythonNumbers.integer(PythonNumbers.bigInteger(arg(args, kwargs, 0, "precision", 0L)))).intValue();
        String method = String.valueOf(arg(args, kwargs, 1, "method", "common"));
        if (!PythonNumbers.isNumber(value)) {
            throw error("round needs a number, got " + PythonOperators.typeName(value));
        }
        RoundingMode mode = switch (method) {
            case "common" -> RoundingMode.HALF_EVEN;
            case "floor" -> RoundingMode.FLOOR;
            case "ceil" -> RoundingMode.CEILING;
            default -> throw error("round's method must be 'common', 'ceil' or 'floor'");
        };
        if (value instanceof BigDecimal d) {
            return d.setScale(precision, mode);
        }
        if (PythonNumbers.isIntegral(value) && mode == RoundingMode.HALF_EVEN) {
            return value instanceof Boolean b ? (Object) (b ? 1L : 0L) : value;
        }
        BigDecimal exact = new BigDecimal(PythonNumbers.toDouble(value));
        return exact.setScale(precision, mode).doubleValue();
    }

    /** Jinja2's urlencode: a string quoted with '/' kept; a dict or pairs as a query string ('+' for spaces). */
    static String urlencode(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder();
            map.forEach((k, v) -> out.append(out.length() > 0 ? "&" : "").append(quote(PythonValues.str(k), "").replace("%20", "+"))
                    .append('=').append(quote(PythonValues.str(v), "").replace("%20", "+")));
            return out.toString();
        }
        return quote(PythonValues.str(value), "/");
    }

    private static String quote(String text, String safe) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "_.-~".indexOf(c) >= 0
                    || safe.indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static Object batch(Object value, Object[] args, Map<String, Object> kwargs) {
        int size = Math.max(1, ((Number) arg(args, kwargs, 0, "linecount", 1L)).intValue());
        Object fill = arg(args, kwargs, 1, "fill_with", null);
        List<Object> items = items(value);
        List<Object> batches = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            List<Object> row = new ArrayList<>(items.subList(i, Math.min(items.size(), i + size)));
            while (fill != null && row.size() < size) {
                row.add(fill);
            }
            batches.add(row);
        }
        return batches;
    }

    private static Object slice(Object value, Object[] args, Map<String, Object> kwargs) {
        int slices = Math.max(1, ((Number) arg(args, kwargs, 0, "slices", 1L)).intValue());
        Object fill = arg(args, kwargs, 1, "fill_with", null);
        List<Object> items = items(value);
        int perSlice = items.size() / slices;
        int withExtra = items.size() % slices;
        int offset = 0;
        List<Object> result = new ArrayList<>();
        for (int n = 0; n < slices; n++) {
            int start = offset + n * perSlice;
            if (n < withExtra) {
                offset++;
            }
            int end = offset + (n + 1) * perSlice;
            List<Object> part = new ArrayList<>(items.subList(start, end));
            if (fill != null && n >= withExtra) {
                part.add(fill);
            }
            result.add(part);
        }
        return result;
    }

    private static Object sort(Object value, Object[] args, Map<String, Object> kwargs) {
        boolean reverse = PythonValues.truthy(arg(args, kwargs, 0, "reverse", false));
        boolean caseSensitive = PythonValues.truthy(arg(args, kwargs, 1, "case_sensitive", false));
        Object attribute = arg(args, kwargs, 2, "attribute", null);
        List<Object> items = items(value);
        Comparator<Object> order = byKey(attribute, caseSensitive);
        items.sort(reverse ? order.reversed() : order);
        return items;
    }

    private static Object extreme(Object value, Object[] args, Map<String, Object> kwargs, int sign) {
        boolean caseSensitive = PythonValues.truthy(arg(args, kwargs, 0, "case_sensitive", false));
        Object attribute = arg(args, kwargs, 1, "attribute", null);
        List<Object> items = items(value);
        if (items.isEmpty()) {
            throw error((sign > 0 ? "max" : "min") + " of an empty list has no value (Jinja2 gives Undefined); "
                    + "check the list first or use | default");
        }
        Comparator<Object> order = byKey(attribute, caseSensitive);
        Object best = items.get(0);
        for (Object item : items) {
            if (order.compare(item, best) * sign > 0) {
                best = item;
            }
        }
        return best;
    }

    /** Jinja2's sort key: the attribute path(s) ('a.b', 'a,b'), strings lower-cased unless case-sensitive. */
    private static Comparator<Object> byKey(Object attribute, boolean caseSensitive) {
        List<String> paths = attribute == null ? List.of() : List.of(String.valueOf(attribute).split(","));
        return (x, y) -> {
            if (paths.isEmpty()) {
                return PythonOperators.order("<", key(x, caseSensitive), key(y, caseSensitive));
            }
            for (String path : paths) {
                int c = PythonOperators.order("<", key(attribute(x, path.strip()), caseSensitive),
                        key(attribute(y, path.strip()), caseSensitive));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }

    private static Object key(Object value, boolean caseSensitive) {
        return !caseSensitive && value instanceof CharSequence text ? text.toString().toLowerCase(Locale.ROOT) : value;
    }

    static Object attribute(Object value, String path) {
        Object current = value;
        for (String part : path.split("\\.")) {
            if (current instanceof Map<?, ?> map && map.containsKey(part)) {
                current = map.get(part);
            } else if (current instanceof List<?> list && part.matches("\\d+") && Integer.parseInt(part) < list.size()) {
                current = list.get(Integer.parseInt(part));
            } else {
                throw error("an item has no attribute '" + path + "'");
            }
        }
        return current;
    }

    private static Object length(Object value) {
        if (value instanceof CharSequence || value instanceof com.hubspot.jinjava.objects.SafeString) {
            String text = value.toString();
            return (long) text.codePointCount(0, text.length());
        }
        if (value instanceof Map<?, ?> map) {
            return (long) map.size();
        }
        if (value instanceof Collection<?> collection) {
            return (long) collection.size();
        }
        return (long) items(value).size();
    }

    private static Object join(Object value, Object[] args, Map<String, Object> kwargs) {
        String separator = PythonValues.str(arg(args, kwargs, 0, "d", ""));
        Object attribute = arg(args, kwargs, 1, "attribute", null);
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (Object item : items(value)) {
            out.append(first ? "" : separator);
            first = false;
            out.append(PythonValues.str(attribute == null ? item : attribute(item, String.valueOf(attribute))));
        }
        return out.toString();
    }

    private static Object sum(Object value, Object[] args, Map<String, Object> kwargs) {
        Object attribute = arg(args, kwargs, 0, "attribute", null);
        Object total = arg(args, kwargs, 1, "start", 0L);
        for (Object item : items(value)) {
            Object term = attribute == null ? item : attribute(item, String.valueOf(attribute));
            if (!PythonNumbers.isNumber(term) || !PythonNumbers.isNumber(total)) {
                throw error("sum needs numbers, got " + PythonOperators.typeName(term));
            }
            total = PythonNumbers.add(total, term);
        }
        return total;
    }

    private static Object arg(Object[] args, Map<String, Object> kwargs, int index, String name, Object otherwise) {
        if (kwargs != null && kwargs.containsKey(name)) {
            return kwargs.get(name);
        }
        return args != null && index < args.length ? args[index] : otherwise;
    }

    private static RenderScope.Abort error(String problem) {
        RenderScope scope = RenderScope.current();
        return scope.fail(scope.renderError(problem));
    }

    private static void filter(Jinjava jinjava, Body body, String... names) {
        for (String name : names) {
            jinjava.getGlobalContext().registerFilter(new Filter() {
                @Override
                public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
                    return body.apply(var, args, Map.of());
                }

                @Override
                public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
                    return body.apply(var, args, kwargs);
                }

                @Override
                public String getName() {
                    return name;
                }
            });
        }
    }

    private static void test(Jinjava jinjava, String name, boolean whenUndefined) {
        jinjava.getGlobalContext().registerExpTest(new ExpTest() {
            @Override
            public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
                return (var instanceof Undefined) == whenUndefined;
            }

            @Override
            public String getName() {
                return name;
            }
        });
    }
}
