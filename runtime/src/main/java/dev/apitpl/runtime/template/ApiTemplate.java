package dev.apitpl.runtime.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.runtime.error.InvalidTemplateException;
import dev.apitpl.runtime.http.ClientOwnedHeaders;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One HTTP API call template: what the generic Lambda renders with the execution's parameters and sends.
 * Every string in {@code url}, {@code headers} values, {@code query} values and {@code body} may hold Jinja
 * ({@code {{ userId }}}, {@code {{ secret('API_TOKEN') }}}); header names and query names are literal.
 *
 * @param name                the template's name: the DynamoDB partition key, letters, digits, {@code . _ -}
 * @param method              HTTP method, upper-case, one of {@link #METHODS}: the DynamoDB sort key
 * @param url                 absolute http(s) URL template; may start with an expression ({@code {{ base }}/x})
 * @param headers             request headers in order, name to value template; never {@code null}
 * @param query               query parameters in order, name to value template, appended percent-encoded
 * @param body                {@code null} for no body; a text node for a text template; an object or array
 *                            whose string leaves are templates for a JSON body
 * @param parameters          JSON Schema (object) of the parameters the template expects, or {@code null}
 * @param timeout             request timeout, or {@code null} for the caller's default; at most 15 minutes
 * @param description         free text for people, or {@code null}
 * @param followRedirects     whether 3xx responses are followed (each hop still passes the SSRF guard)
 * @param allowedDestinations host names, {@code *.domain} wildcards, IP addresses or CIDR blocks this template
 *                            may reach even though the SSRF guard would refuse them (private ranges, loopback); it
 *                            is then restricted to them; see {@link #DESTINATION_PATTERN}; never {@code null}
 */
public record ApiTemplate(
        String name,
        String method,
        String url,
        Map<String, String> headers,
        Map<String, String> query,
        JsonNode body,
        JsonNode parameters,
        Duration timeout,
        String description,
        boolean followRedirects,
        List<String> allowedDestinations) {

    /** The HTTP methods a template may use, in the order error messages list them. */
    public static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    /** Longest accepted timeout: a Lambda invocation cannot outlive 15 minutes. */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(15);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");
    // RFC 9110 token: the characters a header name may use.
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final String IPV4 = "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final String H16 = "[0-9A-Fa-f]{1,4}";
    /** IPv6 text forms (RFC 4291 2.2), with the low 32 bits as a dotted quad or not; no zone, no brackets. */
    private static final String IPV6 = String.join("|",
            "(" + H16 + ":){7}" + H16,
            "(" + H16 + ":){1,7}:",
            "(" + H16 + ":){1,6}:" + H16,
            "(" + H16 + ":){1,5}(:" + H16 + "){1,2}",
            "(" + H16 + ":){1,4}(:" + H16 + "){1,3}",
            "(" + H16 + ":){1,3}(:" + H16 + "){1,4}",
            "(" + H16 + ":){1,2}(:" + H16 + "){1,5}",
            H16 + ":(:" + H16 + "){1,6}",
            ":((:" + H16 + "){1,7}|:)",
            "(" + H16 + ":){6}" + IPV4,
            "::(" + H16 + ":){0,5}" + IPV4,
            "(" + H16 + ":){1}:(" + H16 + ":){0,4}" + IPV4,
            "(" + H16 + ":){2}:(" + H16 + ":){0,3}" + IPV4,
            "(" + H16 + ":){3}:(" + H16 + ":){0,2}" + IPV4,
            "(" + H16 + ":){4}:(" + H16 + ":){0,1}" + IPV4,
            "(" + H16 + ":){5}:" + IPV4);
    private static final String LABEL = "[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?";

    /**
     * What an {@code allowedDestinations} entry may be: a host name, optionally a suffix wildcard
     * ({@code *.corp.example}; labels of letters, digits, {@code -} and {@code _}), an IPv4 address or CIDR block, or
     * an IPv6 address or CIDR block; never a scheme, port, path, zone or brackets. The published
     * {@code template.schema.json} checks entries with exactly this pattern (anchored).
     */
    public static final String DESTINATION_PATTERN = "(\\*\\.)?" + LABEL + "(\\." + LABEL + ")*"
            + "|" + IPV4 + "(/(3[0-2]|[12]?[0-9]))?"
            + "|(" + IPV6 + ")(/(12[0-8]|1[01][0-9]|[1-9]?[0-9]))?";
    /** Longest {@code allowedDestinations} entry: a DNS name's 253 characters. */
    public static final int MAX_DESTINATION_LENGTH = 253;
    private static final Pattern DESTINATION = Pattern.compile(DESTINATION_PATTERN);

    public ApiTemplate {
        if (name == null || name.isBlank()) {
            throw new InvalidTemplateException(null, "name", "is required: a name such as 'getUser'");
        }
        if (!NAME.matcher(name).matches()) {
            throw new InvalidTemplateException(name, "name",
                    "must start with a letter or digit and use only letters, digits, '.', '_' and '-' (at most 255)");
        }
        if (method == null || method.isBlank()) {
            throw new InvalidTemplateException(name, "method", "is required: one of " + String.join(", ", METHODS));
        }
        if (!METHODS.contains(method)) {
            String upper = method.toUpperCase(Locale.ROOT);
            throw new InvalidTemplateException(name, "method", "must be one of " + String.join(", ", METHODS)
                    + "; got '" + method + "'" + (METHODS.contains(upper) ? " (write it upper-case: '" + upper + "')" : ""));
        }
        if (url == null || url.isBlank()) {
            throw new InvalidTemplateException(name, "url", "is required: an absolute URL such as 'https://api.example.com/users/{{ id }}'");
        }
        headers = orderedCopy(name, "headers", headers);
        headers.keySet().forEach(header -> checkHeaderName(name, header));
        query = orderedCopy(name, "query", query);
        query.keySet().stream().filter(String::isEmpty).findAny().ifPresent(empty -> {
            throw new InvalidTemplateException(name, "query", "has an empty parameter name; give each query parameter a name");
        });
        body = checkBody(name, body);
        parameters = checkParameters(name, parameters);
        if (timeout != null && (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0)) {
            throw new InvalidTemplateException(name, "timeout",
                    "must be more than 0 and at most 15 minutes (PT15M); got " + timeout);
        }
        allowedDestinations = allowedDestinations == null ? List.of() : List.copyOf(allowedDestinations);
        for (int i = 0; i < allowedDestinations.size(); i++) {
            checkDestination(name, "allowedDestinations[" + i + "]", allowedDestinations.get(i));
        }
    }

    /** Starts a template in code; unset fields take their defaults. */
    public static Builder builder(String name, String method, String url) {
        return new Builder(name, method, url);
    }

    /** True when the template sends a body. */
    public boolean hasBody() {
        return body != null;
    }

    private static Map<String, String> orderedCopy(String template, String field, Map<String, String> entries) {
        if (entries == null) {
            return Map.of();
        }
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        entries.forEach((key, value) -> {
            if (key == null) {
                throw new InvalidTemplateException(template, field, "has an entry without a name");
            }
            if (value == null) {
                throw new InvalidTemplateException(template, field + "." + key, "must be a string template; got null");
            }
            copy.put(key, value);
        });
        return Collections.unmodifiableMap(copy);
    }

    private static void checkHeaderName(String template, String header) {
        if (!HEADER_NAME.matcher(header).matches()) {
            throw new InvalidTemplateException(template, "headers." + header,
                    "is not a valid header name: use letters, digits and !#$%&'*+.^_`|~- only (no spaces or ':')");
        }
        if (ClientOwnedHeaders.contains(header)) {
            throw new InvalidTemplateException(template, "headers." + header,
                    "is set by the HTTP client itself; remove it from the template");
        }
    }

    private static JsonNode checkBody(String template, JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return null;
        }
        if (!body.isTextual() && !body.isContainerNode()) {
            throw new InvalidTemplateException(template, "body",
                    "must be a string template, a JSON object or a JSON array; got " + body.getNodeType().name().toLowerCase(Locale.ROOT)
                            + " (for a bare value write it as a string template, e.g. \"" + body + "\")");
        }
        return body.deepCopy();
    }

    private static JsonNode checkParameters(String template, JsonNode parameters) {
        if (parameters == null || parameters.isNull() || parameters.isMissingNode()) {
            return null;
        }
        if (!parameters.isObject()) {
            throw new InvalidTemplateException(template, "parameters", "must be a JSON Schema object such as "
                    + "{\"type\": \"object\", \"required\": [\"id\"]}; got " + parameters.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        JsonNode required = parameters.get("required");
        if (required != null) {
            boolean namesOnly = required.isArray();
            for (JsonNode entry : required) {
                namesOnly &= entry.isTextual();
            }
            if (!namesOnly) {
                throw new InvalidTemplateException(template, "parameters.required", "must be an array of parameter names");
            }
        }
        JsonNode properties = parameters.get("properties");
        if (properties != null && !properties.isObject()) {
            throw new InvalidTemplateException(template, "parameters.properties", "must be an object: parameter name to schema");
        }
        return parameters.deepCopy();
    }

    private static void checkDestination(String template, String field, String destination) {
        String expected = "must be a host name (api.internal.example), a *.domain wildcard (*.corp.example), an IP address"
                + " (10.0.0.5, fd00::5) or a CIDR block (10.0.0.0/8, fd00::/8), without scheme, port or brackets; got ";
        if (destination == null || destination.isBlank()) {
            throw new InvalidTemplateException(template, field, expected + "an empty entry");
        }
        if (destination.length() > MAX_DESTINATION_LENGTH || !DESTINATION.matcher(destination).matches()) {
            throw new InvalidTemplateException(template, field, expected + "'" + destination + "'");
        }
    }

    /** Builds a template in code (tests, seeding); {@link #build()} runs the same validation as the codecs. */
    public static final class Builder {
        private final String name;
        private final String method;
        private final String url;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final Map<String, String> query = new LinkedHashMap<>();
        private JsonNode body;
        private JsonNode parameters;
        private Duration timeout;
        private String description;
        private boolean followRedirects;
        private List<String> allowedDestinations = List.of();

        private Builder(String name, String method, String url) {
            this.name = name;
            this.method = method;
            this.url = url;
        }

        public Builder header(String headerName, String valueTemplate) {
            headers.put(headerName, valueTemplate);
            return this;
        }

        public Builder query(String parameterName, String valueTemplate) {
            query.put(parameterName, valueTemplate);
            return this;
        }

        public Builder body(JsonNode bodyTemplate) {
            this.body = bodyTemplate;
            return this;
        }

        public Builder parameters(JsonNode schema) {
            this.parameters = schema;
            return this;
        }

        public Builder timeout(Duration requestTimeout) {
            this.timeout = requestTimeout;
            return this;
        }

        public Builder description(String text) {
            this.description = text;
            return this;
        }

        public Builder followRedirects(boolean follow) {
            this.followRedirects = follow;
            return this;
        }

        public Builder allowedDestinations(List<String> destinations) {
            this.allowedDestinations = destinations;
            return this;
        }

        public ApiTemplate build() {
            return new ApiTemplate(name, method, url, headers, query, body, parameters, timeout, description,
                    followRedirects, allowedDestinations);
        }
    }
}
