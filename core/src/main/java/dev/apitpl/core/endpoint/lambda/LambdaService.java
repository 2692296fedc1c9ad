package dev.apitpl.core.endpoint.lambda;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.core.endpoint.EndpointRequest;
import dev.apitpl.core.endpoint.EndpointResponse;
import dev.apitpl.core.endpoint.LambdaInvoker;
import dev.apitpl.core.endpoint.ServiceHandler;
import dev.apitpl.runtime.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Lambda on the local endpoint: the Lambda REST API on {@code /2015-03-31/functions...} and the one invocation path
 * that {@code Invoke} and the endpoint's Step Functions tasks share. Build it with {@link #builder()}; closing it
 * kills every child JVM and deletes its working folder.
 */
public final class LambdaService implements ServiceHandler, LambdaInvoker {

    static final String PREFIX = "/2015-03-31/functions";
    /** The path segment under which {@code Code.Location} serves a function's uploaded bytes. */
    static final String CODE_DOWNLOAD = "code-download";
    private static final String JSON = "application/json";
    private static final Pattern ARN_REGION = Pattern.compile("arn:[^:]+:lambda:([^:]+):");
    private static final Pattern SIGNED_REGION = Pattern.compile("Credential=[^/,]+/\\d{8}/([^/,]+)/");
    /**
     * AWS's limit on a CreateFunction or UpdateFunctionCode request: a 50 MB zip, base64-encoded in the JSON body.
     * A shaded Java Lambda jar is often over 15 MB, whose base64 text is longer than Jackson's default 20 MB string
     * limit, so requests are read with this limit instead.
     */
    static final int MAX_REQUEST_BYTES = 70_167_211;
    private static final ObjectMapper REQUESTS = requestReader();

    /** The runtime's exact-decimal configuration with strings as long as such a request. */
    private static ObjectMapper requestReader() {
        ObjectMapper mapper = Json.mapper().copy();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_REQUEST_BYTES).build());
        return mapper;
    }

    static {
        // The JDK's HTTP server writes headers and body in separate packets; without TCP_NODELAY every small answer
        // waits for the peer's delayed ACK (~40 ms), which made a warm Invoke 10x slower (two such hops). Read once,
        // when the first JDK HTTP server of this JVM starts; an explicit -D setting wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final String account;
    private final String defaultRegion;
    private final Supplier<String> endpointUrl;
    private final Path workDir;
    private final boolean ownsWorkDir;
    private final FunctionStore store;
    private final FunctionOperations functions;
    private final AliasOperations aliases;
    private final PermissionOperations permissions;
    private final Invocations invocations;
    private final FunctionState state;

    private LambdaService(Builder b) {
        this.account = b.account;
        this.defaultRegion = b.region;
        this.endpointUrl = b.endpointUrl;
        this.ownsWorkDir = b.workDir == null;
        try {
            this.workDir = b.workDir != null ? Files.createDirectories(b.workDir) : Files.createTempDirectory("apitpl-lambda-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Lambda working folder: " + e.getMessage(), e);
        }
        this.store = new FunctionStore(b.settleDelay, b.clock);
        this.functions = new FunctionOperations(store);
        this.aliases = new AliasOperations(store);
        this.permissions = new PermissionOperations(store);
        this.invocations = new Invocations(functions, workDir, new JavaRuntimes(b.jvmRoot), this::endpointUrl);
        store.onRemoved(invocations::forget);
        this.state = new FunctionState(b.stateDir);
        state.load().forEach(store::restore);
        store.onSettled(() -> state.save(store));
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean accepts(EndpointRequest request) {
        return request.path() != null && (request.path().equals(PREFIX) || request.path().startsWith(PREFIX + "/"));
    }

    @Override
    public EndpointResponse handle(EndpointRequest request) {
        try {
            EndpointResponse response = route(request, scopeOf(request));
            if (!"GET".equals(request.method()) && response.status() < 300 && !request.path().endsWith("/invocations")) {
                state.save(store);
            }
            return response;
        } catch (LambdaError e) {
            return error(e.type(), e.status(), e.getMessage());
        } catch (RuntimeException e) {
            return error("ServiceException", 500, "The local Lambda service failed: " + e);
        }
    }

    @Override
    public Invocation invoke(String function, String qualifier, String payload) throws LambdaInvocationException {
        return invoke(new Scope(defaultRegion, account), function, qualifier, payload);
    }

    /**
     * How a service (API Gateway) reaches a function: its resource policy must let {@code service} (e.g.
     * {@code apigateway.amazonaws.com}) invoke it from {@code sourceArn}, else a {@code AccessDeniedException}; then
     * the same invocation as {@code Invoke}. The region is the function ARN's.
     */
    public Invocation invokeFrom(String service, String sourceArn, String functionArn, String payload)
            throws LambdaInvocationException {
        Matcher m = ARN_REGION.matcher(functionArn);
        Scope scope = new Scope(m.lookingAt() ? m.group(1) : defaultRegion, account);
        try {
            if (!permissions.permits(scope, FunctionRef.of(functionArn, null, scope), service, sourceArn)) {
                throw new LambdaInvocationException("AccessDeniedException", 403, "The resource policy of " + functionArn
                        + " does not let " + service + " invoke it from " + sourceArn + " (lambda:AddPermission)");
            }
        } catch (LambdaError e) {
            throw new LambdaInvocationException(e.type(), e.status(), e.getMessage());
        }
        return invoke(scope, functionArn, null, payload);
    }

    private Invocation invoke(Scope scope, String function, String qualifier, String payload) throws LambdaInvocationException {
        try {
            FunctionRef ref = FunctionRef.of(function, qualifier, scope);
            return invocations.invoke(scope, ref, payload.getBytes(java.nio.charset.StandardCharsets.UTF_8), false).asInvocation();
        } catch (LambdaError e) {
            throw new LambdaInvocationException(e.type(), e.status(), e.getMessage());
        } catch (RuntimeException e) {
            throw new LambdaInvocationException("ServiceException", 500, "The local Lambda service failed: " + e.getMessage());
        }
    }

    /**
     * This service for the functions created on it, {@code fallback} for every other name: how the endpoint keeps
     * running a workflow whose functions were never deployed to it (in-process, as {@code apitpl:run} does) while
     * deployed functions run as on AWS.
     */
    public LambdaInvoker orElse(LambdaInvoker fallback) {
        return (function, qualifier, payload) -> {
            Scope scope = new Scope(defaultRegion, account);
            FunctionRef ref;
            try {
                ref = FunctionRef.of(function, qualifier, scope);
            } catch (LambdaError e) {
                return fallback.invoke(function, qualifier, payload);
            }
            return store.find(scope, ref.name()) != null ? invoke(function, qualifier, payload)
                    : fallback.invoke(function, qualifier, payload);
        };
    }

    private EndpointResponse route(EndpointRequest request, Scope scope) {
        String rest = request.path().length() <= PREFIX.length() + 1 ? "" : request.path().substring(PREFIX.length() + 1);
        String[] parts = rest.isEmpty() ? new String[0] : rest.split("/", -1);
        String method = request.method();
        if (parts.length == 0 || parts.length == 1 && parts[0].isEmpty()) {
            if ("POST".equals(method)) {
                return json(201, functions.create(scope, body(request, "CreateFunction")));
            }
            if ("GET".equals(method)) {
                return json(200, functions.listFunctions(scope, request.queryParameter("FunctionVersion"),
                        request.queryParameter("Marker"), maxItems(request)));
            }
        } else {
            String name = parts[0];
            String qualifier = request.queryParameter("Qualifier");
            String sub = parts.length > 1 ? parts[1] : "";
            EndpointResponse answer = parts.length <= 2 ? function(request, scope, name, qualifier, sub)
                    : alias(request, scope, name, sub, parts);
            if (answer != null) {
                return answer;
            }
        }
        return error("UnknownOperationException", 404, "This local endpoint does not serve " + method + " " + request.path()
                + " (Lambda operations here: functions, code, configuration, versions, aliases, policy, invocations)");
    }

    private EndpointResponse function(EndpointRequest request, Scope scope, String name, String qualifier, String sub) {
        String method = request.method();
        switch (sub + " " + method) {
            case " GET":
                return json(200, functions.get(scope, FunctionRef.of(name, qualifier, scope), baseUrl(request)));
            case " DELETE":
                functions.delete(scope, FunctionRef.of(name, qualifier, scope));
                return new EndpointResponse(204, new LinkedHashMap<>(), new byte[0]);
            case "configuration GET":
                return json(200, functions.getConfiguration(scope, FunctionRef.of(name, qualifier, scope)));
            case "configuration PUT":
                return json(200, functions.updateConfiguration(scope, FunctionRef.of(name, null, scope),
                        body(request, "UpdateFunctionConfiguration")));
            case "code PUT":
                return json(200, functions.updateCode(scope, FunctionRef.of(name, null, scope),
                        body(request, "UpdateFunctionCode")));
            case "versions POST":
                return json(201, functions.publish(scope, FunctionRef.of(name, null, scope), body(request, "PublishVersion")));
            case "versions GET":
                return json(200, functions.listVersions(scope, FunctionRef.of(name, null, scope),
                        request.queryParameter("Marker"), maxItems(request)));
            case "aliases POST":
                return json(201, aliases.create(scope, FunctionRef.of(name, null, scope), body(request, "CreateAlias")));
            case "aliases GET":
                return json(200, aliases.list(scope, FunctionRef.of(name, null, scope), request.queryParameter("FunctionVersion"),
                        request.queryParameter("Marker"), maxItems(request)));
            case "policy POST":
                return json(201, permissions.add(scope, FunctionRef.of(name, qualifier, scope), body(request, "AddPermission")));
            case "policy GET":
                return json(200, permissions.get(scope, FunctionRef.of(name, qualifier, scope)));
            case "invocations POST":
                return invocations.handle(request, scope, FunctionRef.of(name, qualifier, scope));
            default:
                return null;
        }
    }

    private EndpointResponse alias(EndpointRequest request, Scope scope, String name, String sub, String[] parts) {
        if (parts.length == 3 && "aliases".equals(sub)) {
            FunctionRef ref = FunctionRef.of(name, null, scope);
            switch (request.method()) {
                case "GET":
                    return json(200, aliases.get(scope, ref, parts[2]));
                case "PUT":
                    return json(200, aliases.update(scope, ref, parts[2], body(request, "UpdateAlias")));
                case "DELETE":
                    aliases.delete(scope, ref, parts[2]);
                    return new EndpointResponse(204, new LinkedHashMap<>(), new byte[0]);
                default:
                    return null;
            }
        }
        if (parts.length == 3 && "policy".equals(sub) && "DELETE".equals(request.method())) {
            permissions.remove(scope, FunctionRef.of(name, request.queryParameter("Qualifier"), scope), parts[2]);
            return new EndpointResponse(204, new LinkedHashMap<>(), new byte[0]);
        }
        if (parts.length == 3 && CODE_DOWNLOAD.equals(sub) && "GET".equals(request.method())) {
            byte[] code = functions.code(scope, parts[0], parts[2]);
            if (code == null) {
                return error("ResourceNotFoundException", 404, "No code " + parts[2] + " for function " + parts[0]);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/zip");
            return new EndpointResponse(200, headers, code);
        }
        return null;
    }

    private Scope scopeOf(EndpointRequest request) {
        String authorization = request.header("Authorization");
        Matcher m = authorization == null ? null : SIGNED_REGION.matcher(authorization);
        return new Scope(m != null && m.find() ? m.group(1) : defaultRegion, account);
    }

    private volatile String lastBaseUrl;

    private String baseUrl(EndpointRequest request) {
        String host = request.header("Host");
        String base = host == null ? endpointUrl() : "http://" + host;
        lastBaseUrl = base;
        return base;
    }

    private String endpointUrl() {
        String configured = endpointUrl == null ? null : endpointUrl.get();
        return configured != null ? configured : lastBaseUrl;
    }

    /** The request's JSON object; {@code operation} names it in AWS's message for a body over the size limit. */
    private static JsonNode body(EndpointRequest request, String operation) {
        if (request.body().length == 0) {
            return Json.object();
        }
        if (request.body().length >= MAX_REQUEST_BYTES) {
            throw new LambdaError("RequestEntityTooLargeException", 413, "Request must be smaller than " + MAX_REQUEST_BYTES
                    + " bytes for the " + operation + " operation");
        }
        try {
            JsonNode node = REQUESTS.readTree(request.body());
            return node == null || !node.isObject() ? Json.object() : node;
        } catch (IOException e) {
            throw new LambdaError("InvalidRequestContentException", 400, "Could not parse request body into json: " + e.getMessage());
        }
    }

    private static Integer maxItems(EndpointRequest request) {
        String value = request.queryParameter("MaxItems");
        try {
            return value == null ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw LambdaError.invalidParameter("MaxItems must be a whole number, got " + value);
        }
    }

    static EndpointResponse json(int status, ObjectNode body) {
        return EndpointResponse.json(status, JSON, Json.write(body));
    }

    static EndpointResponse error(String type, int status, String message) {
        ObjectNode body = Json.object().put("Type", status >= 500 ? "Service" : "User").put("message", message);
        return json(status, body).withHeader("x-amzn-ErrorType", type);
    }

    /** Kills every child JVM, stops the background work and deletes the working folder. */
    @Override
    public void close() {
        invocations.close();
        store.close();
        if (!ownsWorkDir) {
            return;
        }
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: the folder is under the temporary directory
        }
    }

    /** Settings of a {@link LambdaService}. */
    public static final class Builder {
        private String account = "000000000000";
        private String region = "us-east-1";
        private Duration settleDelay = Duration.ofMillis(500);
        private Supplier<String> endpointUrl;
        private Path workDir;
        private Path stateDir;
        private Path jvmRoot = Path.of("/usr/lib/jvm");
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The account id in every ARN (the endpoint's STS answers the same one). */
        public Builder account(String account) {
            this.account = account;
            return this;
        }

        /** The region assumed when a request is not signed for one, and for {@link LambdaInvoker} calls. */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** How long a function stays {@code Pending} / {@code InProgress} after a write (AWS: seconds). */
        public Builder settleDelay(Duration settleDelay) {
            this.settleDelay = settleDelay;
            return this;
        }

        /** The endpoint's URL, given to functions as {@code AWS_ENDPOINT_URL} (known once the server is bound). */
        public Builder endpointUrl(Supplier<String> endpointUrl) {
            this.endpointUrl = endpointUrl;
            return this;
        }

        /** Where code is unpacked (default: a new temporary folder, deleted on close). */
        public Builder workDir(Path workDir) {
            this.workDir = workDir;
            return this;
        }

        /** The endpoint's state folder: functions are kept there across restarts (null: in memory only). */
        public Builder stateDir(Path stateDir) {
            this.stateDir = stateDir;
            return this;
        }

        /** Where installed JDKs are looked for (default {@code /usr/lib/jvm}). */
        public Builder jvmRoot(Path jvmRoot) {
            this.jvmRoot = jvmRoot;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public LambdaService build() {
            return new LambdaService(this);
        }
    }
}
