package dev.apitpl.runtime.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests the admin API refuses: each with its status, error code and message, and nothing written. */
class TemplateAdminRefusalsTest extends AdminApiFixture {

    @BeforeEach
    void startHttpApi() throws Exception {
        start("2.0");
    }

    /** The request was answered with {@code status} and {@code error}, no stack trace, and the table is still empty. */
    JsonNode refused(HttpResponse<String> response, int status, String error) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode body = json(response);
        assertEquals(error, body.get("error").asText(), response.body());
        assertFalse(body.get("message").asText().isBlank());
        assertTrue(body.hasNonNull("requestId"));
        assertFalse(response.body().contains("\tat ") || response.body().contains(".java:"), response.body());
        assertEquals(0, dynamo.scan(request -> request.tableName(table)).count(), "nothing written");
        return body;
    }

    JsonNode onlyProblem(HttpResponse<String> response) throws Exception {
        JsonNode body = refused(response, 400, "InvalidTemplate");
        assertEquals(1, body.get("problems").size(), response.body());
        return body.get("problems").get(0);
    }

    @Test
    void malformedJsonIsLocated() throws Exception {
        JsonNode body = refused(putJson("/templates/getUser/GET", "{\n  \"url\": \"https://x.example\",\n  \"headers\": {\n}"),
                400, "MalformedJson");
        assertEquals(4, body.get("line").asInt(), body.toString());
        assertTrue(body.get("message").asText().startsWith("The body is not valid JSON at line 4"), body.toString());
        refused(putJson("/templates/getUser/GET", ""), 400, "MalformedJson");
    }

    @Test
    void anUnknownFieldIsASchemaProblemAtItsLine() throws Exception {
        JsonNode problem = onlyProblem(putJson("/templates/getUser/GET",
                "{\n  \"url\": \"https://x.example\",\n  \"header\": {\"Accept\": \"*/*\"}\n}"));
        assertEquals("TPL-SCHEMA", problem.get("rule").asText());
        assertEquals("header", problem.get("field").asText());
        assertEquals(3, problem.get("line").asInt());
        assertEquals(13, problem.get("column").asInt());
        assertTrue(problem.get("message").asText().contains("did you mean 'headers'?"), problem.toString());
    }

    @Test
    void aWrongTypeIsASchemaProblemAtItsField() throws Exception {
        JsonNode problem = onlyProblem(putJson("/templates/getUser/GET",
                "{\"url\": \"https://x.example\", \"headers\": {\"X-Count\": 3}}"));
        assertEquals("headers.X-Count", problem.get("field").asText());
        assertEquals(1, problem.get("line").asInt());
        assertEquals(53, problem.get("column").asInt());
    }

    @Test
    void jinjaThatDoesNotParseIsRefused() throws Exception {
        JsonNode problem = onlyProblem(putJson("/templates/getUser/GET",
                "{\"url\": \"https://x.example/\", \"body\": {\"q\": \"{% if x %}open\"}}"));
        assertEquals("TPL-JINJA-SYNTAX", problem.get("rule").asText());
        assertEquals("body.q", problem.get("field").asText());
    }

    @Test
    void aTagTheSandboxDisablesIsRefused() throws Exception {
        JsonNode problem = onlyProblem(putJson("/templates/getUser/POST",
                "{\"url\": \"https://x.example/\", \"body\": \"{% include 'other' %}\"}"));
        assertEquals("TPL-JINJA-DISABLED", problem.get("rule").asText());
        assertEquals("body", problem.get("field").asText());
    }

    @Test
    void aFilterThatDoesNotExistIsRefused() throws Exception {
        JsonNode problem = onlyProblem(putJson("/templates/getUser/GET", """
                {"url": "https://x.example/{{ id | shout }}",
                 "parameters": {"properties": {"id": {"type": "string"}}}}"""));
        assertEquals("url", problem.get("field").asText());
        assertTrue(problem.get("message").asText().contains("'shout'"), problem.toString());
    }

    @Test
    void everyUndeclaredParameterIsReportedWhereItIsUsed() throws Exception {
        JsonNode body = refused(putJson("/templates/getUser/GET", """
                {
                  "url": "https://x.example/users/{{ userId }}",
                  "headers": {"X-Tenant": "{{ tenant }}"},
                  "parameters": {"properties": {"other": {"type": "string"}}}
                }"""), 400, "InvalidTemplate");
        JsonNode problems = body.get("problems");
        assertEquals(2, problems.size(), body.toString());
        assertEquals("TPL-PARAM-UNDECLARED", problems.get(0).get("rule").asText());
        assertEquals("url", problems.get(0).get("field").asText());
        assertEquals(2, problems.get(0).get("line").asInt());
        assertTrue(problems.get(0).get("message").asText().contains("'userId'"));
        assertEquals("headers.X-Tenant", problems.get(1).get("field").asText());
        assertEquals(3, problems.get(1).get("line").asInt());
    }

    @Test
    void theBodyMayNotContradictThePath() throws Exception {
        JsonNode problem = onlyProblem(putJson("/templates/getUser/GET",
                "{\"name\": \"other\", \"url\": \"https://x.example/\"}"));
        assertEquals("name", problem.get("field").asText());
        assertTrue(problem.get("message").asText().contains("the path says 'getUser'"));
    }

    @Test
    void anOversizedBodyIsRefusedUnread() throws Exception {
        String huge = "{\"url\": \"https://x.example/\", \"description\": \"" + "x".repeat(AdminApi.MAX_BODY_BYTES) + "\"}";
        JsonNode body = refused(putJson("/templates/getUser/GET", huge), 413, "PayloadTooLarge");
        assertTrue(body.get("message").asText().contains(String.valueOf(AdminApi.MAX_BODY_BYTES)));
    }

    @Test
    void aBodyThatIsNotJsonByItsTypeIsRefused() throws Exception {
        refused(send("PUT", "/templates/getUser/GET", "{\"url\": \"https://x.example/\"}", "Content-Type", "text/plain"),
                415, "UnsupportedMediaType");
        refused(send("PUT", "/templates/getUser/GET", "{\"url\": \"https://x.example/\"}"), 415, "UnsupportedMediaType");
    }

    @Test
    void unknownRoutesAreNotFound() throws Exception {
        for (String path : new String[] {"/", "/nope", "/templates/getUser", "/templates/getUser/GET/preview",
                "/templates/a/b/c/d", "/templates/getUser/FETCH"}) {
            JsonNode body = refused(send("GET", path, null), 404, "NotFound");
            assertFalse(body.get("message").asText().isBlank(), path);
        }
    }

    @Test
    void wrongMethodsAreNotAllowedAndSayWhatIs() throws Exception {
        HttpResponse<String> post = send("POST", "/templates", "{}", "Content-Type", "application/json");
        refused(post, 405, "MethodNotAllowed");
        assertEquals("GET", post.headers().firstValue("Allow").orElseThrow());
        HttpResponse<String> patch = send("PATCH", "/templates/getUser/GET", "{}", "Content-Type", "application/json");
        refused(patch, 405, "MethodNotAllowed");
        assertEquals("GET, PUT, DELETE", patch.headers().firstValue("Allow").orElseThrow());
        refused(send("GET", "/templates/getUser/GET/render", null), 405, "MethodNotAllowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"0123\"", "*"})
    void replacingWhatDoesNotExistFailsItsPrecondition(String ifMatch) throws Exception {
        refused(putJson("/templates/getUser/GET", "{\"url\": \"https://x.example/\"}", "If-Match", ifMatch),
                412, "PreconditionFailed");
    }

    @Test
    void aPreviewOfNothingIsNotFound() throws Exception {
        refused(send("POST", "/templates/getUser/GET/render", "{\"params\": {}}", "Content-Type", "application/json"),
                404, "NotFound");
        refused(send("POST", "/templates/getUser/GET/render", "{\"userId\": 1}", "Content-Type", "application/json"),
                400, "InvalidRequest");
    }
}
