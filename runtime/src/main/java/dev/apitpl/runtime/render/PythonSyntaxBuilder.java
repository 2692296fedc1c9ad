package dev.apitpl.runtime.render;

import com.hubspot.jinjava.el.ExtendedSyntaxBuilder;
import com.hubspot.jinjava.el.ext.AbsOperator;
import com.hubspot.jinjava.el.ext.AdditionOperator;
import com.hubspot.jinjava.el.ext.ExtendedParser;
import com.hubspot.jinjava.el.ext.OrOperator;
import com.hubspot.jinjava.el.ext.PowerOfOperator;
import com.hubspot.jinjava.el.ext.StringConcatOperator;
import com.hubspot.jinjava.el.ext.TruncDivOperator;
import java.math.BigInteger;
import java.util.Map;
import jinjava.de.odysseus.el.tree.impl.Parser;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;
import java.util.TreeSet;
import jinjava.de.odysseus.el.tree.Bindings;
import jinjava.de.odysseus.el.tree.impl.ast.AstBracket;
import jinjava.de.odysseus.el.tree.impl.ast.AstChoice;
import jinjava.de.odysseus.el.tree.impl.ast.AstDot;
import jinjava.de.odysseus.el.tree.impl.ast.AstRightValue;
import jinjava.de.odysseus.el.tree.impl.ast.AstIdentifier;
import jinjava.javax.el.ELContext;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.de.odysseus.el.tree.impl.ast.AstNull;
import jinjava.de.odysseus.el.tree.impl.ast.AstString;
import jinjava.de.odysseus.el.tree.impl.ast.AstUnary;

/**
 * Jinjava's expression syntax with Python's operators: every arithmetic, comparison, boolean and concatenation
 * operator the parser builds is replaced by the matching {@link PythonOperators} one, unary {@code +} is the identity
 * (Jinjava reads it as abs()), and integer literals of any size are exact. Public only because the expression
 * factory instantiates its tree builder by class name.
 */
public final class PythonSyntaxBuilder extends ExtendedSyntaxBuilder {

    private static final long serialVersionUID = 1L;

    private static final Map<AstBinary.Operator, AstBinary.Operator> BINARY = Map.ofEntries(
            Map.entry(AstBinary.ADD, PythonOperators.ADD),
            Map.entry(AdditionOperator.OP, PythonOperators.ADD),
            Map.entry(AstBinary.SUB, PythonOperators.SUB),
            Map.entry(AstBinary.MUL, PythonOperators.MUL),
            Map.entry(AstBinary.DIV, PythonOperators.DIV),
            Map.entry(AstBinary.MOD, PythonOperators.MOD),
            Map.entry(AstBinary.EQ, PythonOperators.EQ),
            Map.entry(AstBinary.NE, PythonOperators.NE),
            Map.entry(AstBinary.LT, PythonOperators.LT),
            Map.entry(AstBinary.LE, PythonOperators.LE),
            Map.entry(AstBinary.GT, PythonOperators.GT),
            Map.entry(AstBinary.GE, PythonOperators.GE),
            Map.entry(AstBinary.AND, PythonOperators.AND),
            Map.entry(AstBinary.OR, PythonOperators.OR),
            Map.entry(OrOperator.OP, PythonOperators.OR));

    public PythonSyntaxBuilder() {
        super();
    }

    public PythonSyntaxBuilder(Feature... features) {
        super(features);
    }

    @Override
    protected Parser createParser(String expression) {
        return new PythonParser(this, expression);
    }

    private static final class PythonParser extends ExtendedParser {

        PythonParser(PythonSyntaxBuilder builder, String input) {
            super(builder, input);
            putExtensionHandler(AbsOperator.TOKEN, unary(PythonOperators.POS));
            putExtensionHandler(TruncDivOperator.TOKEN, binary(ExtensionPoint.MUL, PythonOperators.FLOOR_DIV));
            putExtensionHandler(PowerOfOperator.TOKEN, binary(ExtensionPoint.MUL, PythonOperators.POW));
            putExtensionHandler(StringConcatOperator.TOKEN, binary(ExtensionPoint.ADD, PythonOperators.CONCAT));
        }

        @Override
        protected AstBinary createAstBinary(AstNode left, AstNode right, AstBinary.Operator operator) {
            return new AstBinary(left, right, BINARY.getOrDefault(operator, operator));
        }

        @Override
        protected AstUnary createAstUnary(AstNode child, AstUnary.Operator operator) {
            if (operator == AstUnary.NEG) {
                return new AstUnary(child, PythonOperators.NEG);
            }
            if (operator == AstUnary.NOT) {
                return new AstUnary(child, PythonOperators.NOT);
            }
            return new AstUnary(child, operator);
        }

        /** A filter or test name resolves to its implementation; one that does not exist (or is disabled) fails. */
        @Override
        protected AstIdentifier createAstIdentifier(String name, int index) {
            if (!name.startsWith(FILTER_PREFIX) && !name.startsWith(EXPTEST_PREFIX)) {
                return super.createAstIdentifier(name, index);
            }
            return new AstIdentifier(name, index) {
                @Override
                public Object eval(Bindings bindings, ELContext context) {
                    Object library = super.eval(bindings, context);
                    if (library == null) {
                        boolean filter = name.startsWith(FILTER_PREFIX);
                        String what = filter ? "filter" : "test";
                        RenderScope scope = RenderScope.current();
                        throw scope.fail(scope.renderError("uses " + what + " '" + name.substring(name.indexOf(':') + 1)
                                + "', which does not exist or is disabled (disabled filters: "
                                + String.join(", ", new TreeSet<>(Sandbox.DISABLED_FILTERS)) + ")"));
                    }
                    return library;
                }
            };
        }

        /** Reading a field of None ({@code {{ nothing.name }}}, {@code nothing.upper()}) fails, as in Jinja2. */
        @Override
        protected AstDot createAstDot(AstNode prefix, String name, boolean lvalue) {
            return super.createAstDot(notNone(prefix, name), name, lvalue);
        }

        @Override
        protected AstBracket createAstBracket(AstNode base, AstNode property, boolean lvalue, boolean strict) {
            return super.createAstBracket(notNone(base, "[...]"), property, lvalue, strict);
        }

        private static AstNode notNone(AstNode prefix, String name) {
            if (prefix instanceof AstIdentifier identifier && (identifier.getName().startsWith(FILTER_PREFIX)
                    || identifier.getName().startsWith(EXPTEST_PREFIX) || identifier.getName().equals(INTERPRETER))) {
                return prefix;
            }
            return new AstRightValue() {
                @Override
                public Object eval(Bindings bindings, ELContext context) {
                    Object value = prefix.eval(bindings, context);
                    if (value == null) {
                        RenderScope scope = RenderScope.current();
                        throw scope.fail(scope.renderError("reads '" + name + "' of None (Jinja2: 'None' has no attribute '"
                                + name + "'); check the value first, e.g. {% if x is not none %}"));
                    }
                    return value;
                }

                @Override
                public void appendStructure(StringBuilder builder, Bindings bindings) {
                    prefix.appendStructure(builder, bindings);
                }

                @Override
                public int getCardinality() {
                    return 1;
                }

                @Override
                public AstNode getChild(int i) {
                    return i == 0 ? prefix : null;
                }

                @Override
                public String toString() {
                    return prefix.toString();
                }
            };
        }

        /** {@code 'x' if cond} without else is empty when false, as Jinja2's (printed) Undefined, not None. */
        @Override
        protected AstChoice createAstChoice(AstNode question, AstNode yes, AstNode no) {
            return super.createAstChoice(question, yes, no instanceof AstNull ? new AstString("") : no);
        }

        @Override
        protected Number parseInteger(String string) throws ParseException {
            BigInteger value = new BigInteger(string);
            return value.bitLength() < 64 ? (Number) value.longValue() : value;
        }

        private static ExtensionHandler unary(AstUnary.Operator operator) {
            return new ExtensionHandler(ExtensionPoint.UNARY) {
                @Override
                public AstNode createAstNode(AstNode... children) {
                    return new AstUnary(children[0], operator);
                }
            };
        }

        private static ExtensionHandler binary(ExtensionPoint point, AstBinary.Operator operator) {
            return new ExtensionHandler(point) {
                @Override
                public AstNode createAstNode(AstNode... children) {
                    return new AstBinary(children[0], children[1], operator);
                }
            };
        }
    }
}
