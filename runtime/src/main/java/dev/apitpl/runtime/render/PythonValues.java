package dev.apitpl.runtime.render;

import com.hubspot.jinjava.objects.SafeString;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Template values printed and compared as Python does it for Jinja2: {@code str()} for output ({@code None},
 * {@code True}, {@code 1e+20}, {@code 0.30000000000000004}, {@code ['a', 1]}, {@code {'k': 'v'}}), Python's
 * truthiness and {@code ==}. One deliberate difference: a decimal inside a printed list or dict shows its digits
 * ({@code [1.5]}), not Python's {@code [Decimal('1.5')]}.
 */
final class PythonValues {

    private PythonValues() {
    }

    /** Python's {@code str(value)}: what {@code {{ value }}} prints. */
    static String str(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Undefined undefined) {
            throw undefined.fail();
        }
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof Double || value instanceof Float) {
            return floatRepr(((Number) value).doubleValue());
        }
        if (value instanceof BigDecimal d) {
            return d.toString();
        }
        if (value instanceof CharSequence || value instanceof SafeString || value instanceof Number) {
            return value.toString();
        }
        if (value instanceof Map || value instanceof Iterable || value instanceof Map.Entry || value instanceof Object[]) {
            return repr(value);
        }
        return String.valueOf(value);
    }

    /** Python's {@code repr(value)}, as lists and dicts print their members. */
    static String repr(Object value) {
        if (value instanceof CharSequence || value instanceof SafeString) {
            return quote(value.toString());
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (out.length() > 1) {
                    out.append(", ");
                }
                out.append(repr(entry.getKey())).append(": ").append(repr(entry.getValue()));
            }
            return out.append('}').toString();
        }
        if (value instanceof Map.Entry<?, ?> entry) {
            return "(" + repr(entry.getKey()) + ", " + repr(entry.getValue()) + ")";
        }
        if (value instanceof Iterable<?> || value instanceof Object[]) {
            Iterator<?> it = value instanceof Object[] array ? List.of(array).iterator() : ((Iterable<?>) value).iterator();
            StringBuilder out = new StringBuilder("[");
            while (it.hasNext()) {
                out.append(repr(it.next()));
                if (it.hasNext()) {
                    out.append(", ");
                }
            }
            return out.append(']').toString();
        }
        return str(value);
    }

    /** Python's {@code repr(float)}: the shortest digits that read back as the same double. */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(d);
        BigDecimal shortest = exact;
        for (int digits = 1; digits <= 17; digits++) {
            BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (rounded.doubleValue() == d) {
                shortest = rounded;
                break;
            }
        }
        shortest = shortest.stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        String sign = d < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            String plain = shortest.abs().toPlainString();
            return sign + (plain.indexOf('.') < 0 ? plain + ".0" : plain);
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
    }

    /** Python's truth value: None, False, zero and empty strings, lists and dicts are false. */
    static boolean truthy(Object value) {
        if (value == null || value instanceof Undefined) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof BigDecimal d) {
            return d.signum() != 0;
        }
        if (value instanceof Number n) {
            return PythonNumbers.isIntegral(n) ? PythonNumbers.bigInteger(n).signum() != 0 : n.doubleValue() != 0;
        }
        if (value instanceof CharSequence s) {
            return s.length() > 0;
        }
        if (value instanceof SafeString s) {
            return !s.toString().isEmpty();
        }
        if (value instanceof Map<?, ?> map) {
            return !map.isEmpty();
        }
        if (value instanceof Iterable<?> iterable) {
            return iterable.iterator().hasNext();
        }
        if (value instanceof Object[] array) {
            return array.length > 0;
        }
        return true;
    }

    /** Python's {@code ==}: numbers by value across int, float and Decimal; no coercion between strings and numbers. */
    static boolean equal(Object a, Object b) {
        if (PythonNumbers.isNumber(a) && PythonNumbers.isNumber(b)) {
            return PythonNumbers.compare(a, b) == 0;
        }
        if (a instanceof SafeString || a instanceof CharSequence) {
            return (b instanceof SafeString || b instanceof CharSequence) && a.toString().equals(b.toString());
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    private static String quote(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder().append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c == quote) {
                        out.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append(quote).toString();
    }
}
