package dev.apitpl.runtime.render;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's number semantics for template arithmetic, as Jinja2 computes: {@code int} is arbitrary precision
 * ({@link Long} while it fits, else {@link BigInteger}), {@code float} is {@link Double}, and {@code decimal.Decimal}
 * (how decimal parameters arrive, exact) is {@link BigDecimal} with Python's default context (28 digits,
 * half-even). {@code /} always gives a float (or a Decimal for decimals), {@code //} and {@code %} floor for ints
 * and floats (sign of the divisor) and truncate for decimals (sign of the dividend), as Python does; a bool counts
 * as an int. One deliberate difference: a decimal combined with a float literal ({@code price - 0.99}) is computed
 * exactly as decimals, where Python refuses to mix them.
 *
 * <p>Failures (division by zero, a result too large) end the render with a named error through
 * {@link RenderScope#fail}; they are never Java exceptions escaping the renderer.
 */
final class PythonNumbers {

    /** Python's default decimal context. */
    static final MathContext DECIMAL_CONTEXT = new MathContext(28, RoundingMode.HALF_EVEN);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    /** The largest integer a template may compute, in bits: beyond it the digits alone exceed the field limit. */
    private static final int MAX_INTEGER_BITS = 64 * 1024 * 3;

    private PythonNumbers() {
    }

    /** Whether Python would treat the value as a number (bool included). */
    static boolean isNumber(Object value) {
        return value instanceof Number || value instanceof Boolean;
    }

    static Object add(Object a, Object b) {
        return switch (kind(a, b)) {
            case INT -> integer(bigInteger(a).add(bigInteger(b)));
            case FLOAT -> toDouble(a) + toDouble(b);
            case DECIMAL -> decimal(a).add(decimal(b), DECIMAL_CONTEXT);
        };
    }

    static Object subtract(Object a, Object b) {
        return switch (kind(a, b)) {
            case INT -> integer(bigInteger(a).subtract(bigInteger(b)));
            case FLOAT -> toDouble(a) - toDouble(b);
            case DECIMAL -> decimal(a).subtract(decimal(b), DECIMAL_CONTEXT);
        };
    }

    static Object multiply(Object a, Object b) {
        return switch (kind(a, b)) {
            case INT -> integer(bigInteger(a).multiply(bigInteger(b)));
            case FLOAT -> toDouble(a) * toDouble(b);
            case DECIMAL -> decimal(a).multiply(decimal(b), DECIMAL_CONTEXT);
        };
    }

    /** {@code /}: true division. */
    static Object divide(Object a, Object b) {
        if (isZero(b)) {
            throw divisionByZero("/");
        }
        return switch (kind(a, b)) {
            case INT -> {
                BigInteger x = bigInteger(a);
                BigInteger y = bigInteger(b);
                if (x.bitLength() <= 53 && y.bitLength() <= 53) {
                    yield x.doubleValue() / y.doubleValue();
                }
                yield new BigDecimal(x).divide(new BigDecimal(y), MathContext.DECIMAL128).doubleValue();
            }
            case FLOAT -> toDouble(a) / toDouble(b);
            case DECIMAL -> decimal(a).divide(decimal(b), DECIMAL_CONTEXT);
        };
    }

    /** {@code //}: floor division (decimals: truncating, as Python's Decimal does). */
    static Object floorDivide(Object a, Object b) {
        if (isZero(b)) {
            throw divisionByZero("//");
        }
        return switch (kind(a, b)) {
            case INT -> {
                BigInteger[] qr = bigInteger(a).divideAndRemainder(bigInteger(b));
                BigInteger q = qr[0];
                if (qr[1].signum() != 0 && qr[1].signum() != bigInteger(b).signum()) {
                    q = q.subtract(BigInteger.ONE);
                }
                yield integer(q);
            }
            case FLOAT -> Math.floor(toDouble(a) / toDouble(b));
            case DECIMAL -> decimal(a).divideToIntegralValue(decimal(b), DECIMAL_CONTEXT).setScale(0, RoundingMode.DOWN);
        };
    }

    /** {@code %} on numbers: the remainder with the divisor's sign (decimals: the dividend's). */
    static Object modulo(Object a, Object b) {
        if (isZero(b)) {
            throw divisionByZero("%");
        }
        return switch (kind(a, b)) {
            case INT -> {
                BigInteger y = bigInteger(b);
                BigInteger r = bigInteger(a).mod(y.abs());
                yield integer(y.signum() < 0 && r.signum() != 0 ? r.add(y) : r);
            }
            case FLOAT -> {
                double x = toDouble(a);
                double y = toDouble(b);
                double r = x % y;
                yield r != 0 && (r < 0) != (y < 0) ? r + y : (r == 0 ? Math.copySign(0.0, y) : r);
            }
            case DECIMAL -> decimal(a).remainder(decimal(b), DECIMAL_CONTEXT);
        };
    }

    /** {@code **}. */
    static Object power(Object a, Object b) {
        Kind kind = kind(a, b);
        if (kind == Kind.INT) {
            BigInteger base = bigInteger(a);
            BigInteger exponent = bigInteger(b);
            if (exponent.signum() < 0) {
                if (base.signum() == 0) {
                    throw divisionByZero("**");
                }
                return Math.pow(base.doubleValue(), exponent.doubleValue());
            }
            if (base.abs().compareTo(BigInteger.ONE) <= 0) {
                // -1, 0 and 1 to any power stay small, however large the exponent
                return integer(base.pow(exponent.signum() == 0 ? 0 : (exponent.testBit(0) ? 1 : 2)));
            }
            if (exponent.bitLength() > 31 || (long) base.bitLength() * exponent.longValue() > MAX_INTEGER_BITS) {
                throw tooLarge();
            }
            return integer(base.pow(exponent.intValue()));
        }
        if (kind == Kind.DECIMAL && isIntegral(b) && bigInteger(b).bitLength() < 16) {
            int exponent = bigInteger(b).intValue();
            BigDecimal base = decimal(a);
            if (exponent >= 0) {
                return base.pow(exponent, DECIMAL_CONTEXT);
            }
            if (base.signum() == 0) {
                throw divisionByZero("**");
            }
            return BigDecimal.ONE.divide(base.pow(-exponent, DECIMAL_CONTEXT), DECIMAL_CONTEXT);
        }
        double result = Math.pow(toDouble(a), toDouble(b));
        if (Double.isNaN(result)) {
            throw RenderScope.current().fail(RenderScope.current().renderError(
                    "a negative number raised to a fractional power has no real value"));
        }
        return kind == Kind.DECIMAL ? new BigDecimal(PythonValues.floatRepr(result), DECIMAL_CONTEXT) : result;
    }

    static Object negate(Object a) {
        if (a instanceof Double d) {
            return -d;
        }
        if (a instanceof Float f) {
            return (double) -f;
        }
        if (a instanceof BigDecimal d) {
            return d.negate(DECIMAL_CONTEXT);
        }
        return integer(bigInteger(a).negate());
    }

    /** Numeric comparison across int, float and Decimal, exact (as Python compares them). */
    static int compare(Object a, Object b) {
        if (isFloat(a) || isFloat(b)) {
            double x = toDouble(a);
            double y = toDouble(b);
            if (Double.isNaN(x) || Double.isNaN(y) || Double.isInfinite(x) || Double.isInfinite(y)) {
                return Double.compare(x, y);
            }
        }
        return exact(a).compareTo(exact(b));
    }

    /** An integer result: a Long when it fits, else a BigInteger. */
    static Number integer(BigInteger value) {
        if (value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0) {
            return value.longValue();
        }
        if (value.bitLength() > MAX_INTEGER_BITS) {
            throw tooLarge();
        }
        return value;
    }

    static boolean isIntegral(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger || value instanceof Boolean;
    }

    static BigInteger bigInteger(Object value) {
        if (value instanceof BigInteger big) {
            return big;
        }
        if (value instanceof Boolean bool) {
            return bool ? BigInteger.ONE : BigInteger.ZERO;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toBigInteger();
        }
        return BigInteger.valueOf(((Number) value).longValue());
    }

    static double toDouble(Object value) {
        if (value instanceof Boolean bool) {
            return bool ? 1 : 0;
        }
        return ((Number) value).doubleValue();
    }

    private enum Kind { INT, FLOAT, DECIMAL }

    private static Kind kind(Object a, Object b) {
        if (a instanceof BigDecimal || b instanceof BigDecimal) {
            return Kind.DECIMAL;
        }
        if (isFloat(a) || isFloat(b)) {
            return Kind.FLOAT;
        }
        return Kind.INT;
    }

    private static boolean isFloat(Object value) {
        return value instanceof Double || value instanceof Float;
    }

    private static boolean isZero(Object value) {
        if (value instanceof BigDecimal d) {
            return d.signum() == 0;
        }
        if (isFloat(value)) {
            return toDouble(value) == 0;
        }
        return bigInteger(value).signum() == 0;
    }

    /** A decimal operand: a float becomes the decimal its shortest repr spells (0.99 is 0.99, not its binary value). */
    private static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (isFloat(value)) {
            double d = toDouble(value);
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw RenderScope.current().fail(RenderScope.current().renderError(
                        "cannot combine the float " + PythonValues.floatRepr(d) + " with a decimal"));
            }
            return new BigDecimal(PythonValues.floatRepr(d));
        }
        return new BigDecimal(bigInteger(value));
    }

    private static BigDecimal exact(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (isFloat(value)) {
            return new BigDecimal(toDouble(value));
        }
        return new BigDecimal(bigInteger(value));
    }

    private static RenderScope.Abort divisionByZero(String operator) {
        RenderScope scope = RenderScope.current();
        return scope.fail(scope.renderError("division by zero ('" + operator + "' with a divisor of 0; Jinja2 raises "
                + "ZeroDivisionError): check the divisor first, e.g. {% if count != 0 %}...{% endif %}"));
    }

    private static RenderScope.Abort tooLarge() {
        RenderScope scope = RenderScope.current();
        return scope.fail(scope.limitError("the limit of " + MAX_INTEGER_BITS + " bits per integer (a number too large to send)"));
    }
}
