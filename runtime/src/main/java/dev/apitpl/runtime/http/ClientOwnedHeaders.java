package dev.apitpl.runtime.http;

import java.util.Locale;
import java.util.Set;

/**
 * The headers the JDK's HTTP client sets itself (from the URL and the body) and refuses to take from a request.
 * Templates are checked against them when read, requests when sent, and the local engine's HTTP task too.
 */
public final class ClientOwnedHeaders {

    /** Lower-case names. */
    public static final Set<String> NAMES = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private ClientOwnedHeaders() {
    }

    /** Whether {@code name}, in any case, is one of them. */
    public static boolean contains(String name) {
        return NAMES.contains(name.toLowerCase(Locale.ROOT));
    }
}
