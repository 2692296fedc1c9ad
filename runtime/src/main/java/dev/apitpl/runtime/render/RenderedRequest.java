package dev.apitpl.runtime.render;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A rendered template: exactly what is sent. Header values, the URL's path and query and the body may hold
 * secrets, so {@link #toString()} shows only the method, scheme, host, header names and the body's length.
 *
 * @param method              upper-case HTTP method
 * @param uri                 absolute http(s) URI, path and query percent-encoded
 * @param headers             header name to rendered value, in the template's order (unmodifiable)
 * @param body                rendered body, or {@code null} for none
 * @param timeout             the template's timeout, or {@code null} for the caller's default
 * @param followRedirects     whether to follow 3xx responses
 * @param allowedDestinations hosts/CIDRs the SSRF guard lets through for this template (unmodifiable)
 * @param secretValues        every spelling in which a secret's value may appear in this request (as read, percent-
 *                            encoded, lower-case), so that errors raised while sending it can be redacted
 *                            ({@link dev.apitpl.runtime.error.ApiTplException#redact}); never log these
 */
public record RenderedRequest(
        String method,
        URI uri,
        Map<String, String> headers,
        String body,
        Duration timeout,
        boolean followRedirects,
        List<String> allowedDestinations,
        Set<String> secretValues) {

    /** A request rendered without secrets. */
    public RenderedRequest(String method, URI uri, Map<String, String> headers, String body, Duration timeout,
                           boolean followRedirects, List<String> allowedDestinations) {
        this(method, uri, headers, body, timeout, followRedirects, allowedDestinations, Set.of());
    }

    public RenderedRequest {
        secretValues = secretValues == null ? Set.of() : Set.copyOf(secretValues);
        headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
        allowedDestinations = allowedDestinations == null ? List.of() : List.copyOf(allowedDestinations);
    }

    @Override
    public String toString() {
        String where = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "" : "/<redacted>");
        String headerNames = headers.keySet().stream().map(name -> name + "=<redacted>").collect(Collectors.joining(", ", "{", "}"));
        return "RenderedRequest[method=" + method + ", uri=" + where + ", headers=" + headerNames
                + ", body=" + (body == null ? "none" : "<redacted " + body.length() + " chars>")
                + ", timeout=" + timeout + ", followRedirects=" + followRedirects
                + ", allowedDestinations=" + allowedDestinations + "]";
    }
}
