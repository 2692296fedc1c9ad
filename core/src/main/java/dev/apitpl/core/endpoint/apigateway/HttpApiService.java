package dev.apitpl.core.endpoint.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.core.endpoint.EndpointRequest;
import dev.apitpl.core.endpoint.EndpointResponse;
import dev.apitpl.core.endpoint.LambdaInvoker.Invocation;
import dev.apitpl.core.endpoint.LambdaInvoker.LambdaInvocationException;
import dev.apitpl.core.endpoint.ServiceHandler;
import dev.apitpl.core.endpoint.lambda.LambdaService;
import dev.apitpl.core.endpoint.server.StateFile;
import dev.apitpl.runtime.admin.ProxyEvents;
import dev.apitpl.runtime.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API Gateway HTTP APIs on the local endpoint. The control plane is the {@code apigatewayv2} REST-JSON subset deploy
 * uses (Create/Get/Delete/GetApis, Create/Get/Update/GetIntegrations, Create/Get/Update/Delete/GetRoutes,
 * Create/Get/Update/GetStages, AWS's lower-camel fields and its {@code NotFoundException}, {@code BadRequestException},
 * {@code ConflictException}); the data plane serves each API at its {@code apiEndpoint},
 * {@code http://127.0.0.1:PORT/_aws/execute-api/API_ID}, as API Gateway would: the route picked by its key
 * ({@code METHOD /path}, {@code ANY}, {@code {param}}, {@code {proxy+}}, {@code $default}) on a stage that auto-deploys,
 * {@code AWS_IAM} routes refusing unsigned requests (403; signatures are not verified, as nowhere on the endpoint), and
 * the Lambda proxy integration invoked with a payload format 2.0 event only when the function's resource policy lets
 * {@code apigateway.amazonaws.com} invoke it from the route's {@code execute-api} ARN (500 otherwise, as on AWS).
 */
public final class HttpApiService implements ServiceHandler {

    static final String CONTROL_PREFIX = "/v2/apis";
    /** Where deployed APIs are served: {@code /_aws/execute-api/API_ID/...}. */
    public static final String EXECUTE_PREFIX = "/_aws/execute-api/";
    private static final String JSON = "application/json";
    private static final String PRINCIPAL = "apigateway.amazonaws.com";
    private static final Pattern SIGNED_REGION = Pattern.compile("Credential=([^/,]+)/\\d{8}/([^/,]+)/");
    private static final Pattern ROUTE_KEY = Pattern.compile("\\$default|(ANY|GET|PUT|POST|DELETE|PATCH|HEAD|OPTIONS) (/[^ ]*)");
    private static final Pattern FUNCTION_IN_URI = Pattern.compile(".*/functions/(arn:[^/]+)/invocations");
    private static final String ID_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String account;
    private final String defaultRegion;
    private final Supplier<String> endpointUrl;
    private final LambdaService lambda;
    private final StateFile stateFile;
    private final Consumer<String> log;
    private final ObjectNode apis;

    /**
     * @param endpointUrl the endpoint's URL, known once it is bound (the base of every {@code apiEndpoint})
     * @param lambda      the endpoint's Lambda, which runs the integrations
     * @param stateDir    where {@code apigateway.json} keeps the APIs across restarts, or null for memory only
     */
    public HttpApiService(String account, String defaultRegion, Supplier<String> endpointUrl, LambdaService lambda,
                          Path stateDir, Consumer<String> log) {
        this.account = account;
        this.defaultRegion = defaultRegion;
        this.endpointUrl = endpointUrl;
        this.lambda = lambda;
        this.stateFile = new StateFile(stateDir, "apigateway.json");
        this.log = log;
        this.apis = object(stateFile.load(), "apis");
    }

    @Override
    public boolean accepts(EndpointRequest request) {
        String path = request.path();
        return path != null && (path.equals(CONTROL_PREFIX) || path.startsWith(CONTROL_PREFIX + "/")
                || path.startsWith(EXECUTE_PREFIX));
    }

    @Override
    public EndpointResponse handle(EndpointRequest request) {
        if (request.path().startsWith(EXECUTE_PREFIX)) {
            return execute(request);
        }
        try {
            synchronized (apis) {
                EndpointResponse response = control(request);
                if (!"GET".equals(request.method())) {
                    stateFile.save(Json.object().set("apis", apis));
                }
                return response;
            }
        } catch (ApiError e) {
            return error(e.status, e.type, e.getMessage());
        }
    }

    // ---- control plane ----

    private EndpointResponse control(EndpointRequest request) {
        String rest = request.path().substring(CONTROL_PREFIX.length());
        String[] parts = rest.isEmpty() || rest.equals("/") ? new String[0] : rest.substring(1).split("/", -1);
        String method = request.method();
        if (parts.length == 0) {
            if ("POST".equals(method)) {
                return json(201, createApi(body(request), regionOf(request)));
            }
            if ("GET".equals(method)) {
                return json(200, page(apis, null, request));
            }
        } else {
            ObjectNode api = api(parts[0]);
            if (parts.length == 1) {
                switch (method) {
                    case "GET":
                        return json(200, visible(api));
                    case "DELETE":
                        apis.remove(parts[0]);
                        return new EndpointResponse(204, new java.util.LinkedHashMap<>(), new byte[0]);
                    default:
                        break;
                }
            } else if (Kind.of(parts[1]) != null) {
                Kind kind = Kind.of(parts[1]);
                ObjectNode children = object(api, kind.collection);
                if (parts.length == 2 && "POST".equals(method)) {
                    return json(201, create(api, kind, body(request)));
                }
                if (parts.length == 2 && "GET".equals(method)) {
                    return json(200, page(children, kind, request));
                }
                if (parts.length == 3) {
                    ObjectNode child = child(children, kind, parts[2], api);
                    switch (method) {
                        case "GET":
                            return json(200, child);
                        case "PATCH":
                            return json(200, update(api, kind, child, body(request)));
                        case "DELETE":
                            children.remove(parts[2]);
                            return new EndpointResponse(204, new java.util.LinkedHashMap<>(), new byte[0]);
                        default:
                            break;
                    }
                }
            }
        }
        throw new ApiError(404, "NotFoundException", "This local endpoint does not serve " + method + " "
                + request.path() + " (API Gateway v2 here: apis, integrations, routes, stages)");
    }

    private ObjectNode createApi(JsonNode body, String region) {
        String name = text(body, "name");
        String protocol = text(body, "protocolType");
        if (name == null || protocol == null) {
            throw badRequest("Invalid request: name and protocolType are required");
        }
        if (!protocol.equals("HTTP")) {
            throw badRequest("Invalid protocolType " + protocol + ": this local endpoint serves HTTP APIs only");
        }
        String id = newId(apis);
        ObjectNode api = Json.object();
        api.put("apiId", id);
        api.put("name", name);
        api.put("protocolType", protocol);
        api.put("apiKeySelectionExpression", "$request.header.x-api-key");
        api.put("routeSelectionExpression", "${request.method} ${request.path}");
        api.put("createdDate", now());
        api.put("disableExecuteApiEndpoint", false);
        api.put("ipAddressType", "ipv4");
        copy(body, api, "description", "version", "tags");
        api.put("_region", region);
        apis.set(id, api);
        return visible(api);
    }

    private ObjectNode create(ObjectNode api, Kind kind, JsonNode body) {
        ObjectNode children = object(api, kind.collection);
        ObjectNode child = Json.object();
        switch (kind) {
            case INTEGRATION -> {
                child.put("integrationId", newId(children));
                child.put("connectionType", "INTERNET");
                child.put("timeoutInMillis", 30000);
                child.put("apiGatewayManaged", false);
                copy(body, child, "integrationType", "integrationUri", "integrationMethod", "payloadFormatVersion",
                        "timeoutInMillis", "description", "credentialsArn");
                checkIntegration(child);
            }
            case ROUTE -> {
                child.put("routeId", newId(children));
                child.put("authorizationType", "NONE");
                child.put("apiKeyRequired", false);
                child.put("apiGatewayManaged", false);
                copy(body, child, "routeKey", "authorizationType", "target", "operationName");
                checkRoute(api, child, null);
            }
            case STAGE -> {
                String stageName = text(body, "stageName");
                if (stageName == null) {
                    throw badRequest("Invalid request: stageName is required");
                }
                if (children.has(stageName)) {
                    throw new ApiError(409, "ConflictException", "Stage already exists");
                }
                child.put("stageName", stageName);
                child.put("autoDeploy", false);
                child.put("createdDate", now());
                child.putObject("defaultRouteSettings").put("detailedMetricsEnabled", false);
                child.putObject("routeSettings");
                child.putObject("stageVariables");
                copy(body, child, "autoDeploy", "description", "stageVariables", "tags");
                child.put("lastUpdatedDate", now());
                children.set(stageName, child);
                return child;
            }
            default -> throw new IllegalStateException(kind.name());
        }
        children.set(child.path(kind.idField).asText(), child);
        return child;
    }

    private ObjectNode update(ObjectNode api, Kind kind, ObjectNode child, JsonNode body) {
        ObjectNode updated = child.deepCopy();
        switch (kind) {
            case INTEGRATION -> {
                copy(body, updated, "integrationType", "integrationUri", "integrationMethod", "payloadFormatVersion",
                        "timeoutInMillis", "description", "credentialsArn");
                checkIntegration(updated);
            }
            case ROUTE -> {
                copy(body, updated, "routeKey", "authorizationType", "target", "operationName");
                checkRoute(api, updated, child.path("routeId").asText());
            }
            case STAGE -> {
                copy(body, updated, "autoDeploy", "description", "stageVariables");
                updated.put("lastUpdatedDate", now());
            }
            default -> throw new IllegalStateException(kind.name());
        }
        object(api, kind.collection).set(child.path(kind.idField).asText(), updated);
        return updated;
    }

    private static void checkIntegration(ObjectNode integration) {
        String type = integration.path("integrationType").asText(null);
        if (type == null) {
            throw badRequest("Invalid request: integrationType is required");
        }
        if (!type.equals("AWS_PROXY")) {
            throw badRequest("Invalid integrationType " + type + ": this local endpoint serves AWS_PROXY (Lambda) integrations");
        }
        if (integration.path("integrationUri").asText("").isEmpty()) {
            throw badRequest("Invalid request: integrationUri is required for an AWS_PROXY integration");
        }
        String format = integration.path("payloadFormatVersion").asText(null);
        if (format == null) {
            throw badRequest("PayloadFormatVersion is required for AWS_PROXY integrations of HTTP APIs (1.0 or 2.0)");
        }
        if (!format.equals("1.0") && !format.equals("2.0")) {
            throw badRequest("Invalid payloadFormatVersion " + format + ": 1.0 or 2.0");
        }
    }

    private static void checkRoute(ObjectNode api, ObjectNode route, String ownId) {
        String key = route.path("routeKey").asText(null);
        if (key == null) {
            throw badRequest("Invalid request: routeKey is required");
        }
        if (!ROUTE_KEY.matcher(key).matches()) {
            throw badRequest("Invalid route key " + key + ": '$default' or 'METHOD /path' (METHOD one of ANY, GET, PUT, "
                    + "POST, DELETE, PATCH, HEAD, OPTIONS)");
        }
        String auth = route.path("authorizationType").asText();
        if (!List.of("NONE", "AWS_IAM").contains(auth)) {
            throw badRequest("Invalid authorizationType " + auth + ": this local endpoint serves NONE and AWS_IAM");
        }
        for (JsonNode other : object(api, Kind.ROUTE.collection)) {
            if (key.equals(other.path("routeKey").asText()) && !other.path("routeId").asText().equals(ownId)) {
                throw new ApiError(409, "ConflictException", "Unable to create route. The route key " + key
                        + " already exists for this API");
            }
        }
        String target = route.path("target").asText(null);
        if (target != null && (!target.startsWith("integrations/")
                || !object(api, Kind.INTEGRATION.collection).has(target.substring("integrations/".length())))) {
            throw badRequest("Invalid target " + target + ": integrations/INTEGRATION_ID of an integration of this API");
        }
    }

    private ObjectNode api(String id) {
        JsonNode api = apis.get(id);
        if (!(api instanceof ObjectNode object)) {
            throw new ApiError(404, "NotFoundException", "Invalid API identifier specified " + account + ":" + id);
        }
        return object;
    }

    private ObjectNode child(ObjectNode children, Kind kind, String id, ObjectNode api) {
        JsonNode child = children.get(id);
        if (!(child instanceof ObjectNode object)) {
            throw new ApiError(404, "NotFoundException", "Invalid " + kind.label + " identifier specified "
                    + account + ":" + api.path("apiId").asText() + ":" + id);
        }
        return object;
    }

    /** One page of {@code items}, {@code maxResults} and {@code nextToken} as API Gateway pages. */
    private ObjectNode page(ObjectNode items, Kind kind, EndpointRequest request) {
        List<JsonNode> all = new ArrayList<>();
        items.forEach(all::add);
        int start;
        int max;
        try {
            start = request.queryParameter("nextToken") == null ? 0 : Integer.parseInt(request.queryParameter("nextToken"));
            max = request.queryParameter("maxResults") == null ? 100 : Integer.parseInt(request.queryParameter("maxResults"));
        } catch (NumberFormatException e) {
            throw badRequest("Invalid nextToken or maxResults");
        }
        ObjectNode page = Json.object();
        ArrayNode list = page.putArray("items");
        for (int i = start; i < Math.min(all.size(), start + max); i++) {
            list.add(kind == null ? visible((ObjectNode) all.get(i)) : all.get(i));
        }
        if (start + max < all.size()) {
            page.put("nextToken", String.valueOf(start + max));
        }
        return page;
    }

    // ---- data plane ----

    private EndpointResponse execute(EndpointRequest request) {
        String rest = request.path().substring(EXECUTE_PREFIX.length());
        int slash = rest.indexOf('/');
        String apiId = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "/" : rest.substring(slash);
        ObjectNode api;
        ObjectNode route;
        String stage;
        Map<String, String> pathParameters = new java.util.LinkedHashMap<>();
        synchronized (apis) {
            JsonNode found = apis.get(apiId);
            if (!(found instanceof ObjectNode object)) {
                return message(404, "Not Found");
            }
            api = object.deepCopy();
        }
        ObjectNode stages = object(api, Kind.STAGE.collection);
        String first = path.length() > 1 ? path.substring(1).split("/", 2)[0] : "";
        if (!first.isEmpty() && !first.equals("$default") && stages.has(first)) {
            stage = first;
            path = path.substring(first.length() + 1);
            path = path.isEmpty() ? "/" : path;
        } else if (stages.has("$default")) {
            stage = "$default";
        } else {
            return message(404, "Not Found");
        }
        if (!stages.path(stage).path("autoDeploy").asBoolean()) {
            return message(404, "Not Found"); // nothing deployed: this endpoint deploys through autoDeploy only
        }
        route = route(api, request.method(), path, pathParameters);
        if (route == null) {
            return message(404, "Not Found");
        }
        String authorization = request.header("Authorization");
        Matcher signed = authorization == null ? null : SIGNED_REGION.matcher(authorization);
        boolean iam = "AWS_IAM".equals(route.path("authorizationType").asText());
        if (iam && (signed == null || !authorization.startsWith("AWS4-HMAC-SHA256") || !signed.find())) {
            return message(403, "Forbidden");
        }
        String target = route.path("target").asText("");
        JsonNode integration = object(api, Kind.INTEGRATION.collection).get(target.replaceFirst("^integrations/", ""));
        if (integration == null) {
            return message(500, "Internal Server Error");
        }
        String region = api.path("_region").asText(defaultRegion);
        String routeKey = route.path("routeKey").asText();
        String sourceArn = "arn:aws:execute-api:" + region + ":" + account + ":" + apiId + "/" + stage + "/"
                + request.method() + path;
        ObjectNode event = event(request, api, stage, routeKey, path, pathParameters, iam ? signed.group(1) : null,
                integration.path("payloadFormatVersion").asText());
        String function = functionOf(integration.path("integrationUri").asText());
        try {
            Invocation invocation = lambda.invokeFrom(PRINCIPAL, sourceArn, function, Json.write(event));
            if (invocation.functionError() != null) {
                log.accept("apitpl endpoint: HTTP API " + apiId + " route " + routeKey + ": the function failed: "
                        + invocation.payload());
                return message(500, "Internal Server Error");
            }
            JsonNode answer;
            try {
                answer = Json.mapper().readTree(invocation.payload());
            } catch (IOException e) {
                answer = null;
            }
            return ProxyIntegration.response(answer, invocation.payload());
        } catch (LambdaInvocationException e) {
            log.accept("apitpl endpoint: HTTP API " + apiId + " route " + routeKey + " could not invoke " + function
                    + ": " + e.errorName() + ": " + e.getMessage());
            return message(500, "Internal Server Error");
        }
    }

    /** The most specific route for the request: literal before {param} before {proxy+}, a method before ANY, then $default. */
    private static ObjectNode route(ObjectNode api, String method, String path, Map<String, String> parameters) {
        ObjectNode best = null;
        int bestScore = -1;
        Map<String, String> bestParameters = Map.of();
        for (JsonNode node : object(api, Kind.ROUTE.collection)) {
            String key = node.path("routeKey").asText();
            Map<String, String> found = new java.util.LinkedHashMap<>();
            int score;
            if (key.equals("$default")) {
                score = 0;
            } else {
                String[] keyParts = key.split(" ", 2);
                if (!keyParts[0].equals("ANY") && !keyParts[0].equals(method)) {
                    continue;
                }
                int literals = matchPath(keyParts[1], path, found);
                if (literals < 0) {
                    continue;
                }
                boolean greedy = keyParts[1].endsWith("+}");
                score = 1 + (greedy ? 0 : 10_000) + literals * 10 + (keyParts[0].equals("ANY") ? 0 : 1);
            }
            if (score > bestScore) {
                best = (ObjectNode) node;
                bestScore = score;
                bestParameters = found;
            }
        }
        parameters.putAll(bestParameters);
        return best;
    }

    /** The number of literal segments of {@code pattern} when {@code path} matches it, else -1. */
    private static int matchPath(String pattern, String path, Map<String, String> parameters) {
        String[] want = pattern.substring(1).split("/", -1);
        String[] have = path.substring(1).split("/", -1);
        int literals = 0;
        for (int i = 0; i < want.length; i++) {
            String segment = want[i];
            if (segment.startsWith("{") && segment.endsWith("+}")) {
                if (i >= have.length || have[i].isEmpty()) {
                    return -1;
                }
                parameters.put(segment.substring(1, segment.length() - 2), String.join("/",
                        java.util.Arrays.copyOfRange(have, i, have.length)));
                return literals;
            }
            if (i >= have.length) {
                return -1;
            }
            if (segment.startsWith("{") && segment.endsWith("}")) {
                if (have[i].isEmpty()) {
                    return -1;
                }
                parameters.put(segment.substring(1, segment.length() - 1), have[i]);
            } else if (segment.equals(have[i])) {
                literals++;
            } else {
                return -1;
            }
        }
        return want.length == have.length ? literals : -1;
    }

    private ObjectNode event(EndpointRequest request, ObjectNode api, String stage, String routeKey, String path,
                             Map<String, String> pathParameters, String accessKey, String format) {
        String rawPath = stage.equals("$default") ? path : "/" + stage + path;
        ObjectNode event = ProxyEvents.event(format.equals("1.0") ? "1.0" : ProxyEvents.HTTP_API_FORMAT,
                request.method(), rawPath.replace("%", "%25"), ProxyIntegration.rawQuery(request.query()),
                request.headers(), request.body());
        ObjectNode context = object(event, "requestContext");
        context.put("apiId", api.path("apiId").asText());
        context.put("accountId", account);
        context.put("stage", stage);
        context.put("domainName", "127.0.0.1");
        Instant now = Instant.now();
        context.put("timeEpoch", now.toEpochMilli());
        if (format.equals("1.0")) {
            event.put("resource", routeKey.contains(" ") ? routeKey.split(" ", 2)[1] : "$default");
        } else {
            event.put("routeKey", routeKey);
            context.put("routeKey", routeKey);
            context.put("time", DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
                    .withZone(java.time.ZoneOffset.UTC).format(now));
            object(context, "http").put("protocol", "HTTP/1.1").put("userAgent", String.valueOf(request.header("User-Agent")));
        }
        if (accessKey != null) {
            context.putObject("authorizer").putObject("iam").put("accessKey", accessKey).put("accountId", account)
                    .put("callerId", accessKey).put("userArn", "arn:aws:iam::" + account + ":root");
        }
        if (!pathParameters.isEmpty()) {
            ObjectNode parameters = event.putObject("pathParameters");
            pathParameters.forEach(parameters::put);
        }
        return event;
    }

    /** The function of an integration URI: a Lambda ARN, or API Gateway's {@code arn:...:lambda:path/.../functions/ARN/invocations}. */
    private static String functionOf(String integrationUri) {
        Matcher m = FUNCTION_IN_URI.matcher(integrationUri);
        return m.matches() ? m.group(1) : integrationUri;
    }

    // ---- helpers ----

    private enum Kind {
        INTEGRATION("integrations", "integrationId", "Integration"),
        ROUTE("routes", "routeId", "Route"),
        STAGE("stages", "stageName", "stage");

        final String collection;
        final String idField;
        final String label;

        Kind(String collection, String idField, String label) {
            this.collection = "_" + collection;
            this.idField = idField;
            this.label = label;
        }

        static Kind of(String segment) {
            for (Kind kind : values()) {
                if (kind.collection.equals("_" + segment)) {
                    return kind;
                }
            }
            return null;
        }
    }

    /**
     * The API as AWS answers it: without the endpoint's own bookkeeping fields ({@code _...}), its {@code apiEndpoint}
     * on the endpoint's current URL (a restart with a state folder may bind another port).
     */
    private ObjectNode visible(ObjectNode api) {
        ObjectNode copy = api.deepCopy();
        copy.put("apiEndpoint", endpointUrl.get() + EXECUTE_PREFIX + api.path("apiId").asText());
        for (Iterator<String> names = api.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.startsWith("_")) {
                copy.remove(name);
            }
        }
        return copy;
    }

    /** The object under {@code field}, created when missing. */
    private static ObjectNode object(JsonNode parent, String field) {
        ObjectNode owner = (ObjectNode) parent;
        JsonNode child = owner.get(field);
        return child instanceof ObjectNode object ? object : owner.putObject(field);
    }

    private static void copy(JsonNode from, ObjectNode to, String... fields) {
        for (String field : fields) {
            if (from.has(field) && !from.get(field).isNull()) {
                to.set(field, from.get(field));
            }
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }

    private static String newId(ObjectNode existing) {
        while (true) {
            StringBuilder id = new StringBuilder();
            for (int i = 0; i < 7; i++) {
                id.append(ID_CHARACTERS.charAt(RANDOM.nextInt(ID_CHARACTERS.length())));
            }
            if (!existing.has(id.toString())) {
                return id.toString();
            }
        }
    }

    private static String now() {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    private String regionOf(EndpointRequest request) {
        String authorization = request.header("Authorization");
        Matcher m = authorization == null ? null : SIGNED_REGION.matcher(authorization);
        return m != null && m.find() ? m.group(2) : defaultRegion;
    }

    private static JsonNode body(EndpointRequest request) {
        if (request.body().length == 0) {
            return Json.object();
        }
        try {
            JsonNode node = Json.mapper().readTree(request.body());
            return node == null || !node.isObject() ? Json.object() : node;
        } catch (IOException e) {
            throw badRequest("Could not parse request body into json: " + e.getMessage());
        }
    }

    private static EndpointResponse json(int status, JsonNode body) {
        return EndpointResponse.json(status, JSON, Json.write(body));
    }

    private static EndpointResponse error(int status, String type, String message) {
        return json(status, Json.object().put("message", message)).withHeader("x-amzn-ErrorType", type);
    }

    /** A data-plane answer: API Gateway's {@code {"message": ...}}. */
    private static EndpointResponse message(int status, String message) {
        return json(status, Json.object().put("message", message));
    }

    private static ApiError badRequest(String message) {
        return new ApiError(400, "BadRequestException", message);
    }

    /** An API Gateway error: status, AWS's error name, message. */
    private static final class ApiError extends RuntimeException {
        final int status;
        final String type;

        ApiError(int status, String type, String message) {
            super(message);
            this.status = status;
            this.type = type;
        }
    }
}
