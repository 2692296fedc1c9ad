package dev.apitpl.runtime.render;

import com.hubspot.jinjava.objects.SafeString;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import jinjava.de.odysseus.el.tree.Bindings;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.de.odysseus.el.tree.impl.ast.AstUnary;
import jinjava.javax.el.ELContext;

/**
 * The expression operators with Python's semantics, as Jinja2 evaluates them: {@link PythonNumbers} arithmetic,
 * {@code +} and {@code *} on strings and lists, {@code %} string formatting, {@code ~} concatenation of
 * {@code str()} values, comparisons without string/number coercion, and {@code and}/{@code or} returning an operand
 * (not a boolean). A type Python refuses ({@code 'a' + 1}) ends the render with a TemplateRenderException.
 */
final class PythonOperators {

    static final AstBinary.Operator ADD = binary("+", PythonOperators::add);
    static final AstBinary.Operator SUB = numeric("-", PythonNumbers::subtract);
    static final AstBinary.Operator MUL = binary("*", PythonOperators::multiply);
    static final AstBinary.Operator DIV = numeric("/", PythonNumbers::divide);
    static final AstBinary.Operator FLOOR_DIV = numeric("//", PythonNumbers::floorDivide);
    static final AstBinary.Operator MOD = binary("%", PythonOperators::modulo);
    static final AstBinary.Operator POW = numeric("**", PythonNumbers::power);
    static final AstBinary.Operator CONCAT = binary("~", (a, b) -> limited(PythonValues.str(a) + PythonValues.str(b)));
    static final AstBinary.Operator EQ = binary("==", (a, b) -> PythonValues.equal(a, b));
    static final AstBinary.Operator NE = binary("!=", (a, b) -> !PythonValues.equal(a, b));
    static final AstBinary.Operator LT = binary("<", (a, b) -> order("<", a, b) < 0);
    static final AstBinary.Operator LE = binary("<=", (a, b) -> order("<=", a, b) <= 0);
    static final AstBinary.Operator GT = binary(">", (a, b) -> order(">", a, b) > 0);
    static final AstBinary.Operator GE = binary(">=", (a, b) -> order(">=", a, b) >= 0);
    static final AstBinary.Operator AND = new AstBinary.Operator() {
        @Override
        public Object eval(Bindings bindings, ELContext context, AstNode left, AstNode right) {
            Object first = left.eval(bindings, context);
            return PythonValues.truthy(first) ? right.eval(bindings, context) : first;
        }

        @Override
        public String toString() {
            return "and";
        }
    };
    static final AstBinary.Operator OR = new AstBinary.Operator() {
        @Override
        public Object eval(Bindings bindings, ELContext context, AstNode left, AstNode right) {
            Object first = left.eval(bindings, context);
            return PythonValues.truthy(first) ? first : right.eval(bindings, context);
        }

        @Override
        public String toString() {
            return "or";
        }
    };
    static final AstUnary.Operator NEG = unary("-", value -> {
        requireNumber("-", value);
        return PythonNumbers.negate(value);
    });
    static final AstUnary.Operator POS = unary("+", value -> {
        requireNumber("+", value);
        return value instanceof Boolean b ? (Object) (b ? 1L : 0L) : value;
    });
    static final AstUnary.Operator NOT = unary("not", value -> !PythonValues.truthy(value));

    private PythonOperators() {
    }

    /** Python's name of a value's type, for messages that match Jinja2's TypeErrors. */
    static String typeName(Object value) {
        if (value == null) {
            return "NoneType";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof BigDecimal) {
            return "decimal";
        }
        if (value instanceof Double || value instanceof Float) {
            return "float";
        }
        if (value instanceof Number) {
            return "int";
        }
        if (value instanceof CharSequence || value instanceof SafeString) {
            return "str";
        }
        if (value instanceof Map) {
            return "dict";
        }
        if (value instanceof Iterable || value instanceof Object[]) {
            return "list";
        }
        return "object";
    }

    private static Object add(Object a, Object b) {
        if (isText(a) && isText(b)) {
            return limited(a.toString() + b);
        }
        if (a instanceof Collection<?> x && b instanceof Collection<?> y) {
            List<Object> joined = new ArrayList<>(x);
            joined.addAll(y);
            return joined;
        }
        if (PythonNumbers.isNumber(a) && PythonNumbers.isNumber(b)) {
            return PythonNumbers.add(a, b);
        }
        throw unsupported("+", a, b);
    }

    private static Object multiply(Object a, Object b) {
        if (PythonNumbers.isNumber(a) && PythonNumbers.isNumber(b)) {
            return PythonNumbers.multiply(a, b);
        }
        if ((isText(a) || a instanceof Collection) && PythonNumbers.isIntegral(b)) {
            return repeat(a, b);
        }
        if ((isText(b) || b instanceof Collection) && PythonNumbers.isIntegral(a)) {
            return repeat(b, a);
        }
        throw unsupported("*", a, b);
    }

    private static Object repeat(Object sequence, Object times) {
        long count = Math.max(0, PythonNumbers.bigInteger(times).max(java.math.BigInteger.ZERO)
                .min(java.math.BigInteger.valueOf(Integer.MAX_VALUE)).longValue());
        RenderScope scope = RenderScope.current();
        long size = (isText(sequence) ? sequence.toString().length() : ((Collection<?>) sequence).size()) * count;
        if (size > scope.limits.maxFieldChars()) {
            throw scope.fail(scope.limitError("the limit of " + scope.limits.maxFieldChars()
                    + " characters per rendered field or string"));
        }
        if (isText(sequence)) {
            return sequence.toString().repeat((int) count);
        }
        List<Object> repeated = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            repeated.addAll((Collection<?>) sequence);
        }
        return repeated;
    }

    private static Object modulo(Object a, Object b) {
        if (isText(a)) {
            return limited(PythonFormat.percent(a.toString(), b));
        }
        if (PythonNumbers.isNumber(a) && PythonNumbers.isNumber(b)) {
            return PythonNumbers.modulo(a, b);
        }
        throw unsupported("%", a, b);
    }

    /** Python's ordering for {@code <}: numbers by value, strings by code point, lists element by element. */
    static int order(String operator, Object a, Object b) {
        if (PythonNumbers.isNumber(a) && PythonNumbers.isNumber(b)) {
            return PythonNumbers.compare(a, b);
        }
        if (isText(a) && isText(b)) {
            return a.toString().compareTo(b.toString());
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                if (!PythonValues.equal(x.get(i), y.get(i))) {
                    return order(operator, x.get(i), y.get(i));
                }
            }
            return Integer.compare(x.size(), y.size());
        }
        RenderScope scope = RenderScope.current();
        throw scope.fail(scope.renderError("'" + operator + "' is not supported between " + typeName(a) + " and "
                + typeName(b) + " (Jinja2 raises TypeError); convert one side, e.g. with | int or | string"));
    }

    private static boolean isText(Object value) {
        return value instanceof CharSequence || value instanceof SafeString;
    }

    private static String limited(String text) {
        RenderScope scope = RenderScope.current();
        if (text.length() > scope.limits.maxFieldChars()) {
            throw scope.fail(scope.limitError("the limit of " + scope.limits.maxFieldChars()
                    + " characters per rendered field or string"));
        }
        return text;
    }

    private static void requireNumber(String operator, Object value) {
        if (!PythonNumbers.isNumber(value)) {
            RenderScope scope = RenderScope.current();
            throw scope.fail(scope.renderError("bad operand type for unary " + operator + ": " + typeName(value)
                    + " (Jinja2 raises TypeError)"));
        }
    }

    private static RenderScope.Abort unsupported(String operator, Object a, Object b) {
        RenderScope scope = RenderScope.current();
        return scope.fail(scope.renderError("unsupported operand types for " + operator + ": " + typeName(a) + " and "
                + typeName(b) + " (Jinja2 raises TypeError); use ~ to join text, or | int / | float to make numbers"));
    }

    /** The value, unless it is {@link Undefined}: computing with a missing parameter is an error, not an empty string. */
    private static Object defined(Object value) {
        if (value instanceof Undefined undefined) {
            throw undefined.fail();
        }
        return value;
    }

    private static AstBinary.Operator numeric(String symbol, BinaryOperator<Object> operation) {
        return binary(symbol, (a, b) -> {
            if (!PythonNumbers.isNumber(a) || !PythonNumbers.isNumber(b)) {
                throw unsupported(symbol, a, b);
            }
            return operation.apply(a, b);
        });
    }

    private static AstBinary.Operator binary(String symbol, BinaryOperator<Object> operation) {
        return new AstBinary.Operator() {
            @Override
            public Object eval(Bindings bindings, ELContext context, AstNode left, AstNode right) {
                return operation.apply(defined(left.eval(bindings, context)), defined(right.eval(bindings, context)));
            }

            @Override
            public String toString() {
                return symbol;
            }
        };
    }

    private static AstUnary.Operator unary(String symbol, UnaryOperator<Object> operation) {
        return new AstUnary.Operator() {
            @Override
            public Object eval(Bindings bindings, ELContext context, AstNode child) {
                return operation.apply(symbol.equals("not") ? child.eval(bindings, context) : defined(child.eval(bindings, context)));
            }

            @Override
            public String toString() {
                return symbol;
            }
        };
    }
}
