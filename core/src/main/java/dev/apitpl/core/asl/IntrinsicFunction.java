package dev.apitpl.core.asl;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The 18 intrinsic functions of ASL with how many arguments each takes: the one table of names and arity. */
public enum IntrinsicFunction {
    FORMAT("States.Format", 1, -1, false),
    STRING_TO_JSON("States.StringToJson", 1, 1, false),
    JSON_TO_STRING("States.JsonToString", 1, 1, false),
    ARRAY("States.Array", 0, -1, false),
    ARRAY_PARTITION("States.ArrayPartition", 2, 2, false),
    ARRAY_CONTAINS("States.ArrayContains", 2, 2, false),
    ARRAY_RANGE("States.ArrayRange", 3, 3, true),
    ARRAY_GET_ITEM("States.ArrayGetItem", 2, 2, false),
    ARRAY_LENGTH("States.ArrayLength", 1, 1, false),
    ARRAY_UNIQUE("States.ArrayUnique", 1, 1, false),
    BASE64_ENCODE("States.Base64Encode", 1, 1, false),
    BASE64_DECODE("States.Base64Decode", 1, 1, false),
    HASH("States.Hash", 2, 2, false),
    JSON_MERGE("States.JsonMerge", 3, 3, false),
    MATH_RANDOM("States.MathRandom", 2, 3, true),
    MATH_ADD("States.MathAdd", 2, 2, true),
    STRING_SPLIT("States.StringSplit", 2, 2, false),
    UUID("States.UUID", 0, 0, false);

    private static final Map<String, IntrinsicFunction> BY_NAME;

    static {
        Map<String, IntrinsicFunction> byName = new LinkedHashMap<>();
        Arrays.stream(values()).forEach(function -> byName.put(function.aslName, function));
        BY_NAME = Collections.unmodifiableMap(byName);
    }

    private final String aslName;
    private final int minArguments;
    private final int maxArguments;
    private final boolean numeric;

    IntrinsicFunction(String aslName, int minArguments, int maxArguments, boolean numeric) {
        this.aslName = aslName;
        this.minArguments = minArguments;
        this.maxArguments = maxArguments;
        this.numeric = numeric;
    }

    /** The name as written, e.g. {@code States.Format}. */
    public String aslName() {
        return aslName;
    }

    public int minArguments() {
        return minArguments;
    }

    /** The most arguments, or -1 for no limit. */
    public int maxArguments() {
        return maxArguments;
    }

    /** Whether every argument must be a number (a literal, or read from a path or another call). */
    public boolean numeric() {
        return numeric;
    }

    /** The function with this name, or null. */
    public static IntrinsicFunction named(String name) {
        return BY_NAME.get(name);
    }

    /** Every function by name, in the order AWS documents them. */
    public static Map<String, IntrinsicFunction> byName() {
        return BY_NAME;
    }

    /** "1", "at least 1", "2 to 3": the arity as a message says it. */
    String arityText() {
        return maxArguments < 0 ? "at least " + minArguments
                : minArguments == maxArguments ? String.valueOf(minArguments) : minArguments + " to " + maxArguments;
    }
}
