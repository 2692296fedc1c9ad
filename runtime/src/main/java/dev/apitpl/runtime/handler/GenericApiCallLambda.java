package dev.apitpl.runtime.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.runtime.error.ApiTplException;
import dev.apitpl.runtime.error.InvalidRequestException;
import dev.apitpl.runtime.error.ResponseTooLargeException;
import dev.apitpl.runtime.http.ApiCaller;
import dev.apitpl.runtime.http.ApiRequest;
import dev.apitpl.runtime.http.ApiResponse;
import dev.apitpl.runtime.http.CallLimits;
import dev.apitpl.runtime.http.DestinationGuard;
import dev.apitpl.runtime.http.HostResolver;
import dev.apitpl.runtime.json.Json;
import dev.apitpl.runtime.render.RenderedRequest;
import dev.apitpl.runtime.render.TemplateRenderer;
import dev.apitpl.runtime.secret.SecretResolver;
import dev.apitpl.runtime.secret.SecretSource;
import dev.apitpl.runtime.store.DynamoDbTemplateStore;
import dev.apitpl.runtime.store.TemplateStore;
import dev.apitpl.runtime.template.ApiTemplate;
import dev.apitpl.runtime.template.TemplateCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The generic Lambda: renders one API call template with the execution's parameters, calls the API and
 * returns {@code {statusCode, headers, body, durationMs}} for a Choice state to branch on.
 *
 * <p>Input is either {@code {"template": <the DynamoDB item, as a getItem state's $.template.Item>,
 * "params": {...}}} or {@code {"templateName": "...", "method": "GET", "params": {...}}}, in which case
 * the template is read from {@value DynamoDbTemplateStore#TABLE_ENV}. Failures are thrown as named
 * {@link ApiTplException}s whose class names a state machine's Catch matches.
 */
public final class GenericApiCallLambda implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    public static final String MAX_RESULT_BYTES_ENV = "APITPL_MAX_RESULT_BYTES";
    /** Step Functions caps a state's data at 256 KiB; this leaves 32 KiB for the rest of the state. */
    public static final long DEFAULT_MAX_RESULT_BYTES = 224 * 1024;
    /** Finish with a named ApiTimeoutException before Lambda's own timeout kills the invocation unnamed. */
    static final long DEADLINE_MARGIN_MS = 500;

    static {
        // Jinjava logs through SLF4J, and the Lambda jar ships no SLF4J binding on purpose; without this,
        // every cold start would print three "No SLF4J providers" warning lines into CloudWatch.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
    }

    /** Parsed templates are cached inside the renderer, so one renderer serves every invocation. */
    static final TemplateRenderer RENDERER = new TemplateRenderer();

    /** Kept strongly: the CRaC context holds registered resources weakly. */
    private static final SnapStartPriming PRIMING = SnapStartPriming.register();

    private final Supplier<Deployment> deployment;
    private final Clock clock;
    private final CallLog log;

    /**
     * The Lambda runtime's constructor: the collaborators are built here, during initialisation, from the
     * environment. A bad {@code APITPL_*} value does not fail initialisation: every invocation then fails with
     * the {@link InvalidRequestException} that names the variable, and logs its line.
     */
    public GenericApiCallLambda() {
        this(Deployment.SHARED.prepare(), Clock.systemUTC(), CallLog.stdout());
    }

    /**
     * For tests and embedding: every collaborator given, no environment variables read. {@code store} may be null
     * when every input carries its template; an input naming one then fails with {@code TemplateStoreException}.
     */
    public GenericApiCallLambda(TemplateStore store, ApiCaller caller, SecretResolver secrets, Clock clock,
                                CallLog log, long maxResultBytes) {
        this(given(new Deployment(store, caller, secrets, maxResultBytes)), clock, log);
    }

    /** The runtime constructor's path with a given configuration instead of the process's environment. */
    GenericApiCallLambda(Map<String, String> configuration, Clock clock, CallLog log) {
        this(new Deployment.Lazy(configuration).prepare(), clock, log);
    }

    private GenericApiCallLambda(Supplier<Deployment> deployment, Clock clock, CallLog log) {
        this.deployment = deployment;
        this.clock = clock;
        this.log = log;
    }

    private static Supplier<Deployment> given(Deployment deployment) {
        return () -> deployment;
    }

    /**
     * What one execution environment shares across warm invocations: the HTTP caller (with its SSRF guard and
     * limits), the secret source and the result limit, built together from the configuration; and the template
     * store, built only on the first input that names a template (its DynamoDB client costs start-up time that
     * inline-template deployments never need).
     */
    static final class Deployment {
        /** The process's configuration, read once. */
        static final Map<String, String> ENV = configuration(System.getenv(), System.getProperties());
        /** The execution environment's deployment, shared by every handler instance. */
        static final Lazy SHARED = new Lazy(ENV);

        private final Map<String, String> env;
        final ApiCaller caller;
        final SecretResolver secrets;
        final long maxResultBytes;
        private volatile TemplateStore store;

        /** Reads every value first (cheap, and each bad one is reported by name), then builds the HTTP client. */
        private Deployment(Map<String, String> env) {
            this.env = env;
            this.maxResultBytes = CallLimits.positiveNumber(env, MAX_RESULT_BYTES_ENV, DEFAULT_MAX_RESULT_BYTES);
            CallLimits limits = CallLimits.fromEnvironment(env);
            DestinationGuard guard = DestinationGuard.fromEnvironment(env);
            this.secrets = SecretSource.fromEnvironment(env);
            this.caller = new ApiCaller(guard, HostResolver.system(), limits);
        }

        private Deployment(TemplateStore store, ApiCaller caller, SecretResolver secrets, long maxResultBytes) {
            this.env = Map.of();
            this.store = store;
            this.caller = caller;
            this.secrets = secrets;
            this.maxResultBytes = maxResultBytes;
        }

        TemplateStore store() {
            TemplateStore current = store;
            if (current == null) {
                synchronized (this) {
                    if (store == null) {
                        store = DynamoDbTemplateStore.fromEnvironment(env, DynamoDbTemplateStore::defaultClient);
                    }
                    current = store;
                }
            }
            return current;
        }

        /** Whether the configuration names a templates table (SnapStart priming builds the store then). */
        boolean hasTemplateTable() {
            return !env.getOrDefault(DynamoDbTemplateStore.TABLE_ENV, "").isBlank();
        }

        /**
         * The environment, with any {@code APITPL_*} JVM system property laid over it: a local run inside one
         * JVM (the local engine, the Maven plugin) cannot set environment variables for the handler.
         */
        static Map<String, String> configuration(Map<String, String> env, java.util.Properties properties) {
            Map<String, String> merged = new java.util.HashMap<>(env);
            properties.stringPropertyNames().stream().filter(name -> name.startsWith("APITPL_"))
                    .forEach(name -> merged.put(name, properties.getProperty(name)));
            return Map.copyOf(merged);
        }

        /**
         * Builds the deployment once its configuration is valid, and keeps it. A configuration error is not kept:
         * each {@link #get()} reads the values again and throws the error that names the bad one.
         */
        static final class Lazy implements Supplier<Deployment> {
            private final Map<String, String> configuration;
            private volatile Deployment built;

            Lazy(Map<String, String> configuration) {
                this.configuration = configuration;
            }

            @Override
            public Deployment get() {
                Deployment current = built;
                if (current == null) {
                    synchronized (this) {
                        if (built == null) {
                            built = new Deployment(configuration);
                        }
                        current = built;
                    }
                }
                return current;
            }

            /**
             * Builds now if the configuration allows, so initialisation (not the first invocation) pays for the
             * HTTP client; a failure is left for every invocation to report by name.
             */
            Lazy prepare() {
                try {
                    get();
                } catch (RuntimeException reportedByEachInvocation) {
                    // not thrown here: a failed Lambda initialisation reports no error name a Catch could match
                }
                return this;
            }
        }
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        long started = clock.millis();
        CallLog.Entry entry = new CallLog.Entry();
        try {
            Map<String, Object> result = invoke(input, context, entry);
            log.write(entry, clock.millis() - started);
            return result;
        } catch (RuntimeException | Error e) {
            // an Error too (StackOverflowError on absurdly nested input, a class missing from a bad jar): the
            // invocation still gets its one line, and the runtime still reports the original failure
            entry.error = e.getClass().getName(); // for an ApiTplException, its errorName()
            try {
                log.write(entry, clock.millis() - started);
            } catch (RuntimeException | Error logFailure) {
                e.addSuppressed(logFailure);
            }
            throw e;
        }
    }

    private Map<String, Object> invoke(Map<String, Object> input, Context context, CallLog.Entry entry) {
        if (input == null) {
            throw new InvalidRequestException("The input is empty; pass {\"template\": <item>, \"params\": {...}} or"
                    + " {\"templateName\": \"...\", \"method\": \"GET\", \"params\": {...}}");
        }
        ApiTemplate template = templateFrom(input, entry);
        entry.template = template.name();
        entry.method = template.method();
        Deployment deployment = this.deployment.get();
        JsonNode params = paramsFrom(input);

        RenderedRequest rendered = RENDERER.render(template, params, deployment.secrets);
        // A secret may be part of the host (or path): the log line and any error from the call get it redacted.
        entry.host = ApiTplException.redacted(rendered.uri().getHost(), rendered.secretValues());
        ApiResponse response;
        try {
            response = deployment.caller.call(new ApiRequest(rendered.method(), rendered.uri(), rendered.headers(),
                    rendered.body(), rendered.timeout(), rendered.followRedirects(), rendered.allowedDestinations()),
                    timeBudget(context));
        } catch (ApiTplException e) {
            throw e.redact(rendered.secretValues());
        }
        entry.status = response.statusCode();
        return resultOf(response, deployment.maxResultBytes);
    }

    private ApiTemplate templateFrom(Map<String, Object> input, CallLog.Entry entry) {
        Object inline = input.get("template");
        if (inline != null) {
            JsonNode item = Json.mapper().valueToTree(inline);
            if (item.isObject() && item.size() == 1 && item.has("Item")) {
                item = item.get("Item"); // the whole getItem result was passed instead of its Item
            }
            if (!item.isObject()) {
                throw new InvalidRequestException("Field 'template' must be the template item object (a getItem"
                        + " state's $.template.Item); got " + item.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            return item.path("name").isTextual() // the plain template-file form rather than an item
                    ? TemplateCodec.fromJson(item)
                    : TemplateCodec.fromDynamoJson(item);
        }
        String name = text(input, "templateName");
        String method = text(input, "method");
        entry.template = name;
        entry.method = method;
        if (name == null) {
            throw new InvalidRequestException("The input has no field 'template' (the template item) and no field"
                    + " 'templateName'; pass one of them");
        }
        if (method == null) {
            throw new InvalidRequestException("The input names template '" + name + "' but has no field 'method';"
                    + " add the template's HTTP method, e.g. \"method\": \"GET\"");
        }
        return deployment.get().store().require(name, method.toUpperCase(Locale.ROOT));
    }

    private static String text(Map<String, Object> input, String field) {
        Object value = input.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s) || s.isBlank()) {
            throw new InvalidRequestException("Field '" + field + "' must be a non-empty string");
        }
        return s;
    }

    private static JsonNode paramsFrom(Map<String, Object> input) {
        Object params = input.get("params");
        if (params == null) {
            return Json.object();
        }
        JsonNode node = Json.mapper().valueToTree(params);
        if (!node.isObject()) {
            throw new InvalidRequestException("Field 'params' must be a JSON object of template parameters; got "
                    + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return node;
    }

    private static Duration timeBudget(Context context) {
        if (context == null) {
            return null;
        }
        return Duration.ofMillis(context.getRemainingTimeInMillis() - DEADLINE_MARGIN_MS);
    }

    /** The Lambda's result: plain maps and lists (the runtime serialises them), size-checked for Step Functions. */
    static Map<String, Object> resultOf(ApiResponse response, long maxResultBytes) {
        Map<String, Object> headers = new LinkedHashMap<>();
        response.headers().forEach((name, values) -> headers.put(name, String.join(", ", values)));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("statusCode", response.statusCode());
        result.put("headers", headers);
        result.put("body", Json.mapper().convertValue(response.body(), Object.class));
        result.put("durationMs", response.durationMs());
        long size;
        try {
            size = Json.mapper().writeValueAsBytes(result).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the API response could not be written as JSON", e);
        }
        if (size > maxResultBytes) {
            throw new ResponseTooLargeException("The result (status " + response.statusCode() + ") is " + size
                    + " bytes, over the " + maxResultBytes + "-byte limit that keeps it inside Step Functions'"
                    + " 256 KiB state payload; ask the API for less (fields, paging) or, if the state machine's"
                    + " other data is small, raise " + MAX_RESULT_BYTES_ENV);
        }
        return result;
    }
}
