package dev.apitpl.runtime.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.apitpl.runtime.error.ApiTimeoutException;
import dev.apitpl.runtime.error.ApiTplException;
import dev.apitpl.runtime.error.ApiUnreachableException;
import dev.apitpl.runtime.error.DestinationBlockedException;
import dev.apitpl.runtime.error.InvalidRequestException;
import dev.apitpl.runtime.error.TooManyRedirectsException;
import dev.apitpl.runtime.json.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one rendered request with the JDK's HttpClient, behind the {@link DestinationGuard}.
 *
 * <p>DNS rebinding: the host is resolved once, every address is checked, and for plain http the
 * connection goes to the checked address itself (the URL's host becomes the Host header), so a second,
 * different DNS answer is never used. For https the JDK client resolves again (it needs the name for SNI
 * and certificate checks); a rebound address would then have to present a valid certificate for the
 * attacker's name, which internal services do not have.
 */
public final class ApiCaller {

    private static final String RESTRICTED_HEADERS_PROPERTY = "jdk.httpclient.allowRestrictedHeaders";
    /** Set before the JDK client's classes read it, so a pinned request can carry the original Host. */
    private static final boolean HOST_HEADER_SETTABLE = allowHostHeader();

    /** Headers kept when a redirect leaves the origin: anything else may carry a credential. */
    private static final Set<String> HEADERS_SAFE_ACROSS_ORIGINS = Set.of("accept", "accept-language", "user-agent", "content-type");
    private static final String TOKEN_CHARS = "!#$%&'*+-.^_`|~";

    private final HttpClient client;
    private final DestinationGuard guard;
    private final HostResolver resolver;
    private final CallLimits limits;

    public ApiCaller(DestinationGuard guard, HostResolver resolver, CallLimits limits) {
        this(newHttpClient(limits), guard, resolver, limits);
    }

    public ApiCaller(HttpClient client, DestinationGuard guard, HostResolver resolver, CallLimits limits) {
        this.client = client;
        this.guard = guard;
        this.resolver = resolver;
        this.limits = limits;
    }

    /** The client every call shares: never follows redirects itself (each hop must pass the guard). */
    public static HttpClient newHttpClient(CallLimits limits) {
        return HttpClient.newBuilder()
                .connectTimeout(limits.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public CallLimits limits() {
        return limits;
    }

    /**
     * Runs the request-building, guarding and body-parsing code paths without any network traffic, so a
     * SnapStart snapshot holds them loaded and initialised.
     */
    public void warmUp() {
        validate(URI.create("https://priming.invalid/items/1?x=1"));
        validate(Map.of("Accept", "application/json", "X-Request-Id", "priming"));
        HttpRequest.newBuilder(withAddress(URI.create("http://priming.invalid:8080/p?q=1"),
                        InetAddress.getLoopbackAddress()))
                .timeout(limits.defaultTimeout())
                .header("Host", "priming.invalid:8080")
                .method("POST", HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        guard.check("priming.invalid", List.of(InetAddress.getLoopbackAddress()));
        new CappedBodySubscriber(limits.maxResponseBytes(), "priming.invalid", -1);
        parseBody("{\"primed\":[1,2.5,true,null]}".getBytes(StandardCharsets.UTF_8), "application/json; charset=utf-8");
        parseBody("primed".getBytes(StandardCharsets.UTF_8), "text/plain");
    }

    /**
     * @param request    the rendered call
     * @param timeBudget the most time the call may take whatever the template says (the Lambda's remaining time)
     */
    public ApiResponse call(ApiRequest request, Duration timeBudget) {
        long started = System.nanoTime();
        Duration wanted = request.timeout() != null ? request.timeout() : limits.defaultTimeout();
        Duration total = timeBudget != null && timeBudget.compareTo(wanted) < 0 ? timeBudget : wanted;
        String method = validMethod(request.method());
        validate(request.uri());
        validate(request.headers());
        if (total.isNegative() || total.isZero()) {
            throw new ApiTimeoutException("No time left to call " + request.uri().getHost()
                    + " before the Lambda's own timeout; raise the function timeout or lower the template's");
        }
        long deadline = started + total.toNanos();

        URI current = request.uri();
        Map<String, String> headers = request.headers();
        String body = request.body();
        for (int hop = 0; ; hop++) {
            HttpResponse<byte[]> response = exchange(current, method, headers, body, request.allowedDestinations(),
                    deadline, total);
            String location = response.headers().firstValue("location").orElse(null);
            if (!request.followRedirects() || !isRedirect(response.statusCode()) || location == null) {
                return toApiResponse(response, (System.nanoTime() - started) / 1_000_000);
            }
            if (hop >= limits.maxRedirects()) {
                throw new TooManyRedirectsException("More than " + limits.maxRedirects() + " redirects starting at "
                        + request.uri().getHost() + "; point the template at the final URL");
            }
            URI next = redirectTarget(current, location);
            int status = response.statusCode();
            if (status == 303 || ((status == 301 || status == 302) && !method.equals("GET") && !method.equals("HEAD"))) {
                method = "GET";
                body = null;
            }
            if (!sameOrigin(current, next)) {
                if (body != null) {
                    // 307/308 (and 301/302 after GET/HEAD) keep method and body; the body may hold secret() values.
                    throw new DestinationBlockedException("The API at " + origin(current) + " answered " + status
                            + " redirecting the " + method + " request and its body to another origin, " + origin(next)
                            + "; a body is never re-sent across origins, since it may carry secrets: point the"
                            + " template at the final URL");
                }
                headers = onlySafeAcrossOrigins(headers);
            }
            current = next;
        }
    }

    private HttpResponse<byte[]> exchange(URI uri, String method, Map<String, String> headers, String body,
                                          List<String> allowedDestinations, long deadline, Duration total) {
        String host = uri.getHost();
        List<InetAddress> addresses;
        try {
            addresses = guard.admit(host, resolver, allowedDestinations);
        } catch (UnknownHostException e) {
            throw new ApiUnreachableException("Cannot resolve host '" + host + "': check the URL's host name and"
                    + " that the Lambda can reach DNS (VPC DNS settings, NAT gateway)", e);
        }
        boolean pinned = HOST_HEADER_SETTABLE && "http".equals(uri.getScheme());
        ConnectException refused = null;
        for (InetAddress address : pinned ? addresses : addresses.subList(0, 1)) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(pinned ? withAddress(uri, address) : uri)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if ("http".equals(uri.getScheme())) {
                builder.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade dance on plain http
            }
            headers.forEach(builder::header);
            if (pinned) {
                builder.header("Host", uri.getPort() == -1 ? host : host + ":" + uri.getPort());
            }
            try {
                return send(builder, host, deadline, total);
            } catch (ConnectException e) {
                refused = e;
            }
        }
        throw new ApiUnreachableException("Connection to " + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
                + " was refused (" + refused.getMessage() + "); check the URL's port and that the API is up and"
                + " reachable from the Lambda (security groups, NAT)", refused);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder builder, String host, long deadline, Duration total)
            throws ConnectException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw timeout(host, total);
        }
        HttpRequest request = builder.timeout(Duration.ofNanos(remaining)).build();
        boolean head = request.method().equals("HEAD");
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, info ->
                new CappedBodySubscriber(limits.maxResponseBytes(), host,
                        head || bodyless(info.statusCode()) ? -1
                                : info.headers().firstValueAsLong("content-length").orElse(-1)));
        try {
            return future.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw timeout(host, total);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt(); // whoever interrupted this thread still sees it
            throw new ApiTimeoutException("The call to " + host + " was interrupted while waiting for the answer"
                    + " (the invocation is being stopped); whether the API received the request is unknown, so"
                    + " retry only an idempotent call", e);
        } catch (ExecutionException e) {
            throw translate(e.getCause(), host, total);
        }
    }

    /**
     * Statuses that never carry a body (RFC 9110 6.4.1): their Content-Length, like a HEAD answer's, describes
     * the resource, not bytes that follow, so it is not held against the read cap.
     */
    private static boolean bodyless(int status) {
        return status < 200 || status == 204 || status == 304;
    }

    private static RuntimeException translate(Throwable failure, String host, Duration total) throws ConnectException {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiTplException named) {
                return named;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException) {
                return new ApiTimeoutException("Could not connect to " + host + " within the connect timeout; check"
                        + " that the host is reachable from the Lambda (security groups, NAT) or raise "
                        + CallLimits.CONNECT_TIMEOUT_ENV, t);
            }
            if (t instanceof HttpTimeoutException) {
                return timeout(host, total);
            }
            if (t instanceof ConnectException refused) {
                throw refused;
            }
        }
        return new ApiUnreachableException("The call to " + host + " failed: " + failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : " (" + failure.getMessage() + ")")
                + "; check the URL, TLS setup and that the API is up", failure);
    }

    private static ApiTimeoutException timeout(String host, Duration total) {
        return new ApiTimeoutException(host + " did not answer within " + total.toMillis() + " ms; raise the"
                + " template's timeout (and the Lambda's) or check the API's health");
    }

    private static URI withAddress(URI uri, InetAddress address) {
        String literal = address.getHostAddress();
        int scope = literal.indexOf('%');
        if (scope >= 0) {
            literal = literal.substring(0, scope);
        }
        if (address instanceof Inet6Address) {
            literal = "[" + literal + "]";
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return URI.create(uri.getScheme() + "://" + literal + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
                + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    private ApiResponse toApiResponse(HttpResponse<byte[]> response, long durationMs) {
        Map<String, List<String>> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        String contentType = response.headers().firstValue("content-type").orElse("");
        return new ApiResponse(response.statusCode(), Collections.unmodifiableMap(headers),
                parseBody(response.body(), contentType), durationMs);
    }

    /** JSON content types are parsed; a JSON type whose body does not parse, and anything else, becomes text. */
    static JsonNode parseBody(byte[] bytes, String contentType) {
        if (bytes == null || bytes.length == 0) {
            return NullNode.getInstance();
        }
        String[] parts = contentType.split(";");
        String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
        Charset charset = StandardCharsets.UTF_8;
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].trim();
            if (param.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                try {
                    charset = Charset.forName(param.substring(8).replace("\"", "").trim());
                } catch (IllegalArgumentException unknownCharset) {
                    charset = StandardCharsets.UTF_8;
                }
            }
        }
        if (mediaType.equals("application/json") || mediaType.equals("text/json") || mediaType.endsWith("+json")) {
            try {
                return Json.mapper().readTree(bytes);
            } catch (IOException notJson) {
                return TextNode.valueOf(new String(bytes, charset));
            }
        }
        return TextNode.valueOf(new String(bytes, charset));
    }

    private static String validMethod(String method) {
        if (method == null || method.isBlank() || !isToken(method)) {
            throw new InvalidRequestException("The request method '" + method + "' is not an HTTP method name;"
                    + " use GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS");
        }
        return method.toUpperCase(Locale.ROOT);
    }

    private static void validate(URI uri) {
        if (uri == null || !uri.isAbsolute()) {
            throw new InvalidRequestException("The request URL '" + uri + "' is not absolute; the template's url must"
                    + " start with https:// or http://");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidRequestException("The request URL uses scheme '" + uri.getScheme()
                    + "'; only http and https are supported");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidRequestException("The request URL carries user info before the host; put credentials"
                    + " in an Authorization header using secret('NAME') instead");
        }
        if (uri.getHost() == null) {
            DestinationGuard.oddNumericHost(uri).ifPresent(reason -> {
                throw new DestinationBlockedException("Blocked destination: " + reason);
            });
            throw new InvalidRequestException("The request URL has no valid host (authority '" + uri.getRawAuthority()
                    + "'); numeric hosts must be dotted quads such as 93.184.216.34 or bracketed IPv6");
        }
    }

    /** Rejects CR/LF and other control characters (header injection); names the header, never the value. */
    static void validate(Map<String, String> headers) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            if (name == null || name.isEmpty() || !isToken(name)) {
                throw new InvalidRequestException("Header name '" + printable(name) + "' is not a valid HTTP token"
                        + " (letters, digits and !#$%&'*+-.^_`|~ only, no spaces or control characters)");
            }
            if (ClientOwnedHeaders.contains(name)) {
                throw new InvalidRequestException("Header '" + name + "' is set by the HTTP client from the URL and"
                        + " body; remove it from the template");
            }
            String value = header.getValue();
            if (value == null) {
                throw new InvalidRequestException("Header '" + name + "' has no value; give it one or remove it");
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < 0x20 && c != '\t') || c == 0x7F) {
                    throw new InvalidRequestException("Header '" + name + "' contains a control character (CR, LF"
                            + " or similar) in its value; remove it from the template or the parameter that fills it");
                }
            }
        }
    }

    private static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || TOKEN_CHARS.indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String printable(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c < 0x20 || c == 0x7F ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static URI redirectTarget(URI current, String location) {
        URI next;
        try {
            next = current.resolve(location.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("The API at " + current.getHost() + " redirected to an invalid URL");
        }
        validate(next);
        return next;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && effectivePort(a) == effectivePort(b);
    }

    /** scheme://host:port, never path or query (they may hold parameters). */
    private static String origin(URI uri) {
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority().substring(
                uri.getRawAuthority().lastIndexOf('@') + 1);
    }

    private static int effectivePort(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static Map<String, String> onlySafeAcrossOrigins(Map<String, String> headers) {
        Map<String, String> kept = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (HEADERS_SAFE_ACROSS_ORIGINS.contains(name.toLowerCase(Locale.ROOT))) {
                kept.put(name, value);
            }
        });
        return kept;
    }

    private static boolean allowHostHeader() {
        String current = System.getProperty(RESTRICTED_HEADERS_PROPERTY, "");
        boolean listed = Arrays.stream(current.split(",")).map(String::trim).anyMatch("host"::equalsIgnoreCase);
        if (!listed) {
            System.setProperty(RESTRICTED_HEADERS_PROPERTY, current.isBlank() ? "host" : current + ",host");
        }
        try {
            HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).header("Host", "probe");
            return true;
        } catch (IllegalArgumentException clientAlreadyInitialised) {
            return false;
        }
    }
}
