package dev.apitpl.runtime.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.runtime.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The handler as the Lambda runtime calls it: event bytes in, proxy response bytes out. */
class TemplateAdminLambdaTest extends AdminApiFixture {

    JsonNode invoke(TemplateAdminLambda handler, String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.parse(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aRestApiEventIsAnsweredInItsFormat() throws Exception {
        TemplateAdminLambda handler = new TemplateAdminLambda(dynamo, table, new AdminLog(logLines::add));
        JsonNode response = invoke(handler, """
                {"resource": "/{proxy+}", "path": "/templates", "httpMethod": "GET", "headers": {"Accept": "*/*"},
                 "queryStringParameters": {"limit": "5"}, "requestContext": {"requestId": "r-1", "stage": "prod"},
                 "body": null, "isBase64Encoded": false}""");
        assertEquals(200, response.get("statusCode").asInt(), response.toString());
        assertEquals("{\"templates\":[]}", response.get("body").asText());
        assertEquals("application/json", response.at("/headers/Content-Type").asText());
        assertTrue(logLines.get(0).contains("\"requestId\":\"r-1\""), logLines.toString());
    }

    @Test
    void anHttpApiEventWithANamedStageAndABase64BodyIsRead() throws Exception {
        TemplateAdminLambda handler = new TemplateAdminLambda(dynamo, table, new AdminLog(logLines::add));
        String body = java.util.Base64.getEncoder().encodeToString(
                "{\"url\": \"https://api.example.com/\"}".getBytes(StandardCharsets.UTF_8));
        JsonNode response = invoke(handler, """
                {"version": "2.0", "routeKey": "ANY /{proxy+}", "rawPath": "/prod/templates/ping/GET", "rawQueryString": "",
                 "headers": {"content-type": "application/json"},
                 "requestContext": {"http": {"method": "PUT", "path": "/prod/templates/ping/GET"}, "stage": "prod"},
                 "body": "%s", "isBase64Encoded": true}""".formatted(body));
        assertEquals(201, response.get("statusCode").asInt(), response.toString());
        assertEquals("https://api.example.com/", item("ping", "GET").get("url").s());
    }

    @Test
    void whatIsNoProxyEventIsRefusedWithAnAnswer() throws Exception {
        TemplateAdminLambda handler = new TemplateAdminLambda(dynamo, table, new AdminLog(logLines::add));
        for (String event : new String[] {"not json", "[]", "{\"detail\": {}}"}) {
            JsonNode response = invoke(handler, event);
            assertEquals(400, response.get("statusCode").asInt(), event);
            assertEquals("InvalidEvent", Json.parse(response.get("body").asText()).get("error").asText());
        }
        assertEquals(3, logLines.size());
    }

    @Test
    void withoutATableEveryRequestSaysWhichVariableToSet() throws Exception {
        assumeTrue(System.getenv(TemplateAdminLambda.TABLE_ENV) == null, TemplateAdminLambda.TABLE_ENV + " is set here");
        JsonNode response = invoke(new TemplateAdminLambda(), """
                {"version": "2.0", "rawPath": "/templates", "requestContext": {"http": {"method": "GET"}}}""");
        assertEquals(500, response.get("statusCode").asInt());
        assertTrue(response.get("body").asText().contains(TemplateAdminLambda.TABLE_ENV + " is not set"), response.toString());
    }
}
