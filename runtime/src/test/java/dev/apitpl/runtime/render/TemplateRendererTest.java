package dev.apitpl.runtime.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.runtime.error.InvalidParametersException;
import dev.apitpl.runtime.error.MissingParameterException;
import dev.apitpl.runtime.error.SecretNotFoundException;
import dev.apitpl.runtime.error.SecretSourceException;
import dev.apitpl.runtime.error.RenderLimitExceededException;
import dev.apitpl.runtime.error.TemplateRenderException;
import dev.apitpl.runtime.json.Json;
import dev.apitpl.runtime.secret.SecretResolver;
import dev.apitpl.runtime.template.ApiTemplate;
import dev.apitpl.runtime.template.TemplateCodec;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateRendererTest {

    private static final String TOKEN = "s3cr3t-t0ken-value";
    private static final SecretResolver SECRETS = name -> "API_TOKEN".equals(name) ? Optional.of(TOKEN) : Optional.empty();

    private final TemplateRenderer renderer = new TemplateRenderer();

    private static JsonNode json(String text) {
        try {
            return Json.parse(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ApiTemplate get(String url) {
        return ApiTemplate.builder("t", "GET", url).build();
    }

    private static ApiTemplate withBody(JsonNode body) {
        return ApiTemplate.builder("t", "POST", "https://api.example.com/x").body(body).build();
    }

    private RenderedRequest render(ApiTemplate template, String params) {
        return renderer.render(template, json(params), SECRETS);
    }

    private String renderBody(String bodyTemplate, String params) {
        return render(withBody(json(bodyTemplate)), params).body();
    }

    // ---- good renders ----

    @Test
    void getWithPathParameterQueryMapAndSecretHeader() {
        ApiTemplate template = TemplateCodec.fromJson("""
                {"name": "getUser", "method": "GET", "url": "https://api.example.com/users/{{ userId }}",
                 "headers": {"Accept": "application/json", "Authorization": "Bearer {{ secret('API_TOKEN') }}"},
                 "query": {"fields": "{{ fields | join(',') }}", "lang": "en"}, "timeout": "PT3S"}""");

        RenderedRequest request = render(template, "{\"userId\": 42, \"fields\": [\"id\", \"name\"]}");

        assertEquals("GET", request.method());
        assertEquals(URI.create("https://api.example.com/users/42?fields=id%2Cname&lang=en"), request.uri());
        assertEquals(List.of("Accept", "Authorization"), List.copyOf(request.headers().keySet()));
        assertEquals("Bearer " + TOKEN, request.headers().get("Authorization"));
        assertNull(request.body());
        assertEquals(Duration.ofSeconds(3), request.timeout());
    }

    @Test
    void postWithJsonBodyKeepsTypesOfSingleExpressionLeaves() {
        String body = renderBody("""
                {"customer": "{{ customerId }}", "amount": "{{ amount }}", "items": "{{ items }}", "vip": "{{ vip }}",
                 "note": "Order for {{ name }}", "fixed": 1.50, "count": "{{ items | length }}", "nothing": null}""",
                "{\"customerId\": \"c-1\", \"amount\": 12.50, \"items\": [{\"sku\": \"a\"}], \"vip\": true, \"name\": \"Zoë \\\"Z\\\"\"}");

        assertEquals("{\"customer\":\"c-1\",\"amount\":12.50,\"items\":[{\"sku\":\"a\"}],\"vip\":true,"
                + "\"note\":\"Order for Zoë \\\"Z\\\"\",\"fixed\":1.50,\"count\":1,\"nothing\":null}", body);
    }

    @Test
    void aTextBodyIsRenderedAsText() {
        ApiTemplate template = withBody(Json.nodes().textNode("Hello {{ name }},\n{% for i in items %}- {{ i }}\n{% endfor %}"));

        assertEquals("Hello Ann,\n- a\n- b\n", render(template, "{\"name\": \"Ann\", \"items\": [\"a\", \"b\"]}").body());
    }

    @Test
    void urlExpressionsAfterTheHostArePercentEncoded() {
        RenderedRequest request = render(get("https://api.example.com/files/{{ name }}?q={{ q }}#{{ frag }}"),
                "{\"name\": \"a b&c/d é\", \"q\": \"x=1&y\", \"frag\": \"top part\"}");

        assertEquals("https://api.example.com/files/a%20b%26c%2Fd%20%C3%A9?q=x%3D1%26y#top%20part", request.uri().toString());
        assertEquals("/files/a b&c/d é", request.uri().getPath());
    }

    @Test
    void aBaseUrlOrHostAtTheStartIsNotEncoded() {
        assertEquals("https://api.example.com/v1/users/a%2Fb", render(get("{{ base }}/users/{{ id }}"),
                "{\"base\": \"https://api.example.com/v1\", \"id\": \"a/b\"}").uri().toString());
        assertEquals("http://localhost:8080/x/a%20b", render(get("http://{{ host }}/x/{{ id }}"),
                "{\"host\": \"localhost:8080\", \"id\": \"a b\"}").uri().toString());
    }

    @Test
    void queryMapEntriesAreAppendedEncodedAfterAnExistingQuery() {
        ApiTemplate template = ApiTemplate.builder("t", "GET", "https://api.example.com/search?v=1#results")
                .query("q", "{{ term }}").query("tag list", "a&b").build();

        assertEquals("https://api.example.com/search?v=1&q=caf%C3%A9%20%2B%20cr%C3%A8me&tag%20list=a%26b#results",
                render(template, "{\"term\": \"café + crème\"}").uri().toString());
    }

    @Test
    void parametersHoldingTemplateSyntaxStayLiteral() {
        String params = "{\"name\": \"{{ secret('API_TOKEN') }}\", \"other\": \"{% raw %}{{ secrets.token }}\"}";
        ApiTemplate template = ApiTemplate.builder("t", "POST", "https://api.example.com/x")
                .header("X-Name", "{{ name }}").header("X-Other", "<{{ other }}>")
                .body(Json.nodes().textNode("{{ name }}|{{ other }}")).build();

        RenderedRequest request = render(template, params);

        assertEquals("{{ secret('API_TOKEN') }}", request.headers().get("X-Name"));
        assertEquals("<{% raw %}{{ secrets.token }}>", request.headers().get("X-Other"));
        assertEquals("{{ secret('API_TOKEN') }}|{% raw %}{{ secrets.token }}", request.body());
        assertFalse(request.body().contains(TOKEN));
    }

    @Test
    void defaultsAndDefinedTestsWorkForOptionalParameters() {
        ApiTemplate template = ApiTemplate.builder("t", "GET", "https://api.example.com/x")
                .header("X-Page", "{{ page | default(1) }}")
                .header("X-Mode", "{% if mode is defined %}{{ mode }}{% else %}auto{% endif %}").build();

        RenderedRequest request = render(template, "{}");

        assertEquals("1", request.headers().get("X-Page"));
        assertEquals("auto", request.headers().get("X-Mode"));
    }

    @Test
    void toStringRedactsSecretsInHeadersUrlAndBody() {
        ApiTemplate template = ApiTemplate.builder("t", "POST", "https://api.example.com/k/{{ secret('API_TOKEN') }}")
                .header("Authorization", "Bearer {{ secret('API_TOKEN') }}")
                .body(Json.nodes().textNode("token={{ secret('API_TOKEN') }}")).build();

        String text = render(template, "{}").toString();

        assertFalse(text.contains(TOKEN), text);
        assertTrue(text.contains("Authorization=<redacted>") && text.contains("api.example.com"), text);
    }

    // ---- errors ----

    @Test
    void aMissingParameterIsNamedAndNeverRenderedEmpty() {
        MissingParameterException error = assertThrows(MissingParameterException.class,
                () -> render(get("https://api.example.com/users/{{ userId }}"), "{\"userid\": 1}"));

        assertEquals("userId", error.parameter());
        assertEquals("url", error.field());
        assertTrue(error.getMessage().startsWith("template 't' needs parameter 'userId' (used in field 'url')"), error.getMessage());
    }

    @Test
    void aMissingNestedFieldIsAMissingParameter() {
        ApiTemplate template = ApiTemplate.builder("t", "GET", "https://api.example.com/x")
                .header("X-City", "{{ user.address.city }}").build();

        MissingParameterException error = assertThrows(MissingParameterException.class,
                () -> render(template, "{\"user\": {\"address\": {}}}"));

        assertEquals("user.address.city", error.parameter());
        assertEquals("headers.X-City", error.field());
    }

    @Test
    void aMissingParameterInAJsonBodyLeafNamesTheLeaf() {
        MissingParameterException error = assertThrows(MissingParameterException.class,
                () -> renderBody("{\"order\": {\"lines\": [\"{{ qty }}\"]}}", "{}"));

        assertEquals("body.order.lines[0]", error.field());
        assertEquals("qty", error.parameter());
    }

    @Test
    void requiredParametersAreCheckedBeforeRendering() {
        ApiTemplate template = ApiTemplate.builder("t", "GET", "https://api.example.com/x")
                .parameters(json("{\"type\": \"object\", \"required\": [\"tenant\"]}")).build();

        MissingParameterException error = assertThrows(MissingParameterException.class, () -> render(template, "{}"));

        assertEquals("parameters.required", error.field());
        assertEquals("tenant", error.parameter());
    }

    @Test
    void declaredParameterTypesAreCheckedBeforeRendering() {
        ApiTemplate template = ApiTemplate.builder("t", "GET", "https://api.example.com/x/{{ amount }}")
                .parameters(json("{\"properties\": {\"amount\": {\"type\": \"integer\"}, \"tag\": {\"type\": [\"string\", \"null\"]}}}"))
                .build();

        assertEquals("https://api.example.com/x/12.0", render(template, "{\"amount\": 12.0, \"tag\": null}").uri().toString());
        InvalidParametersException error = assertThrows(InvalidParametersException.class,
                () -> render(template, "{\"amount\": \"12\"}"));
        assertEquals("template 't': params field 'amount' must be integer (parameters.properties.amount.type); got string",
                error.getMessage());
        assertThrows(InvalidParametersException.class, () -> render(template, "{\"amount\": 1, \"tag\": 5}"));
    }

    @Test
    void anUnknownTagIsARenderErrorWithFieldLineAndColumn() {
        ApiTemplate template = ApiTemplate.builder("t", "GET", "https://api.example.com/x")
                .header("X-Trace", "a\n  {% frobnicate %}").build();

        TemplateRenderException error = assertThrows(TemplateRenderException.class, () -> render(template, "{}"));

        assertEquals("headers.X-Trace", error.field());
        assertEquals(2, error.line());
        assertEquals(3, error.column());
        assertTrue(error.getMessage().startsWith("template 't': field 'headers.X-Trace' at 2:3: "), error.getMessage());
        assertTrue(error.getMessage().contains("Unknown tag: frobnicate"), error.getMessage());
    }

    @Test
    void aSyntaxErrorInTheBodyIsARenderError() {
        TemplateRenderException error = assertThrows(TemplateRenderException.class,
                () -> render(withBody(Json.nodes().textNode("line one\nvalue {{ amount + }}")), "{\"amount\": 1}"));

        assertEquals("body", error.field());
        assertEquals(2, error.line());
    }

    @ParameterizedTest
    @ValueSource(strings = {"line one\nvalue {{ amount", "line one\nvalue {# a comment", "line one\nvalue {% endif %}"})
    void textThatIsNotReadableAsJinjaIsARenderErrorNotLiteralOutput(String body) {
        TemplateRenderException error = assertThrows(TemplateRenderException.class,
                () -> render(withBody(Json.nodes().textNode(body)), "{\"amount\": 1}"));

        assertEquals("body", error.field());
        assertEquals(2, error.line(), error.getMessage());
    }

    @Test
    void anUnknownFilterIsARenderError() {
        TemplateRenderException error = assertThrows(TemplateRenderException.class,
                () -> render(get("https://api.example.com/{{ id | shout }}"), "{\"id\": \"a\"}"));

        assertEquals("url", error.field());
    }

    @Test
    void aParameterPresentWithTheValueNullIsNoneNotMissing() {
        ApiTemplate template = ApiTemplate.builder("t", "POST", "https://api.example.com/x")
                .body(Json.nodes().textNode("{{ note }}|{{ note is none }}|{{ note is defined }}|{{ note | default('d') }}"))
                .parameters(json("{\"required\": [\"note\"]}")).build();

        assertEquals("None|True|True|None", render(template, "{\"note\": null}").body());
        assertThrows(MissingParameterException.class, () -> render(template, "{}"));
    }

    @Test
    void theCallableMethodsWork() {
        ApiTemplate template = withBody(Json.nodes().textNode("{% for k, v in tags.items() %}{{ k }}={{ v }}"
                + "{{ loop.cycle(';', '.') }}{% endfor %} {{ tags.keys() | sort | join(',') }} {{ tags.values() | length }}"
                + " {{ tags.get('b') }} {{ tags.get('z', 'none') }}"));

        assertEquals("a=1;b=2. a,b 2 2 none", render(template, "{\"tags\": {\"a\": 1, \"b\": 2}}").body());
        assertEquals(Set.of("items", "keys", "values", "get", "cycle", "upper", "lower", "strip", "lstrip", "rstrip", "split",
                "startswith", "endswith", "replace", "title", "capitalize", "join", "find", "count", "format"),
                Sandbox.callableMethods());
        assertEquals("A-B|['x', 'y']|True", renderBody("\"{{ 'a-b'.upper() }}|{{ ' x y '.split() }}|{{ 'ab'.startswith('a') }}\"", "{}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{ ''.getClass() }}", "{{ name.getClass().forName('java.lang.Runtime') }}", "{{ name.class }}",
        "{{ items.getClass() }}", "{{ user.getClass() }}", "{{ name.bytes }}", "{{ 'x'.concat('y') }}",
        "{% for k in user.entrySet() %}{{ k }}{% endfor %}"})
    void javaMethodsAndPropertiesAreRejected(String header) {
        ApiTemplate template = ApiTemplate.builder("t", "GET", "https://api.example.com/x").header("X-A", header).build();

        TemplateRenderException error = assertThrows(TemplateRenderException.class,
                () -> render(template, "{\"name\": \"n\", \"items\": [1], \"user\": {\"a\": 1}}"));

        assertEquals("headers.X-A", error.field());
        assertTrue(error.getMessage().contains("templates may"), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{% include 'other.j2' %}", "{% import 'macros.j2' as m %}", "{% from 'm.j2' import x %}",
        "{% extends 'base.j2' %}", "{{ '{{ 1 }}' | render }}", "{{ name | log }}", "{{ name | pprint }}"})
    void includeImportExtendsAndRenderAreDisabled(String body) {
        TemplateRenderException error = assertThrows(TemplateRenderException.class,
                () -> render(withBody(Json.nodes().textNode(body)), "{\"name\": \"n\"}"));

        assertEquals("body", error.field());
    }

    @Test
    void aDisabledTagIsLocatedInItsField() {
        TemplateRenderException error = assertThrows(TemplateRenderException.class,
                () -> render(withBody(Json.nodes().textNode("first line\n  second {% include 'secrets.txt' %}")), "{}"));

        assertEquals(2, error.line());
        assertEquals(10, error.column());
        assertTrue(error.getMessage().startsWith("template 't': field 'body' at 2:10: uses 'include', which templates may not use"),
                error.getMessage());
    }

    @Test
    void aStringRepeatBombIsRejectedWithoutAllocating() {
        ApiTemplate template = withBody(Json.nodes().textNode("{{ 'x'.repeat(50000000) }}"));

        assertTimeoutPreemptively(Duration.ofMillis(500), () -> {
            TemplateRenderException error = assertThrows(TemplateRenderException.class, () -> render(template, "{}"));
            assertTrue(error.getMessage().contains("uses 'repeat' of a string"), error.getMessage());
        });
    }

    @Test
    void concatenationDoublingIsStoppedAtTheStringLimit() {
        ApiTemplate template = withBody(Json.nodes().textNode(
                "{% set s = 'xxxxxxxx' %}{% for i in range(40) %}{% set s = s ~ s %}{% endfor %}{{ s }}"));

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertThrows(RenderLimitExceededException.class, () -> render(template, "{}"));
        });
    }

    @Test
    void oversizeOutputIsRejected() {
        TemplateRenderer small = new TemplateRenderer(new RenderLimits(1024, 4096, 20_000, 10, 16));
        ApiTemplate loop = withBody(Json.nodes().textNode("{% for i in range(500) %}abcdefgh{% endfor %}"));

        RenderLimitExceededException error = assertThrows(RenderLimitExceededException.class,
                () -> small.render(loop, null, SECRETS));

        assertEquals("template 't': field 'body' exceeds the limit of 1024 characters per rendered field or string",
                error.getMessage());
    }

    @Test
    void aLargeParameterValueCannotExceedTheFieldLimit() {
        TemplateRenderer small = new TemplateRenderer(new RenderLimits(100, 4096, 20_000, 10, 16));
        ApiTemplate template = ApiTemplate.builder("t", "GET", "https://api.example.com/x").header("X-A", "{{ big }}").build();

        assertThrows(RenderLimitExceededException.class,
                () -> small.render(template, json("{\"big\": \"" + "y".repeat(101) + "\"}"), SECRETS));
    }

    @Test
    void nestedLoopsAreStoppedByTheStepLimit() {
        ApiTemplate template = withBody(Json.nodes().textNode(
                "{% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}{% endfor %}{% endfor %}{% endfor %}"));

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            RenderLimitExceededException error = assertThrows(RenderLimitExceededException.class, () -> render(template, "{}"));
            assertTrue(error.getMessage().contains("rendering steps"), error.getMessage());
        });
    }

    @Test
    void anUnknownSecretIsNamedAndAKnownSecretNeverAppearsInErrors() {
        SecretNotFoundException missing = assertThrows(SecretNotFoundException.class, () ->
                render(ApiTemplate.builder("t", "GET", "https://api.example.com/x").header("X-K", "{{ secret('NOPE') }}").build(), "{}"));
        assertEquals("template 't': field 'headers.X-K' uses secret 'NOPE', which is not defined; create it or fix the name",
                missing.getMessage());

        TemplateRenderException error = assertThrows(TemplateRenderException.class, () ->
                render(ApiTemplate.builder("t", "GET", "https://api.example.com/x")
                        .header("X-K", "{{ secret('API_TOKEN') }}{{ secret('API_TOKEN').foo }}").build(), "{}"));
        assertFalse(error.getMessage().contains(TOKEN), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{ 'x'[secret('API_TOKEN')] }}", "{{ name[secret('API_TOKEN')] }}",
        "{{ 5[secret('API_TOKEN')] }}", "{{ name[secret('API_TOKEN')]() }}"})
    void aSandboxRefusalNamingASecretValueShowsItScrubbed(String header) {
        ApiTemplate template = ApiTemplate.builder("t", "GET", "https://api.example.com/x").header("X-K", header).build();

        TemplateRenderException error = assertThrows(TemplateRenderException.class, () -> render(template, "{\"name\": \"n\"}"));

        assertFalse(error.getMessage().contains(TOKEN), error.getMessage());
        assertTrue(error.getMessage().contains("'***'"), error.getMessage());
        assertTrue(error.getMessage().contains("templates may"), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer {{ secret('API_TOKEN') }}", "Bearer {{ secret('API_TOKEN') | trim }}"})
    void aFailingSecretSourceKeepsItsOwnErrorName(String header) {
        SecretResolver unavailable = name -> {
            throw new SecretSourceException("Secrets Manager is unavailable (throttled); retry later");
        };
        ApiTemplate template = ApiTemplate.builder("t", "GET", "https://api.example.com/x").header("Authorization", header).build();

        SecretSourceException error = assertThrows(SecretSourceException.class, () -> renderer.render(template, null, unavailable));

        assertEquals("Secrets Manager is unavailable (throttled); retry later", error.getMessage());
    }

    @Test
    void aUrlThatDoesNotRenderToHttpIsRejectedWithoutShowingIt() {
        TemplateRenderException error = assertThrows(TemplateRenderException.class,
                () -> render(get("{{ base }}/x"), "{\"base\": \"file:///etc\"}"));

        assertEquals("url", error.field());
        assertTrue(error.getMessage().contains("must render to an absolute http:// or https:// URL"), error.getMessage());
        assertFalse(error.getMessage().contains("/etc"));
    }

    @Test
    void aHeaderValueWithALineBreakIsRejected() {
        ApiTemplate template = ApiTemplate.builder("t", "GET", "https://api.example.com/x").header("X-A", "{{ v }}").build();

        TemplateRenderException error = assertThrows(TemplateRenderException.class,
                () -> render(template, "{\"v\": \"a\\r\\nInjected: yes\"}"));

        assertEquals("headers.X-A", error.field());
    }

    @Test
    void paramsThatAreNotAnObjectAreRejected() {
        assertThrows(InvalidParametersException.class, () -> render(get("https://api.example.com/x"), "[1, 2]"));
    }

    // ---- cache and fast path ----

    @Test
    void parsedTemplatesAreCachedByContent() {
        TemplateRenderer fresh = new TemplateRenderer();
        ApiTemplate template = ApiTemplate.builder("t", "GET", "https://api.example.com/u/{{ id }}").header("X-A", "{{ a }}-{{ b }}").build();

        fresh.render(template, json("{\"id\": 1, \"a\": 1, \"b\": 2}"), SECRETS);
        int afterFirst = fresh.cachedTemplates();
        RenderedRequest second = fresh.render(template, json("{\"id\": 2, \"a\": 3, \"b\": 4}"), SECRETS);

        assertEquals(2, afterFirst);
        assertEquals(2, fresh.cachedTemplates());
        assertEquals("3-4", second.headers().get("X-A"));
        assertEquals("https://api.example.com/u/2", second.uri().toString());
    }

    @Test
    void theCacheKeepsAtMostItsCapacity() {
        TemplateRenderer small = new TemplateRenderer(new RenderLimits(1024, 4096, 1000, 10, 3));
        for (int i = 0; i < 10; i++) {
            small.render(ApiTemplate.builder("t", "GET", "https://api.example.com/" + i + "/{{ id }}").build(),
                    json("{\"id\": 1}"), SECRETS);
        }
        assertEquals(3, small.cachedTemplates());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"plain\"", "\"with {{ braces }} inside\"", "\"ünïcödé a/b&c=d\"", "0", "-17", "12345678901234",
        "123456789012345678901234567890", "1.50", "0.1", "1e3", "-2.5E-7", "true", "false", "\"\"", "[1, 2]", "{\"a\": 1}", "null"})
    void theFastPathPrintsExactlyWhatTheInterpreterPrints(String value) {
        TemplateRenderer interpreterOnly = new TemplateRenderer(RenderLimits.DEFAULT, false);
        ApiTemplate template = ApiTemplate.builder("t", "POST", "https://api.example.com/a/{{ v }}/b?x={{v}}&k={{ secret('API_TOKEN') }}")
                .header("X-Single", "{{ v }}").header("X-Mixed", "pre {{ v }} mid {{v}}{{ secret(\"API_TOKEN\") }} post")
                .query("q", "{{ v }}!").body(json("{\"leaf\": \"<{{ v }}>\", \"typed\": \"{{ v }}\"}")).build();
        String params = "{\"v\": " + value + "}";

        String fast;
        String interpreted;
        try {
            fast = render(template, params).toString() + render(template, params).uri() + render(template, params).headers()
                    + render(template, params).body();
        } catch (RuntimeException e) {
            fast = e.toString();
        }
        try {
            RenderedRequest request = interpreterOnly.render(template, json(params), SECRETS);
            interpreted = request.toString() + request.uri() + request.headers() + request.body();
        } catch (RuntimeException e) {
            interpreted = e.toString();
        }
        assertEquals(interpreted, fast);
    }

    @Test
    void secretsAndEncodedParametersCombineInOneRequest() {
        TemplateRenderer fresh = new TemplateRenderer();
        ApiTemplate template = ApiTemplate.builder("t", "GET", "https://api.example.com/a/{{ v }}")
                .header("Authorization", "Bearer {{ secret('API_TOKEN') }}").build();

        RenderedRequest request = fresh.render(template, json("{\"v\": \"x y\"}"), SECRETS);

        assertEquals("https://api.example.com/a/x%20y", request.uri().toString());
        assertEquals("Bearer " + TOKEN, request.headers().get("Authorization"));
    }

    @Test
    void concurrentRendersOfOneCachedTemplateDoNotMix() throws Exception {
        ApiTemplate template = ApiTemplate.builder("t", "GET", "https://api.example.com/u/{{ id }}")
                .header("X-A", "{% for i in items %}{{ i }}{{ loop.index }};{% endfor %}").build();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> workers = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int id = t;
                workers.add(pool.submit(() -> {
                    for (int n = 0; n < 300; n++) {
                        RenderedRequest request = render(template, "{\"id\": " + id + ", \"items\": [\"a" + id + "\", \"b" + id + "\"]}");
                        assertEquals("a" + id + "1;b" + id + "2;", request.headers().get("X-A"), "render " + n + " of worker " + id);
                        assertEquals("https://api.example.com/u/" + id, request.uri().toString(), "render " + n + " of worker " + id);
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> worker : workers) {
                worker.get(60, java.util.concurrent.TimeUnit.SECONDS); // rethrows a worker's failure or exception
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
