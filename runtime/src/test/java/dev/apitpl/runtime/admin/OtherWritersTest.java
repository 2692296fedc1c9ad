package dev.apitpl.runtime.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.runtime.template.TemplateCodec;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Someone else writes the item: the console, a script, a second editor. Their change is never overwritten unseen,
 * whether it happened before the request read the item or while it ran.
 */
class OtherWritersTest extends AdminApiFixture {

    /** Another writer changes the url and leaves apitpl's stored content hash as it was. */
    void editOutsideApitpl(String url) {
        Map<String, AttributeValue> item = new HashMap<>(item("getUser", "GET"));
        item.put("url", AttributeValue.fromS(url));
        dynamo.putItem(request -> request.tableName(table).item(item));
    }

    @Test
    void aChangeMadeBehindTheApisBackIsRefusedNotOverwritten() throws Exception {
        start("1.0");
        String etag = putJson("/templates/getUser/GET", GET_USER).headers().firstValue("ETag").orElseThrow();
        editOutsideApitpl("https://elsewhere.example/users/{{ userId }}");

        HttpResponse<String> stale = putJson("/templates/getUser/GET", GET_USER.replace("one user", "mine"), "If-Match", etag);
        assertEquals(409, stale.statusCode(), stale.body());
        assertEquals("EditedOutsideApi", json(stale).get("error").asText());
        assertTrue(json(stale).get("message").asText().contains("apitplContentHash"), stale.body());
        HttpResponse<String> anyVersion = putJson("/templates/getUser/GET", GET_USER, "If-Match", "*");
        assertEquals(409, anyVersion.statusCode(), anyVersion.body());
        assertEquals(409, send("DELETE", "/templates/getUser/GET", null, "If-Match", etag).statusCode());
        assertEquals("https://elsewhere.example/users/{{ userId }}", item("getUser", "GET").get("url").s(), "not overwritten");
        assertEquals("one user", item("getUser", "GET").get("description").s());

        HttpResponse<String> read = send("GET", "/templates/getUser/GET", null);
        assertEquals("true", read.headers().firstValue("Apitpl-Edited-Outside").orElseThrow());
        String seen = read.headers().firstValue("ETag").orElseThrow();
        assertEquals(json(stale).get("currentEtag").asText(), seen, "the refusal names the version to review");
        HttpResponse<String> reviewed = putJson("/templates/getUser/GET", GET_USER.replace("one user", "mine"), "If-Match", seen);
        assertEquals(200, reviewed.statusCode(), reviewed.body());
        assertEquals("https://api.example.com/users/{{ userId }}", item("getUser", "GET").get("url").s());
        assertTrue(send("GET", "/templates/getUser/GET", null).headers().firstValue("Apitpl-Edited-Outside").isEmpty());
    }

    @Test
    void aChangeMadeWhileARequestRunsFailsItsConditionalWrite() throws Exception {
        start("2.0");
        putJson("/templates/getUser/GET", GET_USER);
        TemplateTable templates = new TemplateTable(dynamo, table);
        StoredTemplate read = templates.read("getUser", "GET").orElseThrow();
        editOutsideApitpl("https://elsewhere.example/users/{{ userId }}");

        var replacement = TemplateCodec.fromJson(GET_USER.replace("{\n", "{\"name\": \"getUser\", \"method\": \"GET\",\n"));
        assertThrows(ConditionalCheckFailedException.class, () -> templates.put(replacement, "h", Optional.of(read)));
        assertThrows(ConditionalCheckFailedException.class, () -> templates.delete(read));
        assertThrows(ConditionalCheckFailedException.class, () -> templates.put(replacement, "h", Optional.empty()));
        assertEquals("https://elsewhere.example/users/{{ userId }}", item("getUser", "GET").get("url").s());

        templates.put(replacement, "h", templates.read("getUser", "GET"));
        assertEquals("h", item("getUser", "GET").get(TemplateCodec.CONTENT_HASH_ATTRIBUTE).s(), "a fresh read writes");
    }

    @Test
    void anItemThatIsNoTemplateCanOnlyBeReplacedOrDeletedDeliberately() throws Exception {
        start("2.0");
        dynamo.putItem(request -> request.tableName(table).item(Map.of(
                TemplateCodec.PARTITION_KEY, AttributeValue.fromS("broken"), TemplateCodec.SORT_KEY, AttributeValue.fromS("GET"),
                "url", AttributeValue.fromS("https://x.example/"), "colour", AttributeValue.fromS("red"))));
        HttpResponse<String> read = send("GET", "/templates/broken/GET", null);
        assertEquals(409, read.statusCode());
        JsonNode body = json(read);
        assertEquals("StoredItemInvalid", body.get("error").asText());
        assertTrue(body.get("storedItemProblem").asText().contains("'colour'"), read.body());
        assertEquals(428, send("DELETE", "/templates/broken/GET", null).statusCode());
        assertEquals(412, send("DELETE", "/templates/broken/GET", null, "If-Match", "\"abc\"").statusCode());
        assertEquals(204, send("DELETE", "/templates/broken/GET", null, "If-Match", "*").statusCode());
        assertTrue(item("broken", "GET").isEmpty());
    }
}
