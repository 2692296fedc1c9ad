package dev.apitpl.runtime.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.runtime.error.ApiTplException;
import dev.apitpl.runtime.error.InvalidTemplateException;
import dev.apitpl.runtime.error.MissingParameterException;
import dev.apitpl.runtime.error.TemplateRenderException;
import dev.apitpl.runtime.json.Json;
import dev.apitpl.runtime.render.TemplateRenderer;
import dev.apitpl.runtime.template.ApiTemplate;
import dev.apitpl.runtime.template.TemplateCodec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Validates a template sent to the admin API with the runtime's own rules, the ones the build's validator shares:
 * the template codec (the fields and types {@code template.schema.json} describes), the renderer's parse of every
 * templated field (Jinja syntax, tags the sandbox disables), and a render with sample values of the declared
 * parameters, which finds parameters used but not declared and expressions the renderer refuses (unknown or disabled
 * filters, Java calls). Problems are located at the line and column of the field in the request body.
 */
final class TemplateCheck {

    /** How many undeclared parameters one check reports before it stops looking. */
    static final int MAX_UNDECLARED = 20;
    private static final String SAMPLE_SECRET = "sample-secret";

    private final TemplateRenderer renderer;

    TemplateCheck(TemplateRenderer renderer) {
        this.renderer = renderer;
    }

    /** One problem with a sent template; {@code rule} is the build's rule id where one applies, else null. */
    record Problem(String rule, String field, int line, int column, String message) {
        ObjectNode toJson() {
            ObjectNode json = Json.object();
            if (rule != null) {
                json.put("rule", rule);
            }
            json.put("field", field == null ? "" : field);
            json.put("line", line);
            json.put("column", column);
            json.put("message", message);
            return json;
        }
    }

    /** A checked template: the template when valid, else its problems. */
    record Result(ApiTemplate template, List<Problem> problems) {
    }

    /**
     * Checks the template in {@code text} (parsed as {@code root}) for the path's {@code name} and {@code method}: the
     * body may leave both out, and must not contradict the path where it has them.
     */
    Result check(String text, JsonNode root, String name, String method) {
        JsonLocations at = JsonLocations.of(text);
        if (!root.isObject()) {
            return refused(new Problem("TPL-SCHEMA", "", 1, 1, "the body must be a template JSON object with at least"
                    + " \"url\"; got " + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        ObjectNode fields = Json.object();
        fields.put("name", name);
        fields.put("method", method);
        List<Problem> problems = new ArrayList<>();
        root.fields().forEachRemaining(field -> {
            String key = field.getKey();
            String fromPath = key.equals("name") ? name : key.equals("method") ? method : null;
            if (fromPath != null && !(field.getValue().isTextual() && field.getValue().textValue().equals(fromPath))) {
                problems.add(new Problem(null, key, at.line(key), at.column(key), "field '" + key + "' is "
                        + field.getValue() + " but the path says '" + fromPath + "'; leave it out or make it match the path"));
            } else if (fromPath == null && !key.equals(TemplateCodec.SCHEMA_FIELD)) {
                fields.set(key, field.getValue());
            }
        });
        if (!problems.isEmpty()) {
            return new Result(null, problems);
        }
        ApiTemplate template;
        try {
            template = TemplateCodec.fromJson(fields);
        } catch (InvalidTemplateException e) {
            return refused(new Problem("TPL-SCHEMA", e.field(), at.line(e.field()), at.column(e.field()), e.getMessage()));
        }
        try {
            renderer.parse(template);
        } catch (TemplateRenderException e) {
            String rule = e.getMessage().contains("which templates may not use") ? "TPL-JINJA-DISABLED" : "TPL-JINJA-SYNTAX";
            return refused(new Problem(rule, e.field(), at.line(e.field()), at.column(e.field()), e.getMessage()));
        }
        problems.addAll(sampleRender(template, at));
        return problems.isEmpty() ? new Result(template, List.of()) : new Result(null, problems);
    }

    /**
     * Renders the template with a sample value for each declared parameter (never a real secret). A parameter the
     * renderer then misses is used but not declared; it gets a sample too and the render is repeated, so every such
     * parameter on the rendered path is reported. A failure that depends on values is not the template's problem.
     */
    private List<Problem> sampleRender(ApiTemplate template, JsonLocations at) {
        List<Problem> problems = new ArrayList<>();
        ObjectNode params = SampleParameters.of(template.parameters());
        Set<String> declared = new HashSet<>();
        if (template.parameters() != null) {
            template.parameters().path("properties").fieldNames().forEachRemaining(declared::add);
        }
        for (int attempt = 0; attempt <= MAX_UNDECLARED; attempt++) {
            try {
                renderer.render(template, params, secret -> Optional.of(SAMPLE_SECRET));
                return problems;
            } catch (MissingParameterException e) {
                String parameter = rootName(e.parameter());
                if (declared.contains(parameter) || params.has(parameter) || e.field().startsWith("parameters.")) {
                    return problems; // a nested name of a sample value, or a required name without a schema
                }
                problems.add(new Problem("TPL-PARAM-UNDECLARED", e.field(), at.line(e.field()), at.column(e.field()),
                        "parameter '" + parameter + "' is used in field '" + e.field() + "' but not declared; declare it"
                                + " under \"parameters\": {\"properties\": {\"" + parameter + "\": {\"type\": \"string\"}}}"));
                params.put(parameter, "x");
            } catch (TemplateRenderException e) {
                boolean urlFromValue = e.field().equals("url") && template.url().strip().startsWith("{");
                if (!urlFromValue) {
                    problems.add(new Problem(null, e.field(), at.line(e.field()), at.column(e.field()), e.getMessage()));
                }
                return problems;
            } catch (ApiTplException valueDependent) {
                return problems;
            }
        }
        return problems;
    }

    private static String rootName(String parameter) {
        int end = parameter.length();
        for (char separator : new char[] {'.', '['}) {
            int at = parameter.indexOf(separator);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        return parameter.substring(0, end);
    }

    private static Result refused(Problem problem) {
        return new Result(null, List.of(problem));
    }
}
