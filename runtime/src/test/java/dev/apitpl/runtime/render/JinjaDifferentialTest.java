package dev.apitpl.runtime.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.runtime.error.ApiTplException;
import dev.apitpl.runtime.json.Json;
import dev.apitpl.runtime.template.ApiTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders every case of {@code jinja2-cases.jsonl} with {@link TemplateRenderer} and with Python's Jinja2
 * ({@code jinja2.sandbox.SandboxedEnvironment}, one python3 process for all cases) and compares the results byte for
 * byte; JSON bodies ({@code "m": "json"}) and typed JSON leaves ({@code "m": "leaf"}) as parsed JSON. Both failing
 * counts as agreeing. The cases that differ must be exactly those listed in {@code jinja2-known-differences.tsv}
 * (the deliberate differences documented in docs/runtime-templates.md): a new difference fails, and so does a listed
 * one that no longer differs.
 */
class JinjaDifferentialTest {

    private static final String RESOURCES = "/dev/apitpl/runtime/render/";

    private record Case(String id, String template, JsonNode params, String mode) {
    }

    @Test
    void rendersAsJinja2Does(@TempDir Path dir) throws Exception {
        assumeTrue(jinja2Available(), "python3 with the jinja2 module is not installed: the differential test against "
                + "Jinja2 is skipped (install python3 and `pip install jinja2` to run it)");
        List<Case> cases = cases();
        JsonNode reference = renderWithJinja2(cases, dir);
        TemplateRenderer renderer = new TemplateRenderer();

        Map<String, String> differences = new TreeMap<>();
        for (Case c : cases) {
            JsonNode expected = reference.path("results").get(c.id());
            String actual = renderWithApitpl(renderer, c);
            if (!agree(c, expected, actual)) {
                differences.put(c.id(), "template " + c.template() + "\n    jinja2: " + expected + "\n    apitpl: " + actual);
            }
        }
        Map<String, String> known = knownDifferences();
        StringBuilder report = new StringBuilder();
        differences.forEach((id, detail) -> {
            if (!known.containsKey(id)) {
                report.append("new difference ").append(id).append(": ").append(detail).append('\n');
            }
        });
        known.keySet().stream().filter(id -> !differences.containsKey(id))
                .forEach(id -> report.append("listed as a known difference but renders as Jinja2 does now: ").append(id).append('\n'));
        System.out.printf("Jinja2 %s differential: %d cases, %d identical, %d known differences%n",
                reference.path("jinja2").asText(), cases.size(), cases.size() - differences.size(), differences.size());
        assertTrue(cases.size() >= 300, "the differential suite should keep several hundred cases; has " + cases.size());
        assertEquals("", report.toString(), "apitpl and Jinja2 differ outside the documented differences");
    }

    /** "out:" and the rendered text, "error" for a named apitpl error, "raw:" and the class for anything else. */
    private static String renderWithApitpl(TemplateRenderer renderer, Case c) {
        ObjectNode body = null;
        if ("leaf".equals(c.mode())) {
            body = Json.object();
            body.put("v", "{{ " + c.template() + " }}");
        }
        ApiTemplate template = ApiTemplate.builder("case", "POST", "https://api.example.com/x")
                .body(body != null ? body : Json.nodes().textNode(c.template())).build();
        try {
            String rendered = renderer.render(template, c.params(), name -> Optional.empty()).body();
            if (body != null) {
                return "out:" + Json.write(Json.parse(rendered).get("v"));
            }
            return "out:" + rendered;
        } catch (ApiTplException e) {
            return "error";
        } catch (Exception | Error e) {
            return "raw:" + e;
        }
    }

    private static boolean agree(Case c, JsonNode expected, String actual) throws IOException {
        if (expected == null) {
            return false;
        }
        if (expected.has("error")) {
            return actual.equals("error");
        }
        if (!actual.startsWith("out:")) {
            return false;
        }
        String text = actual.substring(4);
        String reference = expected.get("out").textValue();
        if (c.mode() == null) {
            return reference.equals(text);
        }
        try {
            return Json.parse(reference).equals(Json.parse(text));
        } catch (IOException notJson) {
            return false;
        }
    }

    private static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String line : resource("jinja2-cases.jsonl").split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode c = Json.parse(line);
            cases.add(new Case(c.get("id").textValue(), c.get("t").textValue(),
                    c.has("p") ? c.get("p") : Json.object(), c.has("m") ? c.get("m").textValue() : null));
        }
        return cases;
    }

    private static Map<String, String> knownDifferences() throws IOException {
        Map<String, String> known = new TreeMap<>();
        for (String line : resource("jinja2-known-differences.tsv").split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] fields = line.split("\t", 2);
                known.put(fields[0].strip(), fields.length > 1 ? fields[1] : "");
            }
        }
        return known;
    }

    private static JsonNode renderWithJinja2(List<Case> cases, Path dir) throws Exception {
        Path script = dir.resolve("jinja2_render.py");
        Files.writeString(script, resource("jinja2_render.py"));
        Path input = dir.resolve("cases.jsonl");
        Files.writeString(input, resource("jinja2-cases.jsonl"));
        Path output = dir.resolve("results.json");
        Process python = new ProcessBuilder("python3", script.toString())
                .redirectInput(input.toFile()).redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertTrue(python.waitFor(120, TimeUnit.SECONDS), "jinja2 did not render the cases within 120 s");
        assertEquals(0, python.exitValue(), "the Jinja2 renderer script failed");
        JsonNode results = Json.parse(Files.readString(output));
        assertEquals(cases.size(), results.path("results").size(), "Jinja2 rendered every case once");
        return results;
    }

    private static boolean jinja2Available() {
        try {
            Process probe = new ProcessBuilder("python3", "-c", "import jinja2").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = JinjaDifferentialTest.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IOException("test resource " + RESOURCES + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
