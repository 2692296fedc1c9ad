package dev.apitpl.core.validate.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.core.validate.Problem;
import dev.apitpl.core.validate.Severity;
import dev.apitpl.runtime.render.TemplateRenderer;
import dev.apitpl.runtime.template.ApiTemplate;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Build-time validation says what the runtime will do: a body the validator passes renders, and one it reports
 * an error in is refused by the renderer, for the same parameters. Each case is one text body.
 */
class ValidatorAgreesWithRendererTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PARAMS = """
            {"name": "Ann", "n": 3, "tags": {"a": 1, "b": 2}, "items": [1, 2, 3], "user": {"a": {"b": "c"}}}""";
    private static final TemplateFileValidator VALIDATOR = new TemplateFileValidator();
    private static final TemplateRenderer RENDERER = new TemplateRenderer();

    @ParameterizedTest
    @ValueSource(strings = {
        "{{ name | upper }}", "{{ name ~ '-' ~ n }}", "{{ n if n > 2 else 0 }}", "{{ items[1:] | join(',') }}",
        "{% for i in items %}{{ loop.index }}{{ loop.cycle('a', 'b') }}{% endfor %}",
        "{% for k, v in tags.items() %}{{ k }}={{ v }}{% endfor %}", "{{ tags.keys() | list | length }}",
        "{{ tags.get('a') }}", "{{ tags.values() | sum }}", "{{ user.a.b }}", "{{ user['a']['b'] }}",
        "{% set x = n * 2 %}{{ x }}", "{% macro m(a) %}<{{ a }}>{% endmacro %}{{ m(name) }}", "{{ name is defined }}",
        "{% raw %}{{ not rendered }}{% endraw %}", "{# a comment #}{{- name -}}", "{{ items | tojson }}",
        "{{ range(3) | list }}", "{{ {'k': name} | tojson }}", "{{ [name, n] | join }}", "{{ name | default('x') }}",
        "{%- if n > 1 -%}big{%- else -%}small{%- endif -%}", "{{ '%s-%d' | format(name, n) }}",
        "{{ name | replace('A', 'B') | truncate(10) }}", "{{ user | dictsort | length }}", "{{ n is even }}",
        "{% if name is string and n is number %}ok{% endif %}", "{{ items | first }}{{ items | last }}",
        "{% for i in items if i > 1 %}{{ i }}{% else %}none{% endfor %}", "{{ 'big' if n > 2 }}", "{{ -n }} {{ n // 2 }}",
        "{% set ns = namespace(total=0) %}{% for i in items %}{% set ns.total = ns.total + i %}{% endfor %}{{ ns.total }}",
        "{% macro f(k) %}{% if k > 0 %}{{ k }}{{ f(k - 1) }}{% endif %}{% endmacro %}{{ f(n) }}", "{{ none }}",
        "{% macro w() %}[{{ caller() }}]{% endmacro %}{% call w() %}x{% endcall %}", "{{ name.upper() }}",
        "{{ 'Hi %s, %d' % (name, n) }}", "{{ name.split('n') | length }}", "{{ 'a b' | urlencode }}", "{{ 2.5 | round }}"})
    void whatTheValidatorAcceptsRenders(String body) throws Exception {
        assertEquals(List.of(), errors(body), "the validator reports errors in " + body);
        RENDERER.render(template(body), JSON.readTree(PARAMS), name -> Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{{ name.getClass() }}", "{{ ''.class }}", "{{ name.toUpperCase() }}", "{{ tags.entrySet() }}", "{{ 'x'.repeat(n) }}",
        "{{ items.size() }}", "{{ name['getClass']() }}", "{% include 'x' %}", "{{ name | render }}", "{{ name | shout }}",
        "{% unknowntag %}", "{{ name + }}", "{{ name", "{{ nope }}", "{% for x in items %}{{ x }}", "{{ secret(name) }}",
        "{{ undefined_function(1) }}", "{{ user.a.b.c.d }}"})
    void whatTheValidatorReportsTheRendererRefuses(String body) throws Exception {
        List<String> errors = errors(body);
        boolean refused;
        try {
            RENDERER.render(template(body), JSON.readTree(PARAMS), name -> Optional.empty());
            refused = false;
        } catch (RuntimeException e) {
            refused = true;
        }
        assertEquals(true, refused, "the renderer accepts " + body);
        if (!body.equals("{{ user.a.b.c.d }}")) { // a missing field of a parameter is only known from its value
            assertEquals(false, errors.isEmpty(), "the validator accepts " + body);
        }
    }

    private static List<String> errors(String body) throws Exception {
        ObjectNode file = JSON.createObjectNode().put("name", "t").put("method", "POST").put("url", "https://api.example.com/x")
                .put("body", body);
        ObjectNode properties = file.putObject("parameters").putObject("properties");
        for (String name : List.of("name", "n", "tags", "items", "user")) {
            properties.putObject(name);
        }
        return VALIDATOR.validate(Path.of("t.json"), JSON.writeValueAsString(file)).problems().stream()
                .filter(problem -> problem.severity() == Severity.ERROR).map(Problem::format).toList();
    }

    private static ApiTemplate template(String body) {
        return ApiTemplate.builder("t", "POST", "https://api.example.com/x").body(JSON.getNodeFactory().textNode(body)).build();
    }
}
