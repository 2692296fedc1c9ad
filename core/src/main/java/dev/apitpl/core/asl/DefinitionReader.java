package dev.apitpl.core.asl;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a definition into {@link AslNode}s with locations, noting syntax errors and duplicate keys, and applying
 * {@code ${Name}} placeholders as the mode says: inside strings they are substituted as text (as CloudFormation's
 * DefinitionSubstitutions do); a placeholder written as a bare JSON value stands for the whole value. This is the
 * one substituter of the project: the validator, the engine and every other reader of a definition go through it.
 */
final class DefinitionReader {

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final YAMLFactory YAML = YAMLFactory.builder().build();
    private static final Pattern PLACEHOLDER = Placeholder.PATTERN;
    /** How deeply objects and arrays may nest: Jackson's default, stated here for the problem's hint. */
    static final int MAX_NESTING = StreamReadConstraints.DEFAULT_MAX_DEPTH;

    private final PlaceholderMode mode;
    private final Map<String, String> substitutions;
    private final List<ReadProblem> problems = new ArrayList<>();
    private final List<Placeholder> placeholders = new ArrayList<>();
    /** Bare placeholders rewritten to strings before parsing, by the char offset of the string token. */
    private final Map<Long, String> barePlaceholders = new HashMap<>();
    /** The JSON text being parsed, to locate placeholders inside strings; null for YAML. */
    private String json;
    /**
     * While a substitution's value is read: the placeholder's location, which every part of the value takes (the
     * value's own text is not in the file). Null while the file itself is read.
     */
    private Location substitutionAt;

    private DefinitionReader(PlaceholderMode mode, Map<String, String> substitutions) {
        this.mode = mode;
        this.substitutions = substitutions;
    }

    /** What reading found: the root value (null when the text cannot be parsed), problems and placeholders. */
    record Result(AslNode root, List<ReadProblem> problems, List<Placeholder> placeholders) {}

    static Result read(String content, boolean yaml, PlaceholderMode mode, Map<String, String> substitutions) {
        DefinitionReader reader = new DefinitionReader(mode, substitutions);
        AslNode root = reader.read(content, yaml);
        return new Result(root, List.copyOf(reader.problems), List.copyOf(reader.placeholders));
    }

    private void report(ReadProblem.Kind kind, Location at, String message, String hint) {
        problems.add(new ReadProblem(kind, at, message, hint));
    }

    private AslNode read(String content, boolean yaml) {
        if (content.isBlank()) {
            report(ReadProblem.Kind.EMPTY_DEFINITION, new Location(1, 1), "the definition is empty",
                    "write a JSON object with StartAt and States");
            return null;
        }
        String text = yaml || mode == PlaceholderMode.NONE ? content : quoteBarePlaceholders(content);
        json = yaml ? null : text;
        JsonParser parser = null;
        try {
            parser = (yaml ? YAML : JSON).createParser(text);
            JsonToken first = parser.nextToken();
            if (first == null) {
                report(ReadProblem.Kind.EMPTY_DEFINITION, new Location(1, 1), "the definition is empty",
                        "write a JSON object with StartAt and States");
                return null;
            }
            AslNode root = readValue(parser);
            if (parser.nextToken() != null) {
                Location at = location(parser.currentTokenLocation());
                if (yaml) {
                    report(ReadProblem.Kind.SYNTAX, documentStart(content, at), "a second YAML document starts here",
                            "a definition is one YAML document: move the other one to a file of its own");
                } else {
                    report(ReadProblem.Kind.SYNTAX, at, "unexpected content after the end of the definition",
                            "a definition is a single JSON object");
                }
                return null;
            }
            return root;
        } catch (UnsupportedAlias alias) {
            report(ReadProblem.Kind.READER_LIMIT, alias.at, "YAML alias *" + alias.name + ": the validator does not resolve YAML anchors and"
                    + " aliases, so the definition was not checked (a limit of the validator, not necessarily a mistake)",
                    "write the value out in place of the alias, or leave the file out of validation (excludes)");
            return null;
        } catch (StreamConstraintsException e) {
            // the reader's own limits (nesting depth, number length): the definition may be fine, it was not checked
            // the parser stands just past the character that went over the limit
            Location past = parser == null ? Location.UNKNOWN : location(parser.currentLocation());
            Location at = new Location(past.line(), Math.max(past.column() - 1, Math.min(past.column(), 1)));
            report(ReadProblem.Kind.READER_LIMIT, at, "the definition exceeds a limit of the validator's " + (yaml ? "YAML" : "JSON") + " reader ("
                    + e.getOriginalMessage() + "), so it was not checked (a limit of the validator, not necessarily a mistake)",
                    "keep objects and arrays nested at most " + MAX_NESTING + " levels deep");
            return null;
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            Location at = where == null ? Location.UNKNOWN : location(where);
            report(ReadProblem.Kind.SYNTAX, at, (yaml ? "malformed YAML: " : "malformed JSON: ") + e.getOriginalMessage(),
                    yaml ? "fix the YAML syntax at this position" : "fix the JSON syntax at this position (a missing comma, brace or quote?)");
            return null;
        } catch (IOException e) {
            report(ReadProblem.Kind.SYNTAX, Location.UNKNOWN, "cannot read the definition: " + e.getMessage(), null);
            return null;
        } finally {
            closeQuietly(parser);
        }
    }

    /** The {@code ---} line that starts the YAML document whose first token is at {@code token}, else the token. */
    private static Location documentStart(String content, Location token) {
        String[] lines = content.split("\n", -1);
        for (int line = Math.min(token.line(), lines.length); line >= 1; line--) {
            if (lines[line - 1].startsWith("---")) {
                return new Location(line, 1);
            }
        }
        return token;
    }

    /** A YAML alias ({@code *name}), which the validator does not resolve. */
    private static final class UnsupportedAlias extends IOException {
        final String name;
        final Location at;

        UnsupportedAlias(String name, Location at) {
            super("YAML alias *" + name, null);
            this.name = name;
            this.at = at;
        }
    }

    private static void closeQuietly(JsonParser parser) {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException ignored) {
                // reading a string: nothing to release
            }
        }
    }

    private AslNode readValue(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        Location at = here(parser);
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            throw new UnsupportedAlias(parser.getText(), at);
        }
        switch (token) {
            case START_OBJECT:
                LinkedHashMap<String, AslNode.Member> members = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    Location keyAt = here(parser);
                    String name = substitute(parser.currentName(), keyAt,
                            parser.currentTokenLocation().getCharOffset()).text;
                    parser.nextToken();
                    AslNode value = readValue(parser);
                    AslNode.Member previous = members.get(name);
                    if (previous != null) {
                        report(ReadProblem.Kind.DUPLICATE_KEY, keyAt, "duplicate key '" + name + "' (first at line "
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
                String bare = barePlaceholders.isEmpty() || substitutionAt != null ? null
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
        if (mode != PlaceholderMode.TOLERATE || members.size() != 1) {
            return false;
        }
        String key = members.keySet().iterator().next();
        return key.equals("Ref") || key.startsWith("Fn::");
    }

    /** A placeholder written as a whole JSON value: the substitution's JSON value, or a value of unknown type. */
    private AslNode barePlaceholder(String name, Location at) {
        String value = substitutions.get(name);
        placeholders.add(new Placeholder(name, at, value != null, true));
        if (value == null) {
            return AslNode.scalar(AslNode.Kind.PLACEHOLDER, at, "${" + name + "}", true);
        }
        // CloudFormation writes the value's text in place of the placeholder, once: the value is read as JSON,
        // without looking for placeholders in it, and each of its parts is located at the placeholder.
        substitutionAt = at;
        try (JsonParser parser = JSON.createParser(value)) {
            if (parser.nextToken() != null) {
                AslNode parsed = readValue(parser);
                if (parser.nextToken() == null) {
                    return parsed;
                }
            }
        } catch (IOException notJson) {
            // reported below: CloudFormation would write text that is not JSON into the definition
        } finally {
            substitutionAt = null;
        }
        report(ReadProblem.Kind.SYNTAX, at, "placeholder ${" + name + "} stands for a whole JSON value, but its"
                + " substitution " + (value.isBlank() ? "is empty" : "'" + abbreviate(value) + "' is not one JSON value")
                + ": the definition AWS receives is malformed JSON", "give " + name + " a JSON value (a number, true,"
                + " false, null, a quoted string, an object or an array), or write the placeholder inside quotes");
        return AslNode.scalar(AslNode.Kind.PLACEHOLDER, at, "${" + name + "}", true);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    /** Where the current token is written: in the file, or the placeholder a substitution value stands in for. */
    private Location here(JsonParser parser) {
        return substitutionAt != null ? substitutionAt : location(parser.currentTokenLocation());
    }

    private record Substituted(String text, boolean unresolved, boolean wholeUnresolved) {}

    private Substituted substitute(String text, Location at, long quoteOffset) {
        if (mode == PlaceholderMode.NONE || substitutionAt != null || text.indexOf("${") < 0) {
            return new Substituted(text, false, false);
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder result = new StringBuilder();
        boolean unresolved = false;
        boolean whole = false;
        int searchFrom = (int) quoteOffset + 1; // where the next placeholder is looked for in the file's text
        while (matcher.find()) {
            String value = substitutions.get(matcher.group(1));
            int found = json == null || quoteOffset < 0 ? -1 : json.indexOf(matcher.group(), searchFrom);
            if (found >= 0) {
                searchFrom = found + matcher.group().length();
            }
            boolean wholeString = matcher.start() == 0 && matcher.end() == text.length();
            placeholders.add(new Placeholder(matcher.group(1), within(at, quoteOffset, found), value != null, false));
            if (value == null) {
                unresolved = true;
                whole = wholeString;
                value = matcher.group();
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(result);
        return new Substituted(result.toString(), unresolved, whole);
    }

    /** Where a placeholder found at offset {@code found} is, inside the JSON string starting at {@code quoteOffset}. */
    private Location within(Location string, long quoteOffset, int found) {
        if (found < 0 || found >= json.length()) {
            return string;
        }
        int end = json.indexOf('\n', (int) quoteOffset + 1);
        if (end >= 0 && found > end) {
            return string; // not on the string's line: a string holds no line break, so it is not this string's
        }
        return new Location(string.line(), string.column() + (found - (int) quoteOffset));
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
