package dev.apitpl.runtime.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.CollectionTooBigException;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.OutputTooBigException;
import com.hubspot.jinjava.interpret.TagCycleException;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.interpret.UnknownTokenException;
import com.hubspot.jinjava.tree.ExpressionNode;
import com.hubspot.jinjava.lib.tag.ForTag;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.TextNode;
import com.hubspot.jinjava.tree.parse.ExpressionToken;
import dev.apitpl.runtime.error.ApiTplException;
import dev.apitpl.runtime.error.DestinationBlockedException;
import dev.apitpl.runtime.error.InvalidParametersException;
import dev.apitpl.runtime.error.MissingParameterException;
import dev.apitpl.runtime.error.RenderLimitExceededException;
import dev.apitpl.runtime.error.TemplateRenderException;
import dev.apitpl.runtime.http.DestinationGuard;
import dev.apitpl.runtime.json.Json;
import dev.apitpl.runtime.secret.SecretResolver;
import dev.apitpl.runtime.template.ApiTemplate;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders an {@link ApiTemplate} with an execution's parameters and secrets into the {@link RenderedRequest}
 * to send. Thread-safe; create one per process and reuse it, since it caches parsed templates.
 *
 * <p>Escaping: expressions in the URL after scheme and host, and every query map name and value, are
 * percent-encoded (RFC 3986, UTF-8); header values and text bodies are output as rendered; in a JSON body, a
 * string leaf that is exactly one expression takes that value's JSON type, other leaves become JSON strings.
 *
 * <p>Failures, each an {@link ApiTplException} whose class name is the Step Functions error name:
 * {@link MissingParameterException}, {@link dev.apitpl.runtime.error.SecretNotFoundException},
 * {@link TemplateRenderException}, {@link RenderLimitExceededException}, {@link InvalidParametersException}, and
 * {@link DestinationBlockedException} for a URL whose host is an odd numeric spelling ({@code 127.1}) that
 * {@link URI} cannot even report as a host. A failed render returns nothing: there is no partial output.
 */
public final class TemplateRenderer {

    private static final Pattern PARAMETER_PATH =
            Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*|\\[[^\\]]*])*");
    private static final Pattern FILTER_NAME = Pattern.compile("\\|\\s*([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SECRET_CALL = Pattern.compile("secret\\(\\s*(['\"])([^'\"\\\\]+)\\1\\s*\\)");
    private static final Pattern SINGLE_EXPRESSION = Pattern.compile("\\{\\{-?\\s*(.+?)\\s*-?}}", Pattern.DOTALL);
    private static final Pattern SCHEME_AND_SLASHES = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://");
    private static final JsonNodeFactory NODES = Json.nodes();

    private final Jinjava jinjava;
    private final JinjavaConfig config;
    private final RenderLimits limits;
    private final ParsedTemplateCache cache;
    private final boolean fastPaths;

    /** A renderer with {@link RenderLimits#DEFAULT}. */
    public TemplateRenderer() {
        this(RenderLimits.DEFAULT);
    }

    public TemplateRenderer(RenderLimits limits) {
        this(limits, true);
    }

    /** With {@code fastPaths} false every template goes through the interpreter: tests compare the two. */
    TemplateRenderer(RenderLimits limits, boolean fastPaths) {
        this.fastPaths = fastPaths;
        this.limits = limits;
        this.jinjava = Sandbox.engine(limits);
        this.config = jinjava.getGlobalConfig();
        this.cache = new ParsedTemplateCache(limits.cacheEntries());
    }

    /**
     * Renders one request.
     *
     * @param template the template (validated by its constructor)
     * @param params   the execution's parameters: a JSON object, or {@code null}/JSON null for none
     * @param secrets  where {@code secret('NAME')} values come from
     * @throws ApiTplException one of the errors listed on this class; never with a secret's value in its message
     */
    public RenderedRequest render(ApiTemplate template, JsonNode params, SecretResolver secrets) {
        Rendering rendering = new Rendering(template, params, secrets);
        try {
            return rendering.request();
        } catch (RenderScope.Abort abort) {
            throw rendering.scope.failure();
        } catch (ApiTplException e) {
            throw e;
        } catch (RuntimeException e) {
            // Whatever else Jinjava or a value throws is still a named error, without a secret in its message.
            throw new TemplateRenderException(template.name(), rendering.scope.field(), 0, 0,
                    rendering.scope.scrub(e.getClass().getSimpleName() + ": " + e.getMessage()));
        } finally {
            rendering.close();
        }
    }

    /**
     * Parses every templated field of {@code template} as {@link #render} does before rendering it, without rendering
     * anything or reading a secret: the admin API refuses a template that could never render.
     *
     * @throws TemplateRenderException for the first field that is not valid Jinja or uses a tag the sandbox disables
     */
    public void parse(ApiTemplate template) {
        Rendering rendering = new Rendering(template, null, SecretResolver.none());
        try {
            rendering.parseFields();
        } finally {
            rendering.close();
        }
    }

    /** How many parsed field templates the cache holds. */
    public int cachedTemplates() {
        return cache.size();
    }

    /** The limits this renderer enforces. */
    public RenderLimits limits() {
        return limits;
    }

    /** One render: its parameters, its scope and (only if a field needs it) its interpreter. */
    private final class Rendering {
        private final ApiTemplate template;
        private final ObjectNode params;
        private final RenderScope scope;
        private JinjavaInterpreter interpreter;

        Rendering(ApiTemplate template, JsonNode params, SecretResolver secrets) {
            this.template = template;
            this.scope = new RenderScope(template.name(), secrets, limits);
            if (params == null || params.isNull() || params.isMissingNode()) {
                this.params = NODES.objectNode();
            } else if (params.isObject()) {
                this.params = (ObjectNode) params;
            } else {
                throw new InvalidParametersException(template.name(), "must be a JSON object of parameter name to value; got "
                        + params.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            scope.open();
        }

        RenderedRequest request() {
            checkParameters();
            URI uri = uri();
            Map<String, String> headers = new LinkedHashMap<>();
            template.headers().forEach((name, value) -> headers.put(name, header(name, value)));
            String body = body();
            return new RenderedRequest(template.method(), uri, headers, body, template.timeout(),
                    template.followRedirects(), template.allowedDestinations(), scope.secretSpellings());
        }

        void parseFields() {
            compiled(FieldKind.URL, "url", template.url());
            template.query().forEach((name, value) -> compiled(FieldKind.TEXT, "query." + name, value));
            template.headers().forEach((name, value) -> compiled(FieldKind.TEXT, "headers." + name, value));
            parseLeaves(template.body(), "body");
        }

        private void parseLeaves(JsonNode node, String path) {
            if (node == null) {
                return;
            }
            if (node.isTextual()) {
                compiled(FieldKind.TEXT, path, node.textValue());
            } else if (node.isObject()) {
                node.fields().forEachRemaining(field -> parseLeaves(field.getValue(), path + "." + field.getKey()));
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    parseLeaves(node.get(i), path + "[" + i + "]");
                }
            }
        }

        void close() {
            if (interpreter != null) {
                JinjavaInterpreter.popCurrent();
            }
            scope.close();
        }

        /**
         * The cheap part of the template's parameters schema, checked before rendering: every {@code required} name is
         * present, and a present parameter with a top-level {@code properties.<name>.type} has that JSON type.
         */
        private void checkParameters() {
            JsonNode schema = template.parameters();
            if (schema == null) {
                return;
            }
            for (JsonNode name : schema.path("required")) {
                // present with the value null is present (JSON Schema's required; the template sees None)
                JsonNode value = params.get(name.textValue());
                if (value == null) {
                    throw new MissingParameterException(template.name(), name.textValue(), "parameters.required");
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> property = it.next();
                JsonNode value = params.get(property.getKey());
                JsonNode type = property.getValue().get("type");
                if (value == null || type == null) {
                    continue;
                }
                List<String> allowed = new ArrayList<>();
                if (type.isArray()) {
                    type.forEach(t -> allowed.add(t.asText()));
                } else {
                    allowed.add(type.asText());
                }
                if (allowed.stream().noneMatch(t -> hasJsonType(value, t))) {
                    throw new InvalidParametersException(template.name(), "field '" + property.getKey() + "' must be "
                            + String.join(" or ", allowed) + " (parameters.properties." + property.getKey() + ".type); got "
                            + value.getNodeType().name().toLowerCase(Locale.ROOT));
                }
            }
        }

        private URI uri() {
            StringBuilder url = new StringBuilder(text(FieldKind.URL, "url", template.url()));
            int fragment = url.indexOf("#");
            StringBuilder query = new StringBuilder();
            template.query().forEach((name, value) -> {
                String rendered = text(FieldKind.TEXT, "query." + name, value);
                query.append('&').append(PercentEncoding.encode(name)).append('=').append(PercentEncoding.encode(rendered));
            });
            if (query.length() > 0) {
                int end = fragment < 0 ? url.length() : fragment;
                boolean hasQuery = url.lastIndexOf("?", end) >= 0;
                boolean endsOpen = end > 0 && (url.charAt(end - 1) == '?' || url.charAt(end - 1) == '&');
                url.insert(end, hasQuery ? (endsOpen ? query.substring(1) : query) : "?" + query.substring(1));
            }
            URI uri;
            try {
                uri = new URI(url.toString());
            } catch (URISyntaxException e) {
                // The rendered URL may hold a secret: say where it breaks, never what it is.
                throw new TemplateRenderException(template.name(), "url", 0, 0, "the rendered URL is not a valid URI ("
                        + e.getReason() + " at index " + e.getIndex() + "); parameters in the path and query are encoded, "
                        + "so check the template's literal text and any value that starts the URL");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            // 127.1, 0x7f.1, 127.0.0.1.: no host for java.net.URI, but a destination the guard refuses by name
            Optional<String> oddHost = DestinationGuard.oddNumericHost(uri);
            if (oddHost.isPresent() && (scheme.equals("http") || scheme.equals("https"))) {
                throw new DestinationBlockedException("Blocked destination: " + scope.scrub(oddHost.get()));
            }
            if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new TemplateRenderException(template.name(), "url", 0, 0,
                        "must render to an absolute http:// or https:// URL with a host name");
            }
            return uri;
        }

        private String header(String name, String value) {
            String field = "headers." + name;
            String rendered = text(FieldKind.TEXT, field, value);
            if (rendered.indexOf('\r') >= 0 || rendered.indexOf('\n') >= 0) {
                throw new TemplateRenderException(template.name(), field, 0, 0,
                        "the rendered value contains a line break, which would split the header; remove it from the value");
            }
            return rendered;
        }

        private String body() {
            JsonNode body = template.body();
            if (body == null) {
                return null;
            }
            if (body.isTextual()) {
                return text(FieldKind.TEXT, "body", body.textValue());
            }
            String json = Json.write(jsonLeaves(body, "body"));
            if (json.length() > limits.maxBodyChars()) {
                throw new RenderLimitExceededException(template.name(), "body",
                        "the limit of " + limits.maxBodyChars() + " characters per JSON body");
            }
            return json;
        }

        private JsonNode jsonLeaves(JsonNode node, String path) {
            if (node.isObject()) {
                ObjectNode rendered = NODES.objectNode();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    rendered.set(field.getKey(), jsonLeaves(field.getValue(), path + "." + field.getKey()));
                }
                return rendered;
            }
            if (node.isArray()) {
                ArrayNode rendered = NODES.arrayNode();
                for (int i = 0; i < node.size(); i++) {
                    rendered.add(jsonLeaves(node.get(i), path + "[" + i + "]"));
                }
                return rendered;
            }
            if (!node.isTextual()) {
                return node;
            }
            String leaf = node.textValue();
            Matcher single = SINGLE_EXPRESSION.matcher(leaf);
            if (single.matches() && !single.group(1).contains("}}") && !single.group(1).contains("{{")
                    && !single.group(1).contains("{%")) {
                return typedValue(path, single.group(1), leaf.indexOf(single.group(1)) + 1);
            }
            return NODES.textNode(text(FieldKind.TEXT, path, leaf));
        }

        /** A JSON leaf that is one expression: the value itself, keeping its JSON type. */
        private JsonNode typedValue(String field, String expression, int column) {
            scope.enterField(field);
            if (IDENTIFIER.matcher(expression).matches()) {
                JsonNode value = params.get(expression);
                if (value != null && !value.isNull()) {
                    return value;
                }
            }
            JinjavaInterpreter in = interpreter();
            int before = in.getErrors().size();
            Object value;
            try {
                value = in.resolveELExpression(expression, 1, column);
            } catch (RenderScope.Abort abort) {
                throw scope.failure();
            } catch (UnknownTokenException e) {
                throw unknownName(e, 1, column);
            } catch (RuntimeException e) {
                throw unexpected(e, 1, column);
            }
            checkErrors(in, before, 1, column, null);
            if (value instanceof Undefined undefined) {
                undefined.fail();
                throw scope.failure();
            }
            JsonNode json = toJson(value);
            if (json.isTextual() && json.textValue().length() > limits.maxFieldChars()) {
                throw sizeLimit();
            }
            return json;
        }

        /** Renders one field as text. */
        private String text(FieldKind kind, String field, String source) {
            CompiledField compiled = compiled(kind, field, source);
            String output;
            if (compiled instanceof CompiledField.Literal literal) {
                output = literal.text();
            } else if (compiled instanceof CompiledField.Parts parts) {
                output = fastPaths ? concatenate(parts.parts()) : null;
                if (output == null) {
                    output = renderTree(parts.tree());
                }
            } else {
                output = renderTree(((CompiledField.Tree) compiled).root());
            }
            if (output.length() > limits.maxFieldChars()) {
                throw sizeLimit();
            }
            return output;
        }

        private CompiledField compiled(FieldKind kind, String field, String source) {
            scope.enterField(field);
            return cache.get(kind, source, () -> compile(kind, source));
        }

        /** The fast path's output, or {@code null} when a parameter needs the interpreter (missing, list, object). */
        private String concatenate(List<CompiledField.Part> parts) {
            StringBuilder out = new StringBuilder();
            for (CompiledField.Part part : parts) {
                if (part instanceof CompiledField.Text text) {
                    out.append(text.text());
                } else if (part instanceof CompiledField.Parameter parameter) {
                    String value = simpleValue(parameter.name());
                    if (value == null) {
                        return null;
                    }
                    out.append(parameter.encoded() ? PercentEncoding.encode(value) : value);
                } else {
                    CompiledField.Secret secret = (CompiledField.Secret) part;
                    String value;
                    try {
                        value = TemplateFunctions.secret(secret.name());
                    } catch (RenderScope.Abort abort) {
                        throw scope.failure();
                    }
                    out.append(secret.encoded() ? PercentEncoding.encode(value) : value);
                }
            }
            return out.toString();
        }

        /** The parameter's text when the interpreter would print it unchanged: strings, numbers, booleans. */
        private String simpleValue(String name) {
            JsonNode value = params.get(name);
            if (value == null) {
                return null;
            }
            if (value.isTextual()) {
                return value.textValue();
            }
            if (value.isBoolean()) {
                return value.booleanValue() ? "True" : "False";
            }
            return value.isNumber() ? PythonValues.str(value.numberValue()) : null;
        }

        /** The parts of a template made only of text, parameters and literal secret() calls, or {@code null}. */
        private List<CompiledField.Part> parts(Node root) {
            List<CompiledField.Part> parts = new ArrayList<>();
            for (Node child : root.getChildren()) {
                if (child instanceof TextNode) {
                    parts.add(new CompiledField.Text(child.getMaster().getImage()));
                    continue;
                }
                boolean encoded = child instanceof EncodedExpressionNode;
                if (!(child instanceof ExpressionNode) && !encoded) {
                    return null;
                }
                String expression = ((ExpressionToken) child.getMaster()).getExpr().strip();
                Matcher secret = SECRET_CALL.matcher(expression);
                if (IDENTIFIER.matcher(expression).matches()) {
                    parts.add(new CompiledField.Parameter(expression, encoded));
                } else if (secret.matches()) {
                    parts.add(new CompiledField.Secret(secret.group(2), encoded));
                } else {
                    return null;
                }
            }
            return parts;
        }

        private CompiledField compile(FieldKind kind, String text) {
            // As Jinja2 reads a template: line breaks normalised to \n, and a single trailing newline dropped.
            String source = text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
            if (source.endsWith("\n")) {
                source = source.substring(0, source.length() - 1);
            }
            if (source.indexOf('{') < 0) {
                return new CompiledField.Literal(source);
            }
            JinjavaInterpreter parser = new JinjavaInterpreter(jinjava, new Context(jinjava.getGlobalContext(), Map.of(),
                    config.getDisabled()), config);
            Node root;
            JinjavaInterpreter.pushCurrent(parser);
            try {
                root = parser.parse(source);
            } catch (RenderScope.Abort abort) {
                throw scope.failure();
            } catch (RuntimeException e) {
                throw unexpected(e, 0, 0);
            } finally {
                JinjavaInterpreter.popCurrent();
            }
            checkErrors(parser, 0, 0, 0, source);
            countLoopIterations(root);
            if (kind == FieldKind.URL) {
                encodeAfterOrigin(root, new StringBuilder());
            }
            // Whitespace control and comments change the text around expressions: leave those to the interpreter.
            boolean plain = !source.contains("{{-") && !source.contains("-}}") && !source.contains("{#") && !source.contains("{%");
            List<CompiledField.Part> parts = plain ? parts(root) : null;
            return parts != null ? new CompiledField.Parts(List.copyOf(parts), root) : new CompiledField.Tree(root);
        }

        private String renderTree(Node root) {
            JinjavaInterpreter in = interpreter();
            int before = in.getErrors().size();
            String output;
            try {
                output = in.render(root);
            } catch (RenderScope.Abort abort) {
                throw scope.failure();
            } catch (UnknownTokenException e) {
                throw unknownName(e, scope.line(), scope.column());
            } catch (RuntimeException e) {
                throw unexpected(e, scope.line(), scope.column());
            }
            checkErrors(in, before, scope.line(), scope.column(), null);
            return output;
        }

        private JinjavaInterpreter interpreter() {
            if (interpreter == null) {
                Context context = new Context(jinjava.getGlobalContext(), bindings(params), config.getDisabled());
                interpreter = config.getInterpreterFactory().newInstance(jinjava, context, config);
                JinjavaInterpreter.pushCurrent(interpreter);
            }
            return interpreter;
        }

        /**
         * Turns the first fatal error Jinjava recorded since {@code before} into the matching exception.
         * {@code source} is the field's text when the errors come from parsing it, else null. Parsing also
         * leaves warnings, for text it could not read as Jinja (an unclosed "{{" or comment, an end tag without
         * its start); that text would go out literally, so such a warning refuses the template too.
         */
        private void checkErrors(JinjavaInterpreter in, int before, int line, int column, String source) {
            if (scope.failure() != null) {
                throw scope.failure();
            }
            List<TemplateError> errors = in.getErrors();
            for (int i = before; i < errors.size(); i++) {
                TemplateError error = errors.get(i);
                Throwable cause = error.getException();
                // Jinjava records some failures as warnings and renders on (a macro past its recursion depth renders
                // empty, a method of None is nothing): with Jinja2 each of them is an exception, so every one stops.
                if (error.getSeverity() != TemplateError.ErrorType.FATAL && source == null
                        && error.getReason() != TemplateError.ErrorReason.EXCEPTION
                        && error.getReason() != TemplateError.ErrorReason.UNKNOWN) {
                    continue;
                }
                if (cause instanceof TagCycleException) {
                    throw new RenderLimitExceededException(template.name(), scope.field(), "the limit of "
                            + limits.maxRenderDepth() + " nested macro calls (a macro calls itself without end)");
                }
                int errorLine = error.getLineno() > 0 ? error.getLineno() : line;
                int errorColumn = error.getStartPosition() > 0 ? error.getStartPosition() : column;
                if (cause instanceof UnknownTokenException unknown) {
                    throw unknownName(unknown, errorLine, errorColumn);
                }
                if (error.getReason() == TemplateError.ErrorReason.OUTPUT_TOO_BIG
                        || error.getReason() == TemplateError.ErrorReason.OVER_LIMIT
                        || error.getReason() == TemplateError.ErrorReason.COLLECTION_TOO_BIG
                        || causedBy(cause, OutputTooBigException.class) || causedBy(cause, CollectionTooBigException.class)) {
                    throw sizeLimit();
                }
                if (error.getReason() == TemplateError.ErrorReason.DISABLED) {
                    if (errorLine <= 0 && source != null) {
                        // Disabled tags are refused while parsing, without a position: find the tag in the text.
                        Matcher tag = Pattern.compile("\\{%-?\\s*" + Pattern.quote(String.valueOf(error.getFieldName())) + "\\b")
                                .matcher(source);
                        if (tag.find()) {
                            String preceding = source.substring(0, tag.start());
                            errorLine = 1 + (int) preceding.chars().filter(c -> c == '\n').count();
                            errorColumn = tag.start() - preceding.lastIndexOf('\n');
                        }
                    }
                    throw new TemplateRenderException(template.name(), scope.field(), errorLine, errorColumn,
                            "uses '" + error.getFieldName() + "', which templates may not use (disabled: tags "
                                    + String.join(", ", new java.util.TreeSet<>(Sandbox.DISABLED_TAGS)) + "; filters "
                                    + String.join(", ", new java.util.TreeSet<>(Sandbox.DISABLED_FILTERS)) + ")");
                }
                throw new TemplateRenderException(template.name(), scope.field(), errorLine, errorColumn,
                        scope.scrub(error.getMessage()) + parseHint(error.getMessage()));
            }
        }

        /** What to do about the parse warnings that refuse a template; Jinjava's own messages name only the problem. */
        private static String parseHint(String message) {
            if ("Unclosed token".equals(message)) {
                return ": close it with }} or %}, or write a literal brace as {{ '{{' }}";
            }
            if ("Unclosed comment".equals(message)) {
                return ": close it with #}";
            }
            if (message != null && message.startsWith("Missing start tag")) {
                return ": add the opening tag or remove this end tag";
            }
            return "";
        }

        /** An unknown name is a missing parameter, unless it names a filter or test, which is a template error. */
        private ApiTplException unknownName(UnknownTokenException unknown, int line, int column) {
            String token = unknown.getToken();
            for (String prefix : List.of("filter:", "exptest:")) {
                if (token.startsWith(prefix)) {
                    String name = token.substring(prefix.length());
                    String what = prefix.equals("filter:") ? "filter" : "test";
                    return new TemplateRenderException(template.name(), scope.field(), line, column, "uses " + what + " '" + name
                            + "', which does not exist or is disabled (disabled filters: "
                            + String.join(", ", new java.util.TreeSet<>(Sandbox.DISABLED_FILTERS)) + ")");
                }
            }
            if (PARAMETER_PATH.matcher(token).matches()) {
                return new MissingParameterException(template.name(), token, scope.field());
            }
            Matcher filters = FILTER_NAME.matcher(token);
            while (filters.find()) {
                String filter = filters.group(1);
                if (Sandbox.DISABLED_FILTERS.contains(filter)) {
                    return new TemplateRenderException(template.name(), scope.field(), line, column,
                            "uses filter '" + filter + "', which templates may not use");
                }
                if (jinjava.getGlobalContext().getFilter(filter) == null) {
                    return new TemplateRenderException(template.name(), scope.field(), line, column,
                            "uses filter '" + filter + "', which does not exist");
                }
            }
            return new TemplateRenderException(template.name(), scope.field(), line, column, "expression '" + token
                    + "' has no value: a parameter, function or filter in it is unknown");
        }

        private ApiTplException unexpected(RuntimeException e, int line, int column) {
            if (scope.failure() != null) {
                return scope.failure();
            }
            return new TemplateRenderException(template.name(), scope.field(), line, column,
                    scope.scrub(e.getClass().getSimpleName() + ": " + e.getMessage()));
        }

        private RenderLimitExceededException sizeLimit() {
            return new RenderLimitExceededException(template.name(), scope.field(),
                    "the limit of " + limits.maxFieldChars() + " characters per rendered field or string");
        }

        private void countLoopIterations(Node parent) {
            for (Node child : List.copyOf(parent.getChildren())) {
                countLoopIterations(child);
            }
            if (parent instanceof TagNode loop && loop.getTag() instanceof ForTag) {
                LoopStepNode step = new LoopStepNode(loop);
                step.setParent(loop);
                loop.getChildren().addFirst(step);
            }
        }

        /**
         * Wraps the URL's expressions that come after scheme and host in {@link EncodedExpressionNode}s. The origin ends
         * at the first '/', '?' or '#' of the literal text after "scheme://"; an expression before that (a base URL
         * or a host) is left as is, so {@code {{ baseUrl }}/users/{{ id }}} encodes {@code id} only.
         */
        private void encodeAfterOrigin(Node parent, StringBuilder seen) {
            List<Node> children = parent.getChildren();
            for (int i = 0; i < children.size(); i++) {
                Node child = children.get(i);
                if (child instanceof TextNode) {
                    seen.append(child.getMaster().getImage());
                } else if (child instanceof ExpressionNode expression) {
                    if (pastOrigin(seen)) {
                        EncodedExpressionNode encoded = new EncodedExpressionNode(expression);
                        encoded.setParent(parent);
                        children.set(i, encoded);
                    }
                    seen.append('x');
                } else {
                    encodeAfterOrigin(child, seen);
                }
            }
        }

        private boolean pastOrigin(CharSequence seen) {
            Matcher scheme = SCHEME_AND_SLASHES.matcher(seen);
            int from = scheme.lookingAt() ? scheme.end() : 0;
            for (int i = from; i < seen.length(); i++) {
                char c = seen.charAt(i);
                if (c == '/' || c == '?' || c == '#') {
                    return true;
                }
            }
            return false;
        }
    }

    private static boolean hasJsonType(JsonNode value, String type) {
        return switch (type) {
            case "string" -> value.isTextual();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber() || (value.isBigDecimal() && value.decimalValue().stripTrailingZeros().scale() <= 0);
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "null" -> value.isNull();
            default -> true; // not a JSON Schema type name: nothing to check here
        };
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Parameters as the plain Java values Jinjava works with; decimals stay exact BigDecimals. */
    private static Map<String, Object> bindings(ObjectNode params) {
        Map<String, Object> bindings = new LinkedHashMap<>();
        params.fields().forEachRemaining(field -> bindings.put(field.getKey(), toJava(field.getValue(), field.getKey())));
        return bindings;
    }

    private static Object toJava(JsonNode node, String path) {
        switch (node.getNodeType()) {
            case STRING:
                return node.textValue();
            case NUMBER:
                return node.numberValue();
            case BOOLEAN:
                return node.booleanValue();
            case OBJECT: {
                ParameterMap map = new ParameterMap(path);
                node.fields().forEachRemaining(field -> map.put(field.getKey(), toJava(field.getValue(), path + "." + field.getKey())));
                return map;
            }
            case ARRAY: {
                List<Object> list = new ArrayList<>(node.size());
                node.forEach(element -> list.add(toJava(element, path + "[" + list.size() + "]")));
                return list;
            }
            case BINARY:
                return node.asText();
            default:
                return null;
        }
    }

    /** A template value as JSON; only plain data (no Java bean is ever serialised). */
    private static JsonNode toJson(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof CharSequence text) {
            return NODES.textNode(text.toString());
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof BigDecimal decimal) {
            return NODES.numberNode(decimal);
        }
        if (value instanceof BigInteger integer) {
            return NODES.numberNode(integer);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof Number number) {
            return NODES.numberNode(new BigDecimal(number.toString()));
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((key, member) -> object.set(String.valueOf(key), toJson(member)));
            return object;
        }
        if (value instanceof Iterable<?> iterable) {
            ArrayNode array = NODES.arrayNode();
            iterable.forEach(element -> array.add(toJson(element)));
            return array;
        }
        if (value instanceof byte[] bytes) {
            return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (value instanceof Object[] elements) {
            ArrayNode array = NODES.arrayNode();
            for (Object element : elements) {
                array.add(toJson(element));
            }
            return array;
        }
        return NODES.textNode(value.toString());
    }
}
