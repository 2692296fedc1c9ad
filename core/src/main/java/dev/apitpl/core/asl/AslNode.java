package dev.apitpl.core.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON value of a definition with the location it starts at, and the location of each object key.
 * Values still carrying an unresolved {@code ${Name}} placeholder say so, so that rules can leave them alone.
 */
public final class AslNode {

    /** The JSON type of a value; {@link #PLACEHOLDER} is an unresolved placeholder standing for any value. */
    public enum Kind { OBJECT, ARRAY, STRING, NUMBER, BOOLEAN, NULL, PLACEHOLDER }

    /** One key of an object with where the key is written. */
    public record Member(String name, Location keyLocation, AslNode value) {}

    private final Kind kind;
    private final Location location;
    private final String text;
    private final boolean carriesPlaceholder;
    private final Map<String, Member> members;
    private final List<AslNode> elements;

    private AslNode(Kind kind, Location location, String text, boolean carriesPlaceholder,
                    Map<String, Member> members, List<AslNode> elements) {
        this.kind = kind;
        this.location = location;
        this.text = text;
        this.carriesPlaceholder = carriesPlaceholder;
        this.members = members;
        this.elements = elements;
    }

    static AslNode scalar(Kind kind, Location location, String text, boolean carriesPlaceholder) {
        return new AslNode(kind, location, text, carriesPlaceholder, Map.of(), List.of());
    }

    static AslNode object(Location location, LinkedHashMap<String, Member> members) {
        return new AslNode(Kind.OBJECT, location, null, false, Collections.unmodifiableMap(members), List.of());
    }

    static AslNode array(Location location, List<AslNode> elements) {
        return new AslNode(Kind.ARRAY, location, null, false, Map.of(), Collections.unmodifiableList(elements));
    }

    public Kind kind() {
        return kind;
    }

    public Location location() {
        return location;
    }

    public boolean isObject() {
        return kind == Kind.OBJECT;
    }

    public boolean isArray() {
        return kind == Kind.ARRAY;
    }

    /** A string value (not an unresolved placeholder standing for a whole value). */
    public boolean isString() {
        return kind == Kind.STRING;
    }

    public boolean isNumber() {
        return kind == Kind.NUMBER;
    }

    public boolean isBoolean() {
        return kind == Kind.BOOLEAN;
    }

    public boolean isNull() {
        return kind == Kind.NULL;
    }

    /** The whole value is an unresolved placeholder: it may stand for any JSON value. */
    public boolean isPlaceholder() {
        return kind == Kind.PLACEHOLDER;
    }

    /** The value is, or is a string that contains, an unresolved placeholder: its final form is unknown. */
    public boolean carriesPlaceholder() {
        return carriesPlaceholder;
    }

    /** The string value, the number as written, {@code true}/{@code false}, or the placeholder text; else null. */
    public String text() {
        return text;
    }

    /** The number's value, or null when this is not a number. */
    public BigDecimal decimal() {
        return kind == Kind.NUMBER ? new BigDecimal(text) : null;
    }

    /** True for an integral number (written {@code 5} or {@code 5.0}). */
    public boolean isIntegral() {
        if (kind != Kind.NUMBER) {
            return false;
        }
        BigDecimal value = decimal();
        return value.signum() == 0 || value.scale() <= 0 || value.stripTrailingZeros().scale() <= 0;
    }

    /** The keys of an object in document order (empty for other kinds). */
    public Collection<Member> members() {
        return members.values();
    }

    /** The member named {@code name}, or null. */
    public Member member(String name) {
        return members.get(name);
    }

    /** The value of member {@code name}, or null. */
    public AslNode get(String name) {
        Member member = members.get(name);
        return member == null ? null : member.value();
    }

    public boolean has(String name) {
        return members.containsKey(name);
    }

    /** The elements of an array (empty for other kinds). */
    public List<AslNode> elements() {
        return elements;
    }

    /** Keeps decimals as written ({@code 1.10} stays {@code 1.10}), as AWS passes them through states. */
    private static final JsonNodeFactory EXACT = dev.apitpl.runtime.json.Json.nodes();

    /**
     * The value as a Jackson tree, without locations, with the node types a JSON reader gives (integral numbers as
     * int, long or big-integer nodes, others as exact decimals); an unresolved placeholder becomes its text.
     */
    public JsonNode toJsonNode() {
        JsonNodeFactory factory = EXACT;
        switch (kind) {
            case OBJECT:
                ObjectNode object = factory.objectNode();
                members.values().forEach(member -> object.set(member.name(), member.value().toJsonNode()));
                return object;
            case ARRAY:
                ArrayNode array = factory.arrayNode();
                elements.forEach(element -> array.add(element.toJsonNode()));
                return array;
            case NUMBER:
                return number(factory);
            case BOOLEAN:
                return factory.booleanNode(Boolean.parseBoolean(text));
            case NULL:
                return factory.nullNode();
            default:
                return factory.textNode(text);
        }
    }

    private JsonNode number(JsonNodeFactory factory) {
        boolean integral = text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
        try {
            if (!integral) {
                return factory.numberNode(new BigDecimal(text));
            }
            BigInteger value = new BigInteger(text);
            if (value.bitLength() < 32) {
                return factory.numberNode(value.intValue());
            }
            return value.bitLength() < 64 ? factory.numberNode(value.longValue()) : factory.numberNode(value);
        } catch (NumberFormatException notDecimal) {
            return factory.textNode(text); // a YAML number form JSON has no notation for (0x1F, .inf): kept as written
        }
    }

    @Override
    public String toString() {
        return kind + (text == null ? "" : "(" + text + ")") + "@" + location.line() + ":" + location.column();
    }
}
