package dev.apitpl.core.asl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A comparison operator of a JSONPath Choice rule ({@code NumericGreaterThan}, its {@code NumericGreaterThanPath}
 * form, {@code IsPresent}, ...): the one table the validator checks operands against and the engine evaluates.
 *
 * @param name the field name as written
 * @param operand what the operand is (for a path form: what the path must select)
 * @param test what is compared or tested
 * @param pathForm the operand is a path to read, not a value
 */
public record ChoiceOperator(String name, Operand operand, Test test, boolean pathForm) {

    /** The operand an operator takes. */
    public enum Operand { STRING, NUMBER, BOOLEAN, TIMESTAMP, TRUE_OR_FALSE }

    /** What the operator checks. */
    public enum Test {
        EQUALS, LESS_THAN, GREATER_THAN, LESS_THAN_EQUALS, GREATER_THAN_EQUALS, MATCHES,
        IS_NULL, IS_PRESENT, IS_NUMERIC, IS_STRING, IS_BOOLEAN, IS_TIMESTAMP
    }

    private static final Map<String, ChoiceOperator> BY_NAME = table();

    private static Map<String, ChoiceOperator> table() {
        Map<String, ChoiceOperator> table = new LinkedHashMap<>();
        Map<String, Test> orderings = new LinkedHashMap<>();
        orderings.put("Equals", Test.EQUALS);
        orderings.put("LessThan", Test.LESS_THAN);
        orderings.put("GreaterThan", Test.GREATER_THAN);
        orderings.put("LessThanEquals", Test.LESS_THAN_EQUALS);
        orderings.put("GreaterThanEquals", Test.GREATER_THAN_EQUALS);
        Map<String, Operand> kinds = Map.of("String", Operand.STRING, "Numeric", Operand.NUMBER,
                "Timestamp", Operand.TIMESTAMP);
        for (String kind : List.of("String", "Numeric", "Timestamp")) {
            orderings.forEach((relation, test) -> {
                add(table, kind + relation, kinds.get(kind), test, false);
                add(table, kind + relation + "Path", kinds.get(kind), test, true);
            });
        }
        add(table, "BooleanEquals", Operand.BOOLEAN, Test.EQUALS, false);
        add(table, "BooleanEqualsPath", Operand.BOOLEAN, Test.EQUALS, true);
        add(table, "StringMatches", Operand.STRING, Test.MATCHES, false);
        add(table, "IsNull", Operand.TRUE_OR_FALSE, Test.IS_NULL, false);
        add(table, "IsPresent", Operand.TRUE_OR_FALSE, Test.IS_PRESENT, false);
        add(table, "IsNumeric", Operand.TRUE_OR_FALSE, Test.IS_NUMERIC, false);
        add(table, "IsString", Operand.TRUE_OR_FALSE, Test.IS_STRING, false);
        add(table, "IsBoolean", Operand.TRUE_OR_FALSE, Test.IS_BOOLEAN, false);
        add(table, "IsTimestamp", Operand.TRUE_OR_FALSE, Test.IS_TIMESTAMP, false);
        return Map.copyOf(table);
    }

    private static void add(Map<String, ChoiceOperator> table, String name, Operand operand, Test test, boolean path) {
        table.put(name, new ChoiceOperator(name, operand, test, path));
    }

    /** The operator with this field name, or null when the name is no comparison operator. */
    public static ChoiceOperator named(String name) {
        return BY_NAME.get(name);
    }

    /** Every operator by name. */
    public static Map<String, ChoiceOperator> byName() {
        return BY_NAME;
    }
}
