package dev.apitpl.runtime.render.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import dev.apitpl.runtime.json.Json;
import dev.apitpl.runtime.render.RenderedRequest;
import dev.apitpl.runtime.render.TemplateRenderer;
import dev.apitpl.runtime.secret.SecretResolver;
import dev.apitpl.runtime.template.ApiTemplate;
import dev.apitpl.runtime.template.TemplateCodec;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Render + request build with {@link TemplateRenderer} (parse trees cached) against plain Jinjava that parses
 * every field on every call, on the same template in the same JVM. Run with {@code mvn -pl runtime -Pbench verify}
 * (from the project root; add {@code -am} when the other modules are not built). Prints microseconds per call and
 * the ratio; exits non-zero if the output of the two differs.
 */
public final class RenderBenchmark {

    private static final String TEMPLATE = """
            {"name": "createOrder", "method": "POST",
             "url": "https://api.example.com/v1/customers/{{ customerId }}/orders",
             "headers": {"Content-Type": "application/json", "Authorization": "Bearer {{ secret('API_TOKEN') }}",
                         "X-Request-Id": "{{ requestId }}"},
             "query": {"dryRun": "{{ dryRun }}", "source": "stepfunctions"},
             "body": {"customer": "{{ customerId }}", "amount": "{{ amount }}", "currency": "EUR",
                      "note": "Order {{ requestId }} for {{ name | upper }}", "items": "{{ items }}"}}""";
    private static final String PARAMS = """
            {"customerId": "c 42/7", "requestId": "req-000123", "dryRun": false, "amount": 129.90,
             "name": "Zoë", "items": [{"sku": "A-1", "qty": 2}, {"sku": "B-9", "qty": 1}]}""";

    private RenderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ApiTemplate template = TemplateCodec.fromJson(TEMPLATE);
        JsonNode params = Json.parse(PARAMS);
        SecretResolver secrets = name -> Optional.of("token-value");
        TemplateRenderer renderer = new TemplateRenderer();
        PlainJinjava baseline = new PlainJinjava(template, params);

        RenderedRequest ours = renderer.render(template, params, secrets);
        RenderedRequest theirs = baseline.render();
        if (!ours.uri().equals(theirs.uri()) || !ours.headers().equals(theirs.headers())
                || !Json.parse(ours.body()).equals(Json.parse(theirs.body()))) {
            System.err.println("outputs differ:\n" + ours.uri() + " " + ours.body() + "\n" + theirs.uri() + " " + theirs.body());
            System.exit(1);
        }

        long sink = 0;
        double best = Double.MAX_VALUE;
        double bestBaseline = Double.MAX_VALUE;
        for (int round = 0; round < 6; round++) {
            long start = System.nanoTime();
            int calls = 30_000;
            for (int i = 0; i < calls; i++) {
                sink += renderer.render(template, params, secrets).body().length();
            }
            best = Math.min(best, (System.nanoTime() - start) / 1000.0 / calls);
            start = System.nanoTime();
            int baselineCalls = 300;
            for (int i = 0; i < baselineCalls; i++) {
                sink += baseline.render().body().length();
            }
            bestBaseline = Math.min(bestBaseline, (System.nanoTime() - start) / 1000.0 / baselineCalls);
            System.out.printf("round %d: TemplateRenderer %.1f us/call, plain Jinjava parse-per-call %.1f us/call%n",
                    round + 1, best, bestBaseline);
        }
        System.out.printf("RESULT TemplateRenderer (cached) %.1f us/call; plain Jinjava parse-per-call %.1f us/call; "
                + "speed-up %.1fx (checksum %d)%n", best, bestBaseline, bestBaseline / best, sink % 10);
    }

    /** Stands in for the secret store in the baseline. */
    public static String secret(String name) {
        return "token-value";
    }

    /** What a renderer without caching does: a default Jinjava that parses each field on every call. */
    private static final class PlainJinjava {
        private final Jinjava jinjava = new Jinjava();
        private final ApiTemplate template;
        private final JsonNode params;
        private final Map<String, Object> bindings;
        private final String url;

        @SuppressWarnings("unchecked")
        PlainJinjava(ApiTemplate template, JsonNode params) throws NoSuchMethodException {
            this.template = template;
            this.params = params;
            this.bindings = Json.mapper().convertValue(params, Map.class);
            this.url = template.url().replace("{{ customerId }}", "{{ customerId | urlencode }}");
            jinjava.registerFunction(new ELFunctionDefinition("", "secret", RenderBenchmark.class.getMethod("secret", String.class)));
        }

        private static String pythonBoolean(String text) {
            return text.equals("false") ? "False" : text.equals("true") ? "True" : text;
        }

        RenderedRequest render() {
            StringBuilder full = new StringBuilder(jinjava.render(url, bindings).replace("+", "%20")).append('?');
            // Jinjava prints a boolean as Java does (false), apitpl as Jinja2 does (False)
            template.query().forEach((name, value) -> full.append(name).append('=')
                    .append(URLEncoder.encode(pythonBoolean(jinjava.render(value, bindings)), StandardCharsets.UTF_8)).append('&'));
            full.setLength(full.length() - 1);
            Map<String, String> headers = new LinkedHashMap<>();
            template.headers().forEach((name, value) -> headers.put(name, jinjava.render(value, bindings)));
            ObjectNode body = Json.object();
            for (Iterator<Map.Entry<String, JsonNode>> it = template.body().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> leaf = it.next();
                String text = leaf.getValue().textValue();
                String rendered = jinjava.render(text, bindings);
                boolean typed = text.equals("{{ amount }}") || text.equals("{{ items }}");
                body.set(leaf.getKey(), typed ? params.get(text.substring(3, text.length() - 3)) : Json.nodes().textNode(rendered));
            }
            return new RenderedRequest(template.method(), URI.create(full.toString()), headers, Json.write(body),
                    template.timeout(), template.followRedirects(), template.allowedDestinations());
        }
    }
}
