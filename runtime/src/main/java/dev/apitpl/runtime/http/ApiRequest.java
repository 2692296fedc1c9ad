package dev.apitpl.runtime.http;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One outbound call, as rendered from a template.
 *
 * @param method              HTTP method, e.g. GET
 * @param uri                 absolute http or https URL
 * @param headers             header name to value, in the template's order
 * @param body                request body, or null for none
 * @param timeout             total time allowed for the call, or null for the caller's default
 * @param followRedirects     whether 3xx responses are followed (each hop re-checked by the guard)
 * @param allowedDestinations the template's allow-list; may be empty
 */
public record ApiRequest(String method, URI uri, Map<String, String> headers, String body, Duration timeout,
                         boolean followRedirects, List<String> allowedDestinations) {

    public ApiRequest {
        headers = headers == null ? Map.of() : headers;
        allowedDestinations = allowedDestinations == null ? List.of() : List.copyOf(allowedDestinations);
    }
}
