package dev.apitpl.runtime.render;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's printf-style string formatting, for {@code 'text %s' % value} and the {@code format} filter:
 * {@code %s %r %d %i %u %f %F %e %E %g %G %x %X %o %c %%}, flags {@code -+ 0#}, width, precision and
 * {@code %(name)s} keys. Decimals are formatted exactly ({@code '%.2f' % 19.999} with a decimal gives 20.00).
 */
final class PythonFormat {

    private static final Pattern SPEC = Pattern.compile("%(?:\\(([^)]*)\\))?([-+ 0#]*)(\\d+|\\*)?(?:\\.(\\d+))?([a-zA-Z%])");

    private PythonFormat() {
    }

    /** {@code format % args}: a list formats its items in order, a dict serves {@code %(name)s}, anything else is one value. */
    static String percent(String format, Object args) {
        List<?> values = args instanceof List<?> list ? list : List.of(args == null ? NONE : args);
        Matcher spec = SPEC.matcher(format);
        StringBuilder out = new StringBuilder();
        int next = 0;
        int last = 0;
        while (spec.find()) {
            out.append(format, last, spec.start());
            last = spec.end();
            char conversion = spec.group(5).charAt(0);
            if (conversion == '%') {
                out.append('%');
                continue;
            }
            Object value;
            if (spec.group(1) != null) {
                if (!(args instanceof Map<?, ?> map) || !map.containsKey(spec.group(1))) {
                    throw error("format requires a mapping with key '" + spec.group(1) + "'");
                }
                value = map.get(spec.group(1));
            } else if (args instanceof Map<?, ?> && !(args instanceof List)) {
                value = args;
            } else {
                if (next >= values.size()) {
                    throw error("not enough arguments for format string");
                }
                value = values.get(next++);
                if (value == NONE) {
                    value = null;
                }
            }
            String flags = spec.group(2);
            int width = spec.group(3) == null || spec.group(3).equals("*") ? 0 : Integer.parseInt(spec.group(3));
            Integer precision = spec.group(4) == null ? null : Integer.parseInt(spec.group(4));
            out.append(pad(convert(conversion, flags, precision, value), flags, width, "diuxXoeEfFgG".indexOf(conversion) >= 0));
        }
        if (args instanceof List && next < values.size()) {
            throw error("not all arguments converted during string formatting");
        }
        return out.append(format.substring(last)).toString();
    }

    /** Marks a single None argument (List.of refuses null). */
    private static final Object NONE = new Object();

    private static String convert(char conversion, String flags, Integer precision, Object value) {
        switch (conversion) {
            case 's': {
                String s = PythonValues.str(value);
                return precision == null ? s : s.substring(0, Math.min(precision, s.length()));
            }
            case 'r':
                return PythonValues.repr(value);
            case 'c':
                return value instanceof Number n ? new String(Character.toChars(n.intValue())) : String.valueOf(value);
            case 'd', 'i', 'u':
                return sign(flags, integer(value).toString());
            case 'x', 'X': {
                BigInteger n = integer(value);
                String digits = n.abs().toString(16);
                digits = (flags.contains("#") ? "0x" : "") + digits;
                return sign(flags, (n.signum() < 0 ? "-" : "") + (conversion == 'X' ? digits.toUpperCase(Locale.ROOT) : digits));
            }
            case 'o': {
                BigInteger n = integer(value);
                return sign(flags, (n.signum() < 0 ? "-" : "") + (flags.contains("#") ? "0o" : "") + n.abs().toString(8));
            }
            case 'f', 'F': {
                BigDecimal d = decimal(value);
                return sign(flags, d.setScale(precision == null ? 6 : precision, RoundingMode.HALF_EVEN).toPlainString());
            }
            case 'e', 'E', 'g', 'G': {
                double d = number(value).doubleValue();
                String pattern = "%" + (precision == null ? "" : "." + precision) + conversion;
                String formatted = String.format(Locale.ROOT, pattern, d);
                if (conversion == 'g' || conversion == 'G') {
                    formatted = formatted.replaceAll("\\.?0+(?=$|[eE])", "");
                }
                return sign(flags, formatted);
            }
            default:
                throw error("unsupported format character '" + conversion + "'");
        }
    }

    private static String sign(String flags, String number) {
        if (number.startsWith("-")) {
            return number;
        }
        return flags.contains("+") ? "+" + number : flags.contains(" ") ? " " + number : number;
    }

    private static String pad(String text, String flags, int width, boolean numeric) {
        if (text.length() >= width) {
            return text;
        }
        String fill = " ".repeat(width - text.length());
        if (flags.contains("-")) {
            return text + fill;
        }
        if (numeric && flags.contains("0")) {
            boolean signed = text.startsWith("-") || text.startsWith("+") || text.startsWith(" ");
            return signed ? text.charAt(0) + "0".repeat(fill.length()) + text.substring(1) : "0".repeat(fill.length()) + text;
        }
        return fill + text;
    }

    private static Number number(Object value) {
        if (value instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (value instanceof Number n) {
            return n;
        }
        throw error("a number is required, not " + PythonOperators.typeName(value));
    }

    private static BigInteger integer(Object value) {
        Number n = number(value);
        if (n instanceof Double || n instanceof Float) {
            return new BigDecimal(n.doubleValue()).toBigInteger();
        }
        return PythonNumbers.bigInteger(n);
    }

    /** The exact value Python formats: a float's binary value, a Decimal's digits. */
    private static BigDecimal decimal(Object value) {
        Number n = number(value);
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof Double || n instanceof Float) {
            return new BigDecimal(n.doubleValue());
        }
        return new BigDecimal(PythonNumbers.bigInteger(n));
    }

    private static RenderScope.Abort error(String problem) {
        RenderScope scope = RenderScope.current();
        return scope.fail(scope.renderError("string formatting: " + problem + " (Jinja2 raises TypeError)"));
    }
}
