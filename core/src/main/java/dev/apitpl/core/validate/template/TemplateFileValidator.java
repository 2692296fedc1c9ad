package dev.apitpl.core.validate.template;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.serialization.NodeReader;
import com.networknt.schema.serialization.node.TokenStreamLocationAware;
import dev.apitpl.core.validate.Problem;
import dev.apitpl.core.validate.ValidatorLimit;
import dev.apitpl.runtime.render.Sandbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates one API template file: the template JSON Schema, the Jinja of every templated field (url, header and
 * query values, body strings), parameters used against those declared, the method and the URL. Every problem is
 * located at the line and column of the offending character in the file, inside string values too.
 * Instances are reusable and thread-safe.
 */
public final class TemplateFileValidator {

    /** The template file format's schema, published by the runtime beside the template model. */
    public static final String SCHEMA_RESOURCE = "/dev/apitpl/runtime/template.schema.json";

    static final Set<String> HTTP_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final Set<String> METHODS_WITHOUT_BODY = Set.of("GET", "HEAD");
    private static final Pattern JINJA_BLOCK = Pattern.compile("\\{\\{.*?}}|\\{%.*?%}|\\{#.*?#}", Pattern.DOTALL);

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final NodeReader reader = NodeReader.builder().locationAware().build();
    private final Schema templateSchema;
    private final Schema metaSchema;
    private final JinjaInspector inspector = new JinjaInspector(Sandbox.disabled());

    public TemplateFileValidator() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        try (InputStream schema = TemplateFileValidator.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (schema == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the classpath: apitpl-runtime must be"
                        + " on the classpath beside apitpl-core");
            }
            templateSchema = registry.getSchema(schema, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SCHEMA_RESOURCE, e);
        }
        metaSchema = registry.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));
    }

    public TemplateValidation validate(Path file, String content) {
        if (content.startsWith("\uFEFF")) {
            content = content.substring(1); // a UTF-8 byte order mark is not part of the JSON text
        }
        FileCheck check = new FileCheck(file, content);
        JsonNode root;
        try {
            root = reader.readTree(content, InputFormat.JSON);
        } catch (IOException | IllegalArgumentException e) {
            // the schema library wraps Jackson's parse error in an IllegalArgumentException
            Throwable cause = e instanceof JsonProcessingException ? e : e.getCause();
            if (cause instanceof StreamConstraintsException limit) {
                // the reader's own limits: the file may be fine, it was not checked; the reader does not say where
                int offset = Math.max(0, ValidatorLimit.offsetBeyondDepth(content, StreamReadConstraints.DEFAULT_MAX_DEPTH));
                SourcePosition at = check.positionOf(offset);
                check.problems.add(ValidatorLimit.problem(file, at.line(), at.column(), "the template exceeds a limit of"
                        + " the validator's JSON reader (" + limit.getOriginalMessage() + "), so it was not checked (a limit"
                        + " of the validator, not necessarily a mistake)", "keep objects and arrays nested at most "
                        + StreamReadConstraints.DEFAULT_MAX_DEPTH + " levels deep"));
                return check.result(Optional.empty());
            }
            if (!(cause instanceof JsonProcessingException malformed)) {
                check.add(TemplateRule.JSON_SYNTAX, 1, 1, "cannot be read as JSON: " + e.getMessage(),
                        "a template file is one JSON object");
                return check.result(Optional.empty());
            }
            JsonLocation at = malformed.getLocation();
            check.add(TemplateRule.JSON_SYNTAX, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    "not valid JSON: " + malformed.getOriginalMessage(), "a template file is one JSON object");
            return check.result(Optional.empty());
        }
        if (root == null || root.isMissingNode()) {
            check.add(TemplateRule.JSON_SYNTAX, 1, 1, "the file is empty", "a template file is one JSON object");
            return check.result(Optional.empty());
        }
        JsonLocation trailing = trailingContent(content);
        if (trailing != null) {
            check.add(TemplateRule.JSON_SYNTAX, trailing.getLineNr(), trailing.getColumnNr(),
                    "content after the template's JSON object", "a template file is one JSON object");
        }
        for (Error error : templateSchema.validate(root)) {
            if (error.getInstanceNode() != null && error.getInstanceNode() == root.get("method")
                    && error.getInstanceNode().isTextual()) {
                continue; // TPL-METHOD says the same with a fix
            }
            check.add(TemplateRule.SCHEMA, error.getInstanceNode(), error.getMessage(), null);
        }
        if (!root.isObject()) {
            return check.result(Optional.empty());
        }
        check.fields(root);
        check.parameters(root.get("parameters"));
        String method = check.method(root.get("method"), root.get("body"));
        check.url(root.get("url"));
        JsonNode name = root.get("name");
        Optional<TemplateKey> key = name != null && name.isTextual() && method != null
                ? Optional.of(new TemplateKey(name.asText(), method)) : Optional.empty();
        return check.result(key);
    }

    /** Where something follows the file's first JSON value, or null when nothing does. */
    private static JsonLocation trailingContent(String content) {
        try (JsonParser parser = JSON.createParser(content)) {
            parser.nextToken();
            parser.skipChildren();
            return parser.nextToken() == null ? null : parser.currentTokenLocation();
        } catch (JsonProcessingException e) {
            return e.getLocation();
        } catch (IOException e) {
            return null; // reading a string
        }
    }

    /**
     * The url with each Jinja part replaced by something valid where it stands, so that only the literal text can make
     * it invalid: a digit for an expression in the port, nothing for a tag or comment in the host and port, {@code x}
     * elsewhere.
     */
    static String sampleUrl(String url) {
        StringBuilder sample = new StringBuilder();
        Matcher jinja = JINJA_BLOCK.matcher(url);
        int end = 0;
        while (jinja.find()) {
            sample.append(url, end, jinja.start());
            boolean expression = jinja.group().startsWith("{{");
            String authority = authoritySoFar(sample);
            if (authority == null) {
                sample.append('x');
            } else if (expression) {
                String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
                int colon = hostAndPort.lastIndexOf(':');
                boolean port = colon >= 0 && hostAndPort.indexOf(']', colon) < 0
                        && hostAndPort.substring(colon + 1).chars().allMatch(Character::isDigit);
                sample.append(port ? '1' : 'x');
            }
            end = jinja.end();
        }
        return sample.append(url.substring(end)).toString();
    }

    /** The authority written so far when {@code prefix} ends inside it (after "scheme://", before any / ? #), else null. */
    private static String authoritySoFar(CharSequence prefix) {
        String text = prefix.toString();
        int scheme = text.indexOf("://");
        if (scheme < 0) {
            return null;
        }
        String authority = text.substring(scheme + 3);
        return authority.indexOf('/') < 0 && authority.indexOf('?') < 0 && authority.indexOf('#') < 0 ? authority : null;
    }

    /** The state of validating one file. */
    private final class FileCheck {
        final Path file;
        final String content;
        final int[] lineStarts;
        final List<Problem> problems = new ArrayList<>();
        final Set<String> schemaLocations = new HashSet<>();
        final Map<String, SourcePosition> usedParameters = new LinkedHashMap<>();
        final Set<String> secretNames = new LinkedHashSet<>();
        JsonNode urlNode;
        /** By identity: two equal values are still different fields. */
        final Set<JsonNode> queryValues = Collections.newSetFromMap(new IdentityHashMap<>());
        /** Fields refused whole (syntax, unknown or disabled tag) or not inspected in full: what they use is unknown. */
        final Set<JsonNode> unparsedFields = Collections.newSetFromMap(new IdentityHashMap<>());

        FileCheck(Path file, String content) {
            this.file = file;
            this.content = content;
            this.lineStarts = JsonStringSpan.lineStarts(content);
        }

        void add(TemplateRule rule, int line, int column, String message, String hint) {
            if (rule == TemplateRule.SCHEMA) {
                schemaLocations.add(line + ":" + column);
            } else if (schemaLocations.contains(line + ":" + column)) {
                return; // the schema already said what is wrong here
            }
            problems.add(new Problem(file, line, column, rule.severity(), rule.id(), message, hint));
        }

        void add(TemplateRule rule, JsonNode node, String message, String hint) {
            SourcePosition at = position(node);
            add(rule, at.line(), at.column(), message, hint);
        }

        /** Line and column of a character offset in the file. */
        SourcePosition positionOf(int offset) {
            int line = Arrays.binarySearch(lineStarts, offset);
            line = line >= 0 ? line : -line - 2;
            return new SourcePosition(line + 1, offset - lineStarts[line] + 1);
        }

        SourcePosition position(JsonNode node) {
            if (node instanceof TokenStreamLocationAware located) {
                JsonLocation location = located.tokenStreamLocation();
                return new SourcePosition(location.getLineNr(), location.getColumnNr());
            }
            return new SourcePosition(0, 0);
        }

        /** Jinja in url, header and query values and every string of the body (keys included). */
        void fields(JsonNode root) {
            urlNode = root.get("url");
            JsonNode query = root.get("query");
            if (query != null && query.isObject()) {
                query.forEach(queryValues::add);
            }
            templated(urlNode);
            for (String container : List.of("headers", "query")) {
                JsonNode values = root.get(container);
                if (values != null && values.isObject()) {
                    values.forEach(this::templatedLeaves);
                }
            }
            JsonNode body = root.get("body");
            if (body != null) {
                templatedLeaves(body);
            }
        }

        void templatedLeaves(JsonNode node) {
            if (node.isTextual()) {
                templated(node);
            } else if (node.isContainerNode()) {
                node.forEach(this::templatedLeaves);
            }
        }

        void templated(JsonNode node) {
            if (node == null || !node.isTextual() || !(node instanceof TokenStreamLocationAware located)) {
                return;
            }
            JsonStringSpan span = JsonStringSpan.at(content, lineStarts, (int) located.tokenStreamLocation().getCharOffset());
            JinjaInspector.Findings findings = inspector.inspect(node.asText());
            if (!findings.complete()) {
                unparsedFields.add(node);
            }
            for (JinjaInspector.Issue issue : findings.issues()) {
                SourcePosition at = span.position(issue.offset());
                if (issue.rule() == null) {
                    problems.add(ValidatorLimit.problem(file, at.line(), at.column(), issue.message(), issue.hint()));
                } else {
                    add(issue.rule(), at.line(), at.column(), issue.message(), issue.hint());
                }
            }
            for (JinjaInspector.VariableUse use : findings.variables()) {
                usedParameters.putIfAbsent(use.name(), span.position(use.offset()));
            }
            for (JinjaInspector.SecretUse secret : findings.secrets()) {
                secretNames.add(secret.name());
            }
            if (!findings.secrets().isEmpty() && isInUrlOrQuery(node)) {
                SourcePosition at = span.position(findings.secrets().get(0).offset());
                add(TemplateRule.SECRET_IN_URL, at.line(), at.column(),
                        "secret('" + findings.secrets().get(0).name() + "') is sent in the URL, which proxies and servers log",
                        "send it in a header such as Authorization");
            }
        }

        boolean isInUrlOrQuery(JsonNode node) {
            return node == urlNode || queryValues.contains(node);
        }

        void parameters(JsonNode parameters) {
            Map<String, JsonNode> declared = new LinkedHashMap<>();
            if (parameters != null && parameters.isObject()) {
                for (Error error : metaSchema.validate(parameters)) {
                    add(TemplateRule.SCHEMA, error.getInstanceNode(),
                            "\"parameters\" is not a valid JSON Schema: " + error.getMessage(), null);
                }
                JsonNode properties = parameters.get("properties");
                if (properties != null && properties.isObject()) {
                    properties.fields().forEachRemaining(field -> declared.put(field.getKey(), field.getValue()));
                }
            }
            usedParameters.forEach((name, at) -> {
                if (!declared.containsKey(name)) {
                    add(TemplateRule.PARAM_UNDECLARED, at.line(), at.column(),
                            "parameter '" + name + "' is used but not declared",
                            "declare it under \"parameters\": {\"properties\": {\"" + name + "\": {\"type\": \"string\"}}}");
                }
            });
            if (unparsedFields.isEmpty()) {
                declared.forEach((name, schema) -> {
                    if (!usedParameters.containsKey(name)) {
                        add(TemplateRule.PARAM_UNUSED, schema, "parameter '" + name + "' is declared but no field uses it",
                                "use it as {{ " + name + " }} or remove its declaration");
                    }
                });
            }
        }

        /** The method, upper case, when it is a known HTTP method. */
        String method(JsonNode method, JsonNode body) {
            if (method == null || !method.isTextual()) {
                return null;
            }
            String name = method.asText();
            if (!HTTP_METHODS.contains(name)) {
                String upper = name.toUpperCase(Locale.ROOT);
                add(TemplateRule.METHOD, method, "'" + name + "' is not an HTTP method",
                        HTTP_METHODS.contains(upper) ? "write it in upper case: \"" + upper + "\""
                                : "use one of " + String.join(", ", HTTP_METHODS.stream().sorted().toList()));
                return null;
            }
            if (METHODS_WITHOUT_BODY.contains(name) && body != null && !body.isNull()
                    && !(body.isTextual() && body.asText().isEmpty())) {
                add(TemplateRule.METHOD_BODY, body, name + " request with a body: servers and proxies may drop it",
                        "send the data as query parameters, or use POST");
            }
            return name;
        }

        void url(JsonNode url) {
            if (url == null || !url.isTextual() || unparsedFields.contains(url)) {
                return;
            }
            String text = url.asText().trim();
            if (text.startsWith("{{") || text.startsWith("{%")) {
                return; // scheme and host come from a parameter: checked when the request is rendered
            }
            String rendered = sampleUrl(text);
            String reason = null;
            try {
                URI uri = new URI(rendered);
                if (!uri.isAbsolute() || uri.getScheme() == null) {
                    reason = "is not an absolute URL";
                } else if (!uri.getScheme().equalsIgnoreCase("http") && !uri.getScheme().equalsIgnoreCase("https")) {
                    reason = "uses scheme '" + uri.getScheme() + "', only http and https are called";
                } else if (uri.getHost() == null) {
                    reason = "has no host";
                }
            } catch (URISyntaxException e) {
                reason = "is not a valid URL (" + e.getReason() + " at index " + e.getIndex() + ")";
            }
            if (reason != null) {
                add(TemplateRule.URL, url, "url '" + url.asText() + "' " + reason,
                        "write an absolute URL such as https://api.example.com/orders/{{ orderId }}");
            }
        }

        TemplateValidation result(Optional<TemplateKey> key) {
            problems.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
            return new TemplateValidation(file, problems, key, secretNames);
        }
    }
}
