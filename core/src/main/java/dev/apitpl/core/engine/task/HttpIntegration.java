package dev.apitpl.core.engine.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.runtime.http.ClientOwnedHeaders;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpStatus;

/**
 * Step Functions' HTTP task ({@code arn:aws:states:::http:invoke}) as real calls with the JDK's
 * {@link HttpClient}. Parameters {@code ApiEndpoint}, {@code Method}, {@code Headers},
 * {@code QueryParameters}, {@code RequestBody} and {@code Transform.RequestBodyEncoding} are
 * honoured; {@code Authentication} names an EventBridge connection that only exists on AWS, so it
 * is ignored locally (put test credentials in {@code Headers} if the endpoint needs them).
 * A non-2xx answer fails with {@code States.Http.StatusCode.NNN}, a network failure with
 * {@code States.Http.Socket}, as on AWS.
 */
public final class HttpIntegration implements TaskIntegration {

    private static final String RESOURCE = "arn:aws:states:::http:invoke";
    /** AWS caps an HTTP task at 60 seconds. */
    private static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);
    private static final Set<String> PARAMETERS = Set.of("ApiEndpoint", "Method", "Headers", "QueryParameters",
            "RequestBody", "Authentication", "Transform");

    private final HttpClient client;
    private final ObjectMapper mapper;
    private final Consumer<String> notes;

    public HttpIntegration(ObjectMapper mapper) {
        this(mapper, note -> { });
    }

    /** @param notes receives a note whenever a parameter that only works on AWS is ignored */
    public HttpIntegration(ObjectMapper mapper, Consumer<String> notes) {
        this.mapper = mapper;
        this.notes = notes;
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public boolean handles(String resource) {
        return resource.equals(RESOURCE);
    }

    @Override
    public JsonNode invoke(TaskRequest request) throws TaskFailedException {
        JsonNode p = request.input();
        String state = "Task state '" + request.stateName() + "': http:invoke ";
        if (p == null || !p.isObject() || !p.path("ApiEndpoint").isTextual() || !p.path("Method").isTextual()) {
            throw new TaskFailedException("States.Runtime", state + "needs Parameters.ApiEndpoint and Parameters.Method");
        }
        for (var names = p.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!PARAMETERS.contains(name)) {
                throw new TaskFailedException("States.Runtime", state + "has no parameter '" + name + "'; use one of "
                        + PARAMETERS.stream().sorted().toList());
            }
        }
        if (p.has("Authentication")) {
            notes.accept("Note: " + state + "ignores Authentication locally (EventBridge connections exist only on AWS);"
                    + " put test credentials in Parameters.Headers if the endpoint needs them");
        }
        HttpRequest httpRequest = build(request, p, state);
        HttpResponse<String> response;
        try {
            response = client.send(httpRequest, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TaskFailedException("States.Http.Socket", "The HTTP request to " + shown(httpRequest.uri())
                    + " failed: " + redacted(e.toString(), httpRequest.uri()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaskFailedException("States.Http.Socket", "The HTTP request to " + shown(httpRequest.uri())
                    + " was interrupted", e);
        }
        ObjectNode result = toResult(response);
        if (response.statusCode() / 100 != 2) {
            throw new TaskFailedException("States.Http.StatusCode." + response.statusCode(), result.toString());
        }
        return result;
    }

    private HttpRequest build(TaskRequest request, JsonNode p, String state) throws TaskFailedException {
        URI uri;
        try {
            uri = URI.create(p.get("ApiEndpoint").asText() + query(p.get("QueryParameters"), p.get("ApiEndpoint").asText()));
        } catch (IllegalArgumentException e) {
            // The parser's message repeats the whole text, query and credentials included: give only the reason.
            String reason = e.getCause() instanceof URISyntaxException syntax
                    ? syntax.getReason() + " at index " + syntax.getIndex() : "not a URI";
            throw new TaskFailedException("States.Runtime", state + "ApiEndpoint is not a URL: " + reason, e);
        }
        Duration timeout = request.timeout() == null || request.timeout().compareTo(MAX_TIMEOUT) > 0
                ? MAX_TIMEOUT : request.timeout();
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(uri).timeout(timeout);
        } catch (IllegalArgumentException e) {
            throw new TaskFailedException("States.Runtime", state + "cannot call the ApiEndpoint " + shown(uri)
                    + ": " + redacted(e.getMessage(), uri) + "; use an http:// or https:// URL with a host", e);
        }
        JsonNode headers = p.get("Headers");
        if (headers != null) {
            for (var header = headers.fields(); header.hasNext(); ) {
                var entry = header.next();
                for (String value : values(entry.getValue())) {
                    try {
                        builder.header(entry.getKey(), value);
                    } catch (IllegalArgumentException e) {
                        throw new TaskFailedException("States.Runtime", state + "cannot send the header '"
                                + entry.getKey() + "': " + (ClientOwnedHeaders.contains(entry.getKey())
                                ? "the HTTP client sets it itself (as it does Connection, Content-Length, Expect, Host "
                                        + "and Upgrade); remove it from Parameters.Headers"
                                : "a header name must be a token and its value must not contain line breaks; fix it in "
                                        + "Parameters.Headers"), e);
                    }
                }
            }
        }
        String method = p.get("Method").asText().toUpperCase(Locale.ROOT);
        try {
            return withBody(builder, method, p, headers);
        } catch (IllegalArgumentException e) {
            throw new TaskFailedException("States.Runtime", state + "cannot send the Method '" + method + "': "
                    + e.getMessage() + "; use GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS", e);
        }
    }

    private static HttpRequest withBody(HttpRequest.Builder builder, String method, JsonNode p, JsonNode headers) {
        JsonNode body = p.get("RequestBody");
        if (body == null || body.isNull()) {
            return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        boolean urlEncoded = "URL_ENCODED".equals(p.path("Transform").path("RequestBodyEncoding").asText());
        String text;
        if (urlEncoded) {
            text = form(body);
            builder.header("Content-Type", "application/x-www-form-urlencoded");
        } else if (body.isTextual()) {
            text = body.asText();
        } else {
            text = body.toString();
            if (headers == null || !headers.has("Content-Type") && !headers.has("content-type")) {
                builder.header("Content-Type", "application/json");
            }
        }
        return builder.method(method, HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)).build();
    }

    /** The URI as messages show it: without user info and query, which may carry credentials. */
    static String shown(URI uri) {
        StringBuilder text = new StringBuilder();
        if (uri.getScheme() != null) {
            text.append(uri.getScheme()).append(':');
        }
        String authority = uri.getRawAuthority();
        if (authority != null) {
            text.append("//").append(authority.substring(authority.lastIndexOf('@') + 1));
        }
        if (uri.getRawPath() != null) {
            text.append(uri.getRawPath());
        }
        if (uri.getRawQuery() != null) {
            text.append("?<query not shown>");
        }
        return text.toString();
    }

    /** {@code text} with the URI's user info and query taken out. */
    private static String redacted(String text, URI uri) {
        String result = text.replace(uri.toString(), shown(uri));
        for (String secret : new String[] {uri.getRawQuery(), uri.getRawUserInfo(), uri.getQuery(), uri.getUserInfo()}) {
            if (secret != null && !secret.isEmpty()) {
                result = result.replace(secret, "<not shown>");
            }
        }
        return result;
    }

    private static String query(JsonNode parameters, String endpoint) {
        if (parameters == null || parameters.isEmpty()) {
            return "";
        }
        return (endpoint.contains("?") ? "&" : "?") + form(parameters);
    }

    private static String form(JsonNode object) {
        List<String> pairs = new ArrayList<>();
        object.fields().forEachRemaining(e -> values(e.getValue()).forEach(v -> pairs.add(
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8))));
        return String.join("&", pairs);
    }

    private static List<String> values(JsonNode value) {
        List<String> values = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(v -> values.add(v.asText()));
        } else {
            values.add(value.isValueNode() ? value.asText() : value.toString());
        }
        return values;
    }

    private ObjectNode toResult(HttpResponse<String> response) {
        ObjectNode result = mapper.createObjectNode();
        ObjectNode headers = result.putObject("Headers");
        new TreeMap<>(response.headers().map()).forEach((name, values) -> {
            ArrayNode array = headers.putArray(name);
            values.forEach(array::add);
        });
        result.set("ResponseBody", body(response));
        result.put("StatusCode", response.statusCode());
        result.put("StatusText", HttpStatus.getMessage(response.statusCode()));
        return result;
    }

    /** JSON answers become JSON, anything else stays text, as the HTTP task returns them. */
    private JsonNode body(HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (type.toLowerCase(Locale.ROOT).contains("json") && !response.body().isBlank()) {
            try {
                return mapper.readTree(response.body());
            } catch (JsonProcessingException e) {
                // Declared JSON but not parseable: hand over the text, as the service does.
            }
        }
        return mapper.getNodeFactory().textNode(response.body());
    }
}
