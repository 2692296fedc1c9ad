package dev.apitpl.core.validate.asl;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.apitpl.core.validate.asl.AslValidationOptions.PlaceholderMode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a definition into {@link AslNode}s with locations, reporting syntax errors and duplicate keys, and applying
 * {@code ${Name}} placeholders as the options say: inside strings they are substituted as text (as CloudFormation's
 * DefinitionSubstitutions do); a placeholder written as a bare JSON value stands for the whole value.
 */
final class DefinitionReader {

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final YAMLFactory YAML = YAMLFactory.builder().build();
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^{}\\s\"]+)}");

    private final AslValidationOptions options;
    private final Findings findings;
    /** Bare placeholders rewritten to strings before parsing, by the char offset of the string token. */
    private final Map<Long, String> barePlaceholders = new HashMap<>();
    /** The JSON text being parsed, to locate placeholders inside strings; null for YAML. */
    private String json;

    private DefinitionReader(AslValidationOptions options, Findings findings) {
        this.options = options;
        this.findings = findings;
    }

    /** The definition's root value, or null when it cannot be parsed (the reason is reported). */
    static AslNode read(String content, boolean yaml, AslValidationOptions options, Findings findings) {
        return new DefinitionReader(options, findings).read(content, yaml);
    }

    private AslNode read(String content, boolean yaml) {
        if (content.isBlank()) {
            findings.report(AslRule.EMPTY_DEFINITION, new Location(1, 1), "the definition is empty",
                    "write a JSON object with StartAt and States");
            return null;
        }
        String text = yaml || options.placeholders() == PlaceholderMode.NONE ? content : quoteBarePlaceholders(content);
        json = yaml ? null : text;
        try (JsonParser parser = (yaml ? YAML : JSON).createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                findings.report(AslRule.EMPTY_DEFINITION, new Location(1, 1), "the definition is empty",
                        "write a JSON object with StartAt and States");
                return null;
            }
            AslNode root = readValue(parser);
            if (!yaml && parser.nextToken() != null) {
                Location at = location(parser.currentTokenLocation());
                findings.report(AslRule.JSON_SYNTAX, at, "unexpected content after the end of the definition",
                        "a definition is a single JSON object");
                return null;
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            Location at = where == null ? Location.UNKNOWN : location(where);
            findings.report(AslRule.JSON_SYNTAX, at, (yaml ? "malformed YAML: " : "malformed JSON: ") + e.getOriginalMessage(),
                    yaml ? "fix the YAML syntax at this position" : "fix the JSON syntax at this position (a missing comma, brace or quote?)");
            return null;
        } catch (IOException e) {
            findings.report(AslRule.JSON_SYNTAX, Location.UNKNOWN, "cannot read the definition: " + e.getMessage(), null);
            return null;
        }
    }

    private AslNode readValue(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        Location at = location(parser.currentTokenLocation());
        switch (token) {
            case START_OBJECT:
                LinkedHashMap<String, AslNode.Member> members = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    Location keyAt = location(parser.currentTokenLocation());
                    String name = substitute(parser.currentName(), keyAt,
                            parser.currentTokenLocation().getCharOffset()).text;
                    parser.nextToken();
                    AslNode value = readValue(parser);
                    AslNode.Member previous = members.get(name);
                    if (previous != null) {
                        findings.report(AslRule.DUPLICATE_KEY, keyAt, "duplicate key '" + name + "' (first at line "
                                + previous.keyLocation().line() + ")", "remove one of them: AWS rejects duplicate keys");
                    }
                    members.put(name, new AslNode.Member(name, keyAt, value));
                }
                if (isTemplateFunction(members)) {
                    return AslNode.scalar(AslNode.Kind.PLACEHOLDER, at, "{" + members.keySet().iterator().next() + "}", true);
                }
                return AslNode.object(at, members);
            case START_ARRAY:
                List<AslNode> elements = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    elements.add(readValue(parser));
                }
                return AslNode.array(at, elements);
            case VALUE_STRING:
                String bare = barePlaceholders.isEmpty() ? null
                        : barePlaceholders.get(parser.currentTokenLocation().getCharOffset());
                if (bare != null) {
                    return barePlaceholder(bare, at);
                }
                Substituted string = substitute(parser.getText(), at, parser.currentTokenLocation().getCharOffset());
                if (string.wholeUnresolved) {
                    return AslNode.scalar(AslNode.Kind.PLACEHOLDER, at, string.text, true);
                }
                return AslNode.scalar(AslNode.Kind.STRING, at, string.text, string.unresolved);
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return AslNode.scalar(AslNode.Kind.NUMBER, at, parser.getText(), false);
            case VALUE_TRUE:
            case VALUE_FALSE:
                String written = parser.getText();
                if (!written.equals("true") && !written.equals("false")) {
                    // YAML 1.1 reads Yes/No/On/Off as booleans; AWS tooling (YAML 1.2) keeps them as strings
                    return AslNode.scalar(AslNode.Kind.STRING, at, written, false);
                }
                return AslNode.scalar(AslNode.Kind.BOOLEAN, at, written, false);
            case VALUE_NULL:
                return AslNode.scalar(AslNode.Kind.NULL, at, null, false);
            default:
                // YAML tags or embedded objects: keep their text so rules see an opaque string
                return AslNode.scalar(AslNode.Kind.STRING, at, parser.getText(), false);
        }
    }

    /**
     * A CloudFormation intrinsic ({@code {"Ref": ...}}, {@code {"Fn::GetAtt": ...}}) in a definition embedded in a
     * template: in tolerant mode it stands for the value CloudFormation resolves it to.
     */
    private boolean isTemplateFunction(Map<String, AslNode.Member> members) {
        if (options.placeholders() != PlaceholderMode.TOLERATE || members.size() != 1) {
            return false;
        }
        String key = members.keySet().iterator().next();
        return key.equals("Ref") || key.startsWith("Fn::");
    }

    /** A placeholder written as a whole JSON value: the substitution's JSON value, or a value of unknown type. */
    private AslNode barePlaceholder(String name, Location at) {
        String value = options.substitutions().get(name);
        if (value == null) {
            unresolved(name, at);
            return AslNode.scalar(AslNode.Kind.PLACEHOLDER, at, "${" + name + "}", true);
        }
        try (JsonParser parser = JSON.createParser(value)) {
            parser.nextToken();
            AslNode parsed = readValue(parser);
            if (parser.nextToken() == null) {
                return relocate(parsed, at);
            }
        } catch (IOException notJson) {
            // falls through: CloudFormation would produce broken JSON, report what the text turns into
        }
        return AslNode.scalar(AslNode.Kind.STRING, at, value, false);
    }

    private static AslNode relocate(AslNode parsed, Location at) {
        return switch (parsed.kind()) {
            case OBJECT, ARRAY -> parsed;
            default -> AslNode.scalar(parsed.kind(), at, parsed.text(), false);
        };
    }

    private record Substituted(String text, boolean unresolved, boolean wholeUnresolved) {}

    private Substituted substitute(String text, Location at, long quoteOffset) {
        if (options.placeholders() == PlaceholderMode.NONE || text.indexOf("${") < 0) {
            return new Substituted(text, false, false);
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder result = new StringBuilder();
        boolean unresolved = false;
        boolean whole = false;
        while (matcher.find()) {
            String value = options.substitutions().get(matcher.group(1));
            if (value == null) {
                unresolved = true;
                whole = matcher.start() == 0 && matcher.end() == text.length();
                unresolved(matcher.group(1), within(at, quoteOffset, matcher.group()));
                value = matcher.group();
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(result);
        return new Substituted(result.toString(), unresolved, whole);
    }

    /** Where {@code placeholder} is written inside the JSON string starting at {@code quoteOffset} (same line). */
    private Location within(Location string, long quoteOffset, String placeholder) {
        if (json == null || quoteOffset < 0 || quoteOffset >= json.length()) {
            return string;
        }
        int start = (int) quoteOffset + 1;
        int end = json.indexOf('\n', start);
        int found = json.indexOf(placeholder, start);
        if (found < 0 || (end >= 0 && found > end)) {
            return string;
        }
        return new Location(string.line(), string.column() + (found - (int) quoteOffset));
    }

    private void unresolved(String name, Location at) {
        if (options.placeholders() == PlaceholderMode.SUBSTITUTE) {
            findings.report(AslRule.PLACEHOLDER_UNRESOLVED, at, "placeholder ${" + name + "} has no substitution",
                    "add '" + name + "' to the substitutions (DefinitionSubstitutions)");
        }
    }

    /**
     * Rewrites each {@code ${Name}} outside JSON strings into a string of the same length, so that the JSON parses
     * and every location stays where it is in the file.
     */
    private String quoteBarePlaceholders(String content) {
        StringBuilder out = null;
        boolean inString = false;
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '$' && i + 1 < content.length() && content.charAt(i + 1) == '{') {
                Matcher matcher = PLACEHOLDER.matcher(content).region(i, content.length());
                if (matcher.lookingAt()) {
                    if (out == null) {
                        out = new StringBuilder(content);
                    }
                    String name = matcher.group(1);
                    out.replace(i, matcher.end(), "\"$" + name + "\"");
                    barePlaceholders.put((long) i, name);
                    i = matcher.end() - 1;
                }
            }
        }
        return out == null ? content : out.toString();
    }

    private static Location location(JsonLocation where) {
        return new Location(Math.max(where.getLineNr(), 0), Math.max(where.getColumnNr(), 0));
    }
}
