package dev.apitpl.runtime.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.runtime.json.Json;
import dev.apitpl.runtime.template.TemplateCodec;
import dev.apitpl.runtime.template.TemplateContentHash;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The life of a template through the admin API, in both proxy payload formats: versions, preview, paging. */
class TemplateAdminApiTest extends AdminApiFixture {

    @ParameterizedTest(name = "payload format {0}")
    @ValueSource(strings = {"1.0", "2.0"})
    void createReadUpdateWithVersionsPreviewAndDelete(String format) throws Exception {
        start(format);
        HttpResponse<String> created = putJson("/templates/getUser/GET", GET_USER);
        assertEquals(201, created.statusCode(), created.body());
        String etag = created.headers().firstValue("ETag").orElseThrow();
        Map<String, AttributeValue> stored = item("getUser", "GET");
        String hash = TemplateContentHash.of(TemplateCodec.fromAttributeValues(stored));
        assertEquals("\"" + hash + "\"", etag);
        assertEquals(hash, stored.get(TemplateCodec.CONTENT_HASH_ATTRIBUTE).s(), "the seed's content-hash attribute");
        assertEquals("https://api.example.com/users/{{ userId }}", stored.get("url").s());

        HttpResponse<String> read = send("GET", "/templates/getUser/GET", null);
        assertEquals(200, read.statusCode());
        assertEquals(etag, read.headers().firstValue("ETag").orElseThrow());
        assertEquals("getUser", json(read).get("name").asText());
        assertEquals("GET", json(read).get("method").asText());
        assertEquals("one user", json(read).get("description").asText());
        assertTrue(read.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));

        String changed = GET_USER.replace("one user", "one user, by id");
        HttpResponse<String> noVersion = putJson("/templates/getUser/GET", changed);
        assertEquals(428, noVersion.statusCode(), noVersion.body());
        assertEquals("PreconditionRequired", json(noVersion).get("error").asText());

        HttpResponse<String> updated = putJson("/templates/getUser/GET", changed, "If-Match", etag);
        assertEquals(200, updated.statusCode(), updated.body());
        String newEtag = updated.headers().firstValue("ETag").orElseThrow();
        assertNotEquals(etag, newEtag);
        assertEquals("one user, by id", item("getUser", "GET").get("description").s());

        HttpResponse<String> stale = putJson("/templates/getUser/GET", GET_USER.replace("one user", "stale"), "If-Match", etag);
        assertEquals(412, stale.statusCode(), stale.body());
        assertEquals("PreconditionFailed", json(stale).get("error").asText());
        assertEquals(newEtag, json(stale).get("currentEtag").asText());
        assertEquals("one user, by id", item("getUser", "GET").get("description").s(), "the stale write changed nothing");

        HttpResponse<String> preview = send("POST", "/templates/getUser/GET/render", "{\"params\": {\"userId\": \"a b/c\"}}",
                "Content-Type", "application/json");
        assertEquals(200, preview.statusCode(), preview.body());
        JsonNode rendered = json(preview);
        assertEquals("GET", rendered.get("method").asText());
        assertEquals("https://api.example.com/users/a%20b%2Fc", rendered.get("url").asText());
        assertEquals("Bearer {secret:API_TOKEN}", rendered.get("headers").get("Authorization").asText(),
                "a preview names the secret and never reads it");
        HttpResponse<String> missing = send("POST", "/templates/getUser/GET/render", "{}", "Content-Type", "application/json");
        assertEquals(400, missing.statusCode());
        assertEquals("MissingParameterException", json(missing).get("error").asText());
        assertTrue(json(missing).get("message").asText().contains("'userId'"), missing.body());

        HttpResponse<String> staleDelete = send("DELETE", "/templates/getUser/GET", null, "If-Match", etag);
        assertEquals(412, staleDelete.statusCode());
        assertFalse(item("getUser", "GET").isEmpty());
        HttpResponse<String> deleted = send("DELETE", "/templates/getUser/GET", null, "If-Match", newEtag);
        assertEquals(204, deleted.statusCode(), deleted.body());
        assertTrue(item("getUser", "GET").isEmpty());
        assertEquals(404, send("GET", "/templates/getUser/GET", null).statusCode());
        assertEquals(404, send("DELETE", "/templates/getUser/GET", null, "If-Match", newEtag).statusCode());

        assertEquals(11, logLines.size(), "one log line per request: " + logLines);
        for (String line : logLines) {
            JsonNode entry = Json.parse(line);
            assertEquals("apitpl.admin", entry.get("logger").asText());
            assertFalse(line.contains("Bearer") || line.contains("a b/c") || line.contains("one user"), line);
        }
        JsonNode stalePut = Json.parse(logLines.get(4));
        assertEquals(412, stalePut.get("status").asInt());
        assertEquals("PreconditionFailed", stalePut.get("error").asText());
        assertEquals("getUser", stalePut.get("template").asText());
        assertEquals("/templates/{name}/{method}", stalePut.get("route").asText());
    }

    @ParameterizedTest(name = "payload format {0}")
    @ValueSource(strings = {"1.0", "2.0"})
    void listsEveryTemplateOncePageByPage(String format) throws Exception {
        start(format);
        int count = 57;
        for (int i = 0; i < count; i++) {
            var template = TemplateCodec.fromJson("{\"name\": \"t" + i + "\", \"method\": \"" + (i % 2 == 0 ? "GET" : "POST")
                    + "\", \"url\": \"https://api.example.com/" + i + "\", \"description\": \"number " + i + "\"}");
            dynamo.putItem(request -> request.tableName(table).item(TemplateCodec.toAttributeValues(template)));
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        String next = null;
        int pages = 0;
        do {
            HttpResponse<String> page = send("GET", "/templates?limit=10" + (next == null ? "" : "&next=" + next), null);
            assertEquals(200, page.statusCode(), page.body());
            JsonNode body = json(page);
            assertTrue(body.get("templates").size() <= 10, page.body());
            for (JsonNode summary : body.get("templates")) {
                String key = summary.get("name").asText() + " " + summary.get("method").asText();
                assertTrue(seen.add(key), "listed twice: " + key);
                assertEquals("number " + summary.get("name").asText().substring(1), summary.get("description").asText());
                assertNull(summary.get("url"), "a page lists names, not whole templates");
            }
            next = body.hasNonNull("next") ? body.get("next").asText() : null;
            pages++;
        } while (next != null && pages < 20);
        assertEquals(count, seen.size());
        assertTrue(pages >= 6, "57 items at 10 a page: " + pages + " pages");

        assertEquals(25, json(send("GET", "/templates", null)).get("templates").size(), "the default page size");
        for (String bad : List.of("limit=0", "limit=101", "limit=ten", "next=bm90LWEtdG9rZW4", "next=%25%25")) {
            HttpResponse<String> refused = send("GET", "/templates?" + bad, null);
            assertEquals(400, refused.statusCode(), bad + ": " + refused.body());
            assertEquals("InvalidRequest", json(refused).get("error").asText());
        }
    }
}
