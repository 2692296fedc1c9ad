package dev.apitpl.core.endpoint;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request to the local endpoint, read whole.
 *
 * @param method  the HTTP method, upper case
 * @param path    the decoded path, without the query string
 * @param query   the decoded query parameters, in order
 * @param headers the headers, names in lower case
 * @param body    the body bytes (empty, never null)
 */
public record EndpointRequest(String method, String path, Map<String, List<String>> query,
                              Map<String, List<String>> headers, byte[] body) {

    /** The first value of a header (name in any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The first value of a query parameter, or null. */
    public String queryParameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
