package dev.apitpl.core.validate.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitpl.core.validate.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
                           "customer": "{{ params.customerId }}"},
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
