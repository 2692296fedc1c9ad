package dev.apitpl.runtime.admin;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.runtime.error.ApiTplException;
import dev.apitpl.runtime.json.Json;
import dev.apitpl.runtime.render.RenderedRequest;
import dev.apitpl.runtime.render.TemplateRenderer;
import dev.apitpl.runtime.template.ApiTemplate;
import dev.apitpl.runtime.template.TemplateCodec;
import dev.apitpl.runtime.template.TemplateContentHash;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * The template admin API, independent of how requests arrive (API Gateway proxy events, the local endpoint):
 * <pre>
 * GET    /templates?limit=25&amp;next=TOKEN          a page of names, methods and descriptions
 * GET    /templates/{name}/{method}               the template (ETag: its content hash)
 * PUT    /templates/{name}/{method}               create or replace, validated; If-Match to replace
 * DELETE /templates/{name}/{method}               delete; If-Match required
 * POST   /templates/{name}/{method}/render        the request the template would send for {"params": {...}}
 * </pre>
 * Each answer is JSON; errors are {@code {"error": code, "message": text}} with the status of the failure; every
 * request writes one {@link AdminLog} line. Nothing is written unless the request is valid and its preconditions hold.
 */
public final class AdminApi {

    /**
     * Every DynamoDB action the admin API calls, on the template table only: what its role needs, nothing more (sorted,
     * as policy documents list actions).
     */
    public static final List<String> DYNAMODB_ACTIONS =
            List.of("dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Scan");
    /** Largest accepted request body: a template item must stay well inside DynamoDB's 400 KB item limit. */
    public static final int MAX_BODY_BYTES = 256 * 1024;
    public static final int DEFAULT_PAGE_SIZE = 25;
    public static final int MAX_PAGE_SIZE = 100;
    /** What a template's {@code secret('NAME')} renders as in a preview: the name, never the value. */
    static final String SECRET_PREVIEW = "{secret:%s}";

    private static final String ROUTES = "GET /templates, GET|PUT|DELETE /templates/{name}/{method},"
            + " POST /templates/{name}/{method}/render";
    private static final Pattern JSON_MEDIA_TYPE = Pattern.compile("application/(.+\\+)?json", Pattern.CASE_INSENSITIVE);

    private final TemplateTable table;
    private final TemplateRenderer renderer;
    private final TemplateCheck check;
    private final AdminLog log;
    private final Clock clock;

    AdminApi(TemplateTable table, TemplateRenderer renderer, AdminLog log, Clock clock) {
        this.table = table;
        this.renderer = renderer;
        this.check = new TemplateCheck(renderer);
        this.log = log;
        this.clock = clock;
    }

    /** Answers one request; never throws, and logs one line. */
    public AdminResponse handle(AdminRequest request) {
        long started = clock.millis();
        AdminLog.Entry entry = new AdminLog.Entry();
        entry.requestId = request.requestId();
        entry.method = request.method();
        AdminResponse response;
        try {
            response = route(request, entry);
        } catch (ResourceNotFoundException e) {
            response = AdminResponse.error(500, "TemplateTableMissing", "The template table '" + table.name()
                    + "' does not exist in this account and region; check " + TemplateAdminLambda.TABLE_ENV);
        } catch (DynamoDbException e) {
            String code = e.awsErrorDetails() == null ? "HTTP " + e.statusCode() : e.awsErrorDetails().errorCode();
            response = AdminResponse.error(500, "TemplateTableError", "DynamoDB refused the request on table '"
                    + table.name() + "' (" + code + "); the role needs " + String.join(", ", DYNAMODB_ACTIONS) + " on it");
        } catch (SdkException e) {
            response = AdminResponse.error(503, "TemplateTableUnreachable", "DynamoDB could not be reached; retry later");
        } catch (RuntimeException e) {
            // no stack trace or message of an unexpected failure in the answer: it may quote anything
            response = AdminResponse.error(500, "InternalError", "The request failed unexpectedly (" + e.getClass()
                    .getSimpleName() + "); request id " + request.requestId());
        }
        if (response.body() instanceof ObjectNode body && response.error() != null) {
            body.put("requestId", request.requestId());
        }
        log.write(entry, response, clock.millis() - started);
        return response;
    }

    private AdminResponse route(AdminRequest request, AdminLog.Entry entry) {
        String[] segments = request.path().replaceAll("^/+|/+$", "").split("/+");
        if (!segments[0].equals("templates") || segments.length == 2 || segments.length > 4
                || (segments.length == 4 && !segments[3].equals("render"))) {
            entry.route = "unknown";
            return AdminResponse.error(404, "NotFound", "No route " + request.path() + "; the routes are " + ROUTES);
        }
        String method = request.method();
        if (segments.length == 1) {
            entry.route = "/templates";
            return method.equals("GET") ? list(request) : notAllowed(method, entry.route, "GET");
        }
        entry.route = segments.length == 3 ? "/templates/{name}/{method}" : "/templates/{name}/{method}/render";
        entry.template = segments[1];
        entry.templateMethod = segments[2].toUpperCase(Locale.ROOT);
        String allowed = segments.length == 3 ? "GET, PUT, DELETE" : "POST";
        if (!List.of(allowed.split(", ")).contains(method)) {
            return notAllowed(method, entry.route, allowed);
        }
        if (!ApiTemplate.METHODS.contains(entry.templateMethod)) {
            return AdminResponse.error(404, "NotFound", "No template method '" + segments[2] + "': the path's method is"
                    + " one of " + String.join(", ", ApiTemplate.METHODS));
        }
        String name = entry.template;
        String templateMethod = entry.templateMethod;
        return switch (method) {
            case "GET" -> get(name, templateMethod);
            case "PUT" -> put(request, name, templateMethod);
            case "DELETE" -> delete(request, name, templateMethod);
            default -> preview(request, name, templateMethod);
        };
    }

    private static AdminResponse notAllowed(String method, String route, String allowed) {
        return AdminResponse.error(405, "MethodNotAllowed", method + " is not allowed on " + route + "; use "
                + allowed).withHeader("Allow", allowed);
    }

    private AdminResponse list(AdminRequest request) {
        int limit = DEFAULT_PAGE_SIZE;
        String limitText = request.query().get("limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText.trim());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_PAGE_SIZE) {
                return AdminResponse.error(400, "InvalidRequest", "Query parameter 'limit' must be a whole number from 1"
                        + " to " + MAX_PAGE_SIZE + "; got '" + limitText + "'");
            }
        }
        Map<String, AttributeValue> start = null;
        String next = request.query().get("next");
        if (next != null && !next.isEmpty()) {
            try {
                start = PageToken.decode(next);
            } catch (IllegalArgumentException e) {
                return AdminResponse.error(400, "InvalidRequest", "Query parameter 'next': " + e.getMessage());
            }
        }
        TemplateTable.Page page = table.list(limit, start);
        ObjectNode body = Json.object();
        ArrayNode templates = body.putArray("templates");
        for (Map<String, AttributeValue> item : page.items()) {
            ObjectNode summary = templates.addObject();
            summary.put("name", item.get(TemplateCodec.PARTITION_KEY).s());
            summary.put("method", item.get(TemplateCodec.SORT_KEY).s());
            AttributeValue description = item.get("description");
            if (description != null && description.s() != null) {
                summary.put("description", description.s());
            }
        }
        if (page.lastKey() != null) {
            body.put("next", PageToken.encode(page.lastKey()));
        }
        return AdminResponse.json(200, body);
    }

    private AdminResponse get(String name, String method) {
        Optional<StoredTemplate> stored = table.read(name, method);
        if (stored.isEmpty()) {
            return notFound(name, method);
        }
        if (stored.get().template() == null) {
            ObjectNode extra = Json.object();
            extra.put("storedItemProblem", stored.get().problem());
            return AdminResponse.error(409, "StoredItemInvalid", describe(name, method) + " is stored but is not a valid"
                    + " template; replace it with PUT and If-Match: *, or delete it with DELETE and If-Match: *", extra);
        }
        AdminResponse response = AdminResponse.json(200, TemplateCodec.toJson(stored.get().template()))
                .withHeader("ETag", Preconditions.etag(stored.get().contentHash()));
        return stored.get().editedOutsideApitpl() ? response.withHeader("Apitpl-Edited-Outside", "true") : response;
    }

    private AdminResponse put(AdminRequest request, String name, String method) {
        AdminResponse unreadable = unreadableBody(request, true);
        if (unreadable != null) {
            return unreadable;
        }
        String text = new String(request.body(), StandardCharsets.UTF_8);
        JsonNode root;
        try {
            root = Json.parse(text);
        } catch (JsonProcessingException e) {
            return malformed(e);
        }
        if (root == null || root.isMissingNode()) {
            return AdminResponse.error(400, "MalformedJson", "The body is empty; send the template as a JSON object");
        }
        TemplateCheck.Result checked = check.check(text, root, name, method);
        if (checked.template() == null) {
            ObjectNode extra = Json.object();
            ArrayNode problems = extra.putArray("problems");
            checked.problems().forEach(problem -> problems.add(problem.toJson()));
            return AdminResponse.error(400, "InvalidTemplate", describe(name, method) + " is not valid: "
                    + checked.problems().size() + " problem(s); nothing was written", extra);
        }
        Optional<StoredTemplate> current = table.read(name, method);
        AdminResponse refusal = Preconditions.refusal(current, request.header("If-Match"), request.header("If-None-Match"),
                describe(name, method));
        if (refusal != null) {
            return refusal;
        }
        String hash = TemplateContentHash.of(checked.template());
        try {
            table.put(checked.template(), hash, current);
        } catch (ConditionalCheckFailedException e) {
            return changedMeanwhile(name, method);
        }
        return AdminResponse.json(current.isPresent() ? 200 : 201, TemplateCodec.toJson(checked.template()))
                .withHeader("ETag", Preconditions.etag(hash));
    }

    private AdminResponse delete(AdminRequest request, String name, String method) {
        Optional<StoredTemplate> current = table.read(name, method);
        if (current.isEmpty()) {
            return notFound(name, method);
        }
        AdminResponse refusal = Preconditions.refusal(current, request.header("If-Match"), null, describe(name, method));
        if (refusal != null) {
            return refusal;
        }
        try {
            table.delete(current.get());
        } catch (ConditionalCheckFailedException e) {
            return changedMeanwhile(name, method);
        }
        return AdminResponse.empty(204);
    }

    /** Renders the stored template for {@code {"params": {...}}} and returns the request, without sending it. */
    private AdminResponse preview(AdminRequest request, String name, String method) {
        AdminResponse unreadable = unreadableBody(request, false);
        if (unreadable != null) {
            return unreadable;
        }
        JsonNode params = Json.object();
        if (request.body().length > 0) {
            JsonNode root;
            try {
                root = Json.parse(new String(request.body(), StandardCharsets.UTF_8));
            } catch (JsonProcessingException e) {
                return malformed(e);
            }
            if (root == null || !root.isObject() || (root.has("params") && !root.get("params").isObject())
                    || root.size() > (root.has("params") ? 1 : 0)) {
                return AdminResponse.error(400, "InvalidRequest", "The body must be {\"params\": {...}}: the template's"
                        + " parameters as one JSON object, and nothing else");
            }
            params = root.path("params").isObject() ? root.get("params") : params;
        }
        Optional<StoredTemplate> stored = table.read(name, method);
        if (stored.isEmpty()) {
            return notFound(name, method);
        }
        if (stored.get().template() == null) {
            return AdminResponse.error(409, "StoredItemInvalid", describe(name, method) + " is stored but is not a"
                    + " valid template: " + stored.get().problem());
        }
        RenderedRequest rendered;
        try {
            rendered = renderer.render(stored.get().template(), params,
                    secret -> Optional.of(String.format(SECRET_PREVIEW, secret)));
        } catch (ApiTplException e) {
            return AdminResponse.error(400, e.getClass().getSimpleName(), e.getMessage());
        }
        ObjectNode body = Json.object();
        body.put("method", rendered.method());
        body.put("url", rendered.uri().toString());
        ObjectNode headers = body.putObject("headers");
        rendered.headers().forEach(headers::put);
        body.put("body", rendered.body());
        if (rendered.timeout() != null) {
            body.put("timeout", rendered.timeout().toString());
        }
        body.put("followRedirects", rendered.followRedirects());
        return AdminResponse.json(200, body).withHeader("ETag", Preconditions.etag(stored.get().contentHash()));
    }

    /** 413 or 415 for a body this API does not read; {@code required} when an empty body is an error too. */
    private static AdminResponse unreadableBody(AdminRequest request, boolean required) {
        if (request.body().length > MAX_BODY_BYTES) {
            return AdminResponse.error(413, "PayloadTooLarge", "The body is " + request.body().length + " bytes; at most "
                    + MAX_BODY_BYTES + " are accepted (a template is stored as one DynamoDB item)");
        }
        if (!required && request.body().length == 0) {
            return null;
        }
        String type = request.header("Content-Type");
        String mediaType = type == null ? "" : type.split(";", 2)[0].trim();
        if (!JSON_MEDIA_TYPE.matcher(mediaType).matches()) {
            return AdminResponse.error(415, "UnsupportedMediaType", "The body must be JSON: send Content-Type:"
                    + " application/json" + (type == null ? "" : "; got '" + type + "'"));
        }
        return null;
    }

    private static AdminResponse malformed(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        ObjectNode extra = Json.object();
        if (at != null) {
            extra.put("line", at.getLineNr());
            extra.put("column", at.getColumnNr());
        }
        return AdminResponse.error(400, "MalformedJson", "The body is not valid JSON" + (at == null ? "" : " at line "
                + at.getLineNr() + ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage(), extra);
    }

    private static AdminResponse notFound(String name, String method) {
        return AdminResponse.error(404, "NotFound", "No " + describe(name, method) + "; GET /templates lists them");
    }

    private static AdminResponse changedMeanwhile(String name, String method) {
        return AdminResponse.error(412, "PreconditionFailed", describe(name, method) + " changed while this request ran;"
                + " nothing was written: GET it again and retry with its new ETag");
    }

    private static String describe(String name, String method) {
        return "template '" + name + "' " + method;
    }
}
