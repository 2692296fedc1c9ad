package dev.apitpl.runtime.admin;

import java.util.Locale;
import java.util.Map;

/**
 * One admin API request, whatever the proxy event format it came in.
 *
 * @param method    the HTTP method, upper case
 * @param path      the path below the API's stage, decoded, e.g. {@code /templates/getUser/GET}
 * @param query     query parameters (the first value of each)
 * @param headers   headers, names in lower case
 * @param body      the body bytes (empty, never null)
 * @param requestId API Gateway's request id, or a local one
 */
public record AdminRequest(String method, String path, Map<String, String> query, Map<String, String> headers,
                           byte[] body, String requestId) {

    public AdminRequest {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    /** A header's value (name in any case), or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
