package dev.apitpl.core.validate.template;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitpl.core.validate.Problem;
import java.nio.file.Path;
import dev.apitpl.runtime.render.Sandbox;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TemplateFileValidatorTest {

    private static final Path FILE = Path.of("templates/t.json");
    private static final TemplateFileValidator VALIDATOR = new TemplateFileValidator();

    private static List<String> lines(String content) {
        return VALIDATOR.validate(FILE, content).problems().stream().map(Problem::format).toList();
    }

    private static String at(int line, int column, String severityAndRule) {
        return FILE + ":" + line + ":" + column + ": " + severityAndRule;
    }

    private static void assertReports(String content, String expectedPrefix) {
        List<String> reported = lines(content);
        assertTrue(reported.stream().anyMatch(line -> line.startsWith(expectedPrefix)),
                "expected a problem starting with\n  " + expectedPrefix + "\nbut got\n  " + String.join("\n  ", reported));
    }

    @Test
    void aCompleteTemplateHasNoProblemsAndIsKeyedByNameAndMethod() {
        TemplateValidation result = VALIDATOR.validate(FILE, """
                {
                  "name": "create-order",
                  "method": "POST",
                  "url": "{{ apiBaseUrl }}/orders",
                  "headers": {"Authorization": "Bearer {{ secret('ORDERS_API_TOKEN') }}"},
                  "query": {"dryRun": "{{ dryRun | default(false) }}"},
                  "body": {"items": "{% for item in items %}{{ item.sku }}{% if not loop.last %},{% endif %}{% endfor %}",
                           "customer": "{{ customerId }}"},
                  "parameters": {"type": "object", "properties": {
                    "apiBaseUrl": {"type": "string"}, "dryRun": {"type": "boolean"},
                    "items": {"type": "array"}, "customerId": {"type": "string"}}},
                  "timeout": 15
                }
                """);
        assertEquals(List.of(), result.problems());
        assertEquals(Optional.of(new TemplateKey("create-order", "POST")), result.key());
        assertEquals(Set.of("ORDERS_API_TOKEN"), result.secretNames());
    }

    @Test
    void schemaViolationsAreLocatedAtTheOffendingValue() {
        String content = """
                {
                  "name": "x",
                  "method": "GET",
                  "url": "https://api.example.com",
                  "timeout": "soon"
                }
                """;
        assertReports(content, at(5, 14, "error TPL-SCHEMA"));
        assertReports("{\n  \"name\": \"x\",\n  \"method\": \"GET\"\n}\n", at(1, 1, "error TPL-SCHEMA") + " required property 'url' not found");
    }

    @Test
    void aJinjaSyntaxErrorIsLocatedInsideTheStringInTheFile() {
        // The unclosed {{ sits at column 40 of line 5: 24 for the key and quote, then "Bearer {{".
        String content = """
                {
                  "name": "x",
                  "method": "GET",
                  "url": "https://api.example.com",
                  "headers": {"Authorization": "Bearer {{ token"}
                }
                """;
        assertReports(content, at(5, 40, "error TPL-JINJA-SYNTAX"));
    }

    @Test
    void escapesBeforeTheErrorAreCountedAsTheyAreWrittenInTheFile() {
        // \" and \n are two characters in the file, one in the value: "a +" starts at column 23, and the
        // expression ends too early right after the '+'.
        String content = """
                {
                  "name": "x",
                  "method": "POST",
                  "url": "https://api.example.com",
                  "body": "\\"a\\"\\n{{ a + }}",
                  "parameters": {"properties": {"a": {}}}
                }
                """;
        assertReports(content, at(5, 25, "error TPL-JINJA-SYNTAX") + " invalid expression 'a +': it ends where");
    }

    @Test
    void aSyntaxErrorOnALaterLineOfAMultiLineBodyIsLocatedOnThatLine() {
        String content = "{\n  \"name\": \"x\",\n  \"method\": \"POST\",\n  \"url\": \"https://api.example.com\",\n"
                + "  \"body\": \"line one\\nline {% iff x %}\"\n}\n";
        // the body string starts at column 11 of line 5; "line one\nline " is 15 characters written as 16.
        assertReports(content, at(5, 27, "error TPL-JINJA-UNKNOWN-TAG"));
    }

    @Test
    void aFieldThatDoesNotParseIsReportedOnceNotAlsoAsABadUrlOrUnusedParameters() {
        List<String> reported = lines("{\"name\": \"x\", \"method\": \"GET\","
                + " \"url\": \"https://api.example.com/orders/{{ orderId }\","
                + " \"parameters\": {\"properties\": {\"orderId\": {}}}}");
        assertEquals(1, reported.size(), reported::toString);
        assertTrue(reported.get(0).startsWith(at(1, 71, "error TPL-JINJA-SYNTAX") + " Unclosed token"), reported::toString);
    }

    @Test
    void unknownFiltersAndFunctionsAreErrors() {
        String content = """
                {"name": "x", "method": "GET", "url": "https://api.example.com/{{ id | shout }}",
                 "query": {"n": "{{ frobnicate(id) }}"},
                 "parameters": {"properties": {"id": {}}}}
                """;
        assertReports(content, at(1, 72, "error TPL-JINJA-UNKNOWN-FILTER") + " unknown filter 'shout'");
        assertReports(content, at(2, 21, "error TPL-JINJA-UNKNOWN-FILTER") + " unknown function 'frobnicate'");
    }

    @Test
    void parametersUsedButNotDeclaredAreErrorsAndDeclaredButUnusedAreWarnings() {
        String content = """
                {
                  "name": "x",
                  "method": "GET",
                  "url": "https://api.example.com/orders/{{ orderId }}",
                  "parameters": {"type": "object", "properties": {
                    "customerId": {"type": "string"}
                  }}
                }
                """;
        assertReports(content, at(4, 45, "error TPL-PARAM-UNDECLARED") + " parameter 'orderId' is used but not declared");
        assertReports(content, at(6, 19, "warning TPL-PARAM-UNUSED") + " parameter 'customerId'");
    }

    @Test
    void loopVariablesSetTargetsAndMacroArgumentsAreNotParameters() {
        String content = """
                {"name": "x", "method": "POST", "url": "https://api.example.com",
                 "body": "{% set sep = ',' %}{% macro q(v) %}'{{ v }}'{% endmacro %}{% for i in items %}{{ q(i) }}{{ sep }}{% endfor %}",
                 "parameters": {"properties": {"items": {"type": "array"}}}}
                """;
        assertEquals(List.of(), lines(content));
    }

    @Test
    void paramsIsAnOrdinaryNameBecauseTheRendererBindsEachParameterUnderItsOwnName() {
        // At run time {{ params.customerId }} fails with MissingParameterException: nothing is bound as 'params'.
        String content = """
                {"name": "x", "method": "POST", "url": "https://api.example.com",
                 "body": {"customer": "{{ params.customerId }}", "all": "{{ params['orderId'] }}"},
                 "parameters": {"properties": {"customerId": {}}}}
                """;
        List<String> reported = lines(content);
        assertEquals(List.of(at(2, 27, "error TPL-PARAM-UNDECLARED") + " parameter 'params' is used but not declared",
                at(3, 46, "warning TPL-PARAM-UNUSED") + " parameter 'customerId' is declared but no field uses it"),
                reported.stream().map(line -> line.substring(0, line.indexOf(" (") < 0 ? line.length() : line.indexOf(" ("))).toList());
        // A parameter that is itself named params is an ordinary parameter too.
        assertEquals(List.of(), lines("""
                {"name": "x", "method": "GET", "url": "https://api.example.com/{{ params.id }}",
                 "parameters": {"properties": {"params": {"type": "object"}}}}
                """));
    }

    @Test
    void tagsAndFiltersTheRuntimeSandboxDisablesAreReported() {
        Map<String, String> uses = new LinkedHashMap<>();
        uses.put("include", "{% include 'other' %}");
        uses.put("import", "{% import 'macros' as m %}");
        uses.put("from", "{% from 'macros' import q %}");
        uses.put("extends", "{% extends 'base' %}");
        uses.put("block", "{% block b %}x{% endblock %}");
        uses.put("render", "{{ id | render }}");
        uses.put("log", "{{ id | log }}");
        uses.put("pprint", "{{ id | pprint }}");
        uses.put("fromyaml", "{{ id | fromyaml }}");
        uses.put("toyaml", "{{ id | toyaml }}");
        uses.put("attr", "{{ id | attr('x') }}");
        Set<String> disabled = new TreeSet<>();
        Sandbox.disabled().values().forEach(disabled::addAll);
        assertEquals(new TreeSet<>(uses.keySet()), disabled, "the test covers every name the runtime disables");
        for (Map.Entry<String, String> use : uses.entrySet()) {
            String content = "{\"name\": \"x\", \"method\": \"POST\", \"url\": \"https://a.example\","
                    + " \"body\": {\"text\": \"" + use.getValue() + "\"}, \"parameters\": {\"properties\": {\"id\": {}}}}";
            List<String> reported = lines(content);
            assertEquals(1, reported.size(), () -> use.getKey() + ": " + reported);
            assertTrue(reported.get(0).startsWith(at(1, 79 + use.getValue().indexOf(use.getKey()), "error TPL-JINJA-DISABLED")
                    + " " + (use.getValue().startsWith("{%") ? "tag" : "filter") + " '" + use.getKey() + "'"), () -> use.getKey() + ": " + reported);
        }
        assertReports("{\"name\": \"x\", \"method\": \"GET\", \"url\": \"https://a.example/{{ id | attr('x') }}\","
                + " \"parameters\": {\"properties\": {\"id\": {}}}}", at(1, 66, "error TPL-JINJA-DISABLED") + " filter 'attr'");
        assertReports("{\"name\": \"x\", \"method\": \"GET\", \"url\": \"https://a.example/\","
                + " \"headers\": {\"h\": \"a{% include 'x' %}\"}}", at(1, 83, "error TPL-JINJA-DISABLED") + " tag 'include'");
    }

    @Test
    void expressionsInsideDictAndListLiteralsAreInspected() {
        String content = """
                {"name": "x", "method": "POST", "url": "https://api.example.com",
                 "body": {"a": "{{ {'k': b} }}", "l": "{{ [c, used] }}", "t": "{{ (d, 1) }}",
                          "s": "{{ [secret(n)] }}", "f": "{{ {'k': [used | shout]} }}"},
                 "parameters": {"properties": {"used": {}, "n": {}}}}
                """;
        List<String> reported = lines(content);
        assertReports(content, at(2, 26, "error TPL-PARAM-UNDECLARED") + " parameter 'b'");
        assertReports(content, at(2, 44, "error TPL-PARAM-UNDECLARED") + " parameter 'c'");
        assertReports(content, at(2, 68, "error TPL-PARAM-UNDECLARED") + " parameter 'd'");
        assertReports(content, at(3, 21, "error TPL-SECRET-NAME"));
        assertReports(content, at(3, 60, "error TPL-JINJA-UNKNOWN-FILTER") + " unknown filter 'shout'");
        assertTrue(reported.stream().noneMatch(line -> line.contains("TPL-PARAM-UNUSED")), reported::toString);
    }

    @Test
    void theMethodCallsTheRendererAllowsAreValid() {
        assertEquals(List.of(), lines("""
                {"name": "x", "method": "POST", "url": "https://api.example.com",
                 "body": "{% for k, v in tags.items() %}{{ k }}={{ v }}{{ loop.cycle(';', '.') }}{% endfor %}{{ tags.get('a', 1) }}",
                 "parameters": {"properties": {"tags": {}}}}
                """));
    }

    @Test
    void javaMethodCallsAndPropertiesOfLiteralsAreReportedAsTheRendererRefusesThem() {
        String content = """
                {"name": "x", "method": "POST", "url": "https://api.example.com",
                 "body": {"a": "{{ name.getClass() }}", "b": "{{ ''.class }}", "c": "{{ 'x'.repeat(n) }}",
                          "d": "{% for e in user.entrySet() %}{{ e }}{% endfor %}", "e": "{{ user.a.b.toUpperCase() }}"},
                 "parameters": {"properties": {"name": {}, "n": {}, "user": {}}}}
                """;
        List<String> reported = lines(content);
        assertReports(content, at(2, 25, "error TPL-JINJA-JAVA") + " calls method 'getClass'");
        assertReports(content, at(2, 53, "error TPL-JINJA-JAVA") + " reads 'class' of a string");
        assertReports(content, at(2, 77, "error TPL-JINJA-JAVA") + " calls method 'repeat'");
        assertReports(content, at(3, 34, "error TPL-JINJA-JAVA") + " calls method 'entrySet'");
        assertReports(content, at(3, 87, "error TPL-JINJA-JAVA") + " calls method 'toUpperCase'");
        assertEquals(5, reported.size(), reported::toString);
    }

    @Test
    void aBlockSetDefinesALocalNotAParameter() {
        assertEquals(List.of(), lines("""
                {"name": "x", "method": "POST", "url": "https://api.example.com",
                 "body": "{% set greeting %}Hello {{ who }}{% endset %}{{ greeting }}",
                 "parameters": {"properties": {"who": {}}}}
                """));
    }

    @Test
    void nestingDeeperThanTheValidatorFollowsIsOneLocatedProblemNotAnException() {
        String prefix = "{\"name\": \"x\", \"method\": \"GET\", \"parameters\": {\"properties\": {\"id\": {}}},"
                + " \"url\": \"https://a.example/{{ ";
        int column = prefix.length() + 1;
        for (String expression : List.of("(".repeat(800) + "id" + ")".repeat(800), "[".repeat(800) + "id" + "]".repeat(800),
                "not ".repeat(10_000) + "id", "id" + " ~ id".repeat(10_000))) {
            List<String> reported = assertDoesNotThrow(() -> lines(prefix + expression + " }}\"}"));
            assertEquals(List.of(at(1, column, "error VALIDATOR-LIMIT")), reported.stream()
                    .map(line -> line.substring(0, line.indexOf(" VALIDATOR-LIMIT") + 16)).toList(), reported::toString);
        }
        String tags = "{% if id %}".repeat(300) + "x" + "{% endif %}".repeat(300);
        List<String> nested = assertDoesNotThrow(() -> lines("{\"name\": \"x\", \"method\": \"POST\", \"url\": \"https://a.example\","
                + " \"body\": \"" + tags + "\", \"parameters\": {\"properties\": {\"id\": {}}}}"));
        assertEquals(1, nested.size(), nested::toString);
        assertTrue(nested.get(0).contains(" error VALIDATOR-LIMIT "), nested::toString);
    }

    @Test
    void jsonNestedDeeperThanTheReaderFollowsIsLocatedWhereItGoesTooDeep() {
        String prefix = "{\"name\": \"x\", \"method\": \"POST\", \"url\": \"https://a.example\",\n \"body\": ";
        List<String> reported = lines(prefix + "[\"[\", ".repeat(1500) + "]".repeat(1500) + "}");
        assertEquals(1, reported.size(), reported::toString);
        // the root object is the first level: the 1000th '[' opens the 1001st; each opens '["[", '
        assertTrue(reported.get(0).startsWith(at(2, 10 + 999 * 6, "error VALIDATOR-LIMIT")), reported::toString);
        assertTrue(reported.get(0).contains("1000 levels"), reported::toString);
    }

    @Test
    void aMalformedTagTokenIsASyntaxErrorNotAnException() {
        assertReports("{\"name\": \"x\", \"method\": \"GET\", \"url\": \"https://a.example/{%}{ id }}\"}",
                at(1, 58, "error TPL-JINJA-SYNTAX"));
    }

    @Test
    void methodMustBeAnUpperCaseHttpMethodAndGetCarriesNoBody() {
        assertReports("{\"name\": \"x\", \"method\": \"post\", \"url\": \"https://a.example\"}",
                at(1, 25, "error TPL-METHOD") + " 'post' is not an HTTP method (write it in upper case: \"POST\")");
        assertReports("{\"name\": \"x\", \"method\": \"GET\", \"url\": \"https://a.example\", \"body\": {\"a\": 1}}",
                at(1, 68, "warning TPL-METHOD-BODY"));
    }

    @Test
    void urlMustBeAbsoluteHttpAfterRenderingUnlessAParameterSuppliesTheBase() {
        assertReports("{\"name\": \"x\", \"method\": \"GET\", \"url\": \"/orders\"}",
                at(1, 39, "error TPL-URL") + " url '/orders' is not an absolute URL");
        assertReports("{\"name\": \"x\", \"method\": \"GET\", \"url\": \"ftp://files.example.com/a\"}",
                at(1, 39, "error TPL-URL"));
        assertEquals(List.of(), lines("{\"name\": \"x\", \"method\": \"GET\", \"url\": \"{{ base }}/orders\","
                + " \"parameters\": {\"properties\": {\"base\": {}}}}"));
        assertEquals(List.of(), lines("{\"name\": \"x\", \"method\": \"GET\", \"url\": \"https://{{ host }}/orders\","
                + " \"parameters\": {\"properties\": {\"host\": {}}}}"));
    }

    @Test
    void urlPartsRenderedFromExpressionsStandForWhatTheirPositionTakes() {
        for (String url : List.of("http://localhost:{{ port }}/x", "http://{{ host }}:{{ port }}/x",
                "https://api.example.com:{{ port }}", "http://localhost:80{{ digit }}/x", "https://{{ host }}.example.com/a",
                "http://localhost:{% if port %}8080{% else %}9090{% endif %}/x", "https://user:{{ port }}@api.example.com/")) {
            assertEquals(List.of(), lines("{\"name\": \"x\", \"method\": \"GET\", \"url\": \"" + url + "\","
                    + " \"parameters\": {\"properties\": {\"port\": {}, \"host\": {}, \"digit\": {}}}}").stream()
                    .filter(line -> !line.contains("TPL-PARAM-UNUSED")).toList(), url);
        }
        assertReports("{\"name\": \"x\", \"method\": \"GET\", \"url\": \"http:///{{ port }}\","
                + " \"parameters\": {\"properties\": {\"port\": {}}}}", at(1, 39, "error TPL-URL") + " url 'http:///{{ port }}' has no host");
    }

    @Test
    void aByteOrderMarkIsNotAnErrorAndContentAfterTheObjectIs() {
        assertEquals(List.of(), lines("\uFEFF{\"name\": \"x\", \"method\": \"GET\", \"url\": \"https://a.example\"}"));
        assertReports("\uFEFF{\"name\": \"x\", \"method\": \"get\", \"url\": \"https://a.example\"}",
                at(1, 25, "error TPL-METHOD"));
        assertEquals(List.of(at(1, 60, "error TPL-JSON-SYNTAX") + " content after the template's JSON object"
                + " (a template file is one JSON object)"),
                lines("{\"name\": \"x\", \"method\": \"GET\", \"url\": \"https://a.example\"} {\"name\": \"y\"}"));
        List<String> garbage = lines("{\"name\": \"x\", \"method\": \"GET\", \"url\": \"https://a.example\"}\n]");
        assertEquals(1, garbage.size(), garbage::toString);
        assertTrue(garbage.get(0).startsWith(at(2, 1, "error TPL-JSON-SYNTAX")), garbage::toString);
    }

    @Test
    void secretsBelongInHeadersAndTakeALiteralName() {
        assertReports("{\"name\": \"x\", \"method\": \"GET\", \"url\": \"https://a.example\","
                + " \"query\": {\"key\": \"{{ secret('API_KEY') }}\"}}", at(1, 81, "warning TPL-SECRET-IN-URL"));
        assertReports("{\"name\": \"x\", \"method\": \"GET\", \"url\": \"https://a.example\","
                + " \"headers\": {\"key\": \"{{ secret(which) }}\"}, \"parameters\": {\"properties\": {\"which\": {}}}}",
                at(1, 83, "error TPL-SECRET-NAME"));
    }

    @Test
    void malformedJsonIsOneLocatedError() {
        List<String> reported = lines("{\n  \"name\": \"x\",\n  \"method\": \"GET\"\n  \"url\": \"https://a.example\"\n}");
        assertEquals(1, reported.size(), reported::toString);
        assertTrue(reported.get(0).startsWith(at(4, 3, "error TPL-JSON-SYNTAX")), reported::toString);
    }

    @Test
    void theParameterDeclarationMustBeAValidJsonSchema() {
        assertReports("{\"name\": \"x\", \"method\": \"GET\", \"url\": \"https://a.example/{{ id }}\","
                + "\n \"parameters\": {\"properties\": {\"id\": {\"type\": \"strin\"}}}}", at(2, 47, "error TPL-SCHEMA") + " \"parameters\" is not a valid JSON Schema");
    }
}
