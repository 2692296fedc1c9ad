package dev.apitpl.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitpl.runtime.ManualClock;
import dev.apitpl.runtime.error.InvalidRequestException;
import dev.apitpl.runtime.error.InvalidTemplateException;
import dev.apitpl.runtime.error.TemplateNotFoundException;
import dev.apitpl.runtime.error.TemplateStoreException;
import dev.apitpl.runtime.template.ApiTemplate;
import dev.apitpl.runtime.template.TemplateCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The store against DynamoDB Local embedded in the test JVM. */
class DynamoDbTemplateStoreTest {

    private static DynamoDbClient dynamo;
    private static String table;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

    @BeforeAll
    static void createTable() {
        dynamo = LocalDynamoDb.client();
        table = LocalDynamoDb.newTemplateTable("store");
    }

    private static void put(String name, String method, String url) {
        ApiTemplate template = TemplateCodec.fromJson("{\"name\":\"" + name + "\",\"method\":\"" + method
                + "\",\"url\":\"" + url + "\"}");
        dynamo.putItem(request -> request.tableName(table).item(TemplateCodec.toAttributeValues(template)));
    }

    private DynamoDbTemplateStore store() {
        return new DynamoDbTemplateStore(dynamo, table, Duration.ofSeconds(60), clock);
    }

    @Test
    void aTemplateIsFoundByNameAndMethod() {
        put("getUser", "GET", "https://api.example.com/users/{{ id }}");
        put("getUser", "DELETE", "https://api.example.com/users/{{ id }}/delete");

        ApiTemplate found = store().find("getUser", "DELETE").orElseThrow();

        assertEquals("DELETE", found.method());
        assertTrue(found.url().endsWith("/delete"));
    }

    @Test
    void aFoundTemplateIsServedFromTheCacheUntilItsTtlRunsOut() {
        put("cached", "GET", "https://api.example.com/v1");
        DynamoDbTemplateStore store = store();
        store.find("cached", "GET").orElseThrow();

        put("cached", "GET", "https://api.example.com/v2");
        assertTrue(store.find("cached", "GET").orElseThrow().url().endsWith("/v1"), "within the TTL");

        clock.advance(Duration.ofSeconds(61));
        assertTrue(store.find("cached", "GET").orElseThrow().url().endsWith("/v2"), "re-read after the TTL");
    }

    @Test
    void aMissingTemplateIsNotFoundNamingTableNameAndMethod() {
        assertTrue(store().find("absent", "GET").isEmpty());

        TemplateNotFoundException error = assertThrows(TemplateNotFoundException.class,
                () -> store().require("absent", "POST"));
        assertTrue(error.getMessage().contains("'" + table + "'"), error.getMessage());
        assertTrue(error.getMessage().contains("'absent'"), error.getMessage());
        assertTrue(error.getMessage().contains("POST"), error.getMessage());
    }

    @Test
    void aMissingTableIsAStoreErrorNamingIt() {
        DynamoDbTemplateStore wrongTable = new DynamoDbTemplateStore(dynamo, "no-such-table", Duration.ZERO, clock);

        TemplateStoreException error = assertThrows(TemplateStoreException.class,
                () -> wrongTable.find("getUser", "GET"));
        assertTrue(error.getMessage().contains("'no-such-table'"), error.getMessage());
    }

    @Test
    void theTableMustBeConfigured() {
        TemplateStoreException error = assertThrows(TemplateStoreException.class,
                () -> DynamoDbTemplateStore.fromEnvironment(Map.of(), dynamo));
        assertTrue(error.getMessage().contains(DynamoDbTemplateStore.TABLE_ENV), error.getMessage());
        assertEquals("DynamoDB table 'tpl'", DynamoDbTemplateStore.fromEnvironment(
                Map.of(DynamoDbTemplateStore.TABLE_ENV, "tpl"), dynamo).location());
    }

    @Test
    void aCacheTtlOfZeroTurnsTheCacheOff() {
        put("uncached", "GET", "https://api.example.com/v1");
        DynamoDbTemplateStore store = DynamoDbTemplateStore.fromEnvironment(Map.of(DynamoDbTemplateStore.TABLE_ENV, table,
                DynamoDbTemplateStore.CACHE_TTL_ENV, "0"), dynamo);
        store.find("uncached", "GET").orElseThrow();

        put("uncached", "GET", "https://api.example.com/v2");

        assertTrue(store.find("uncached", "GET").orElseThrow().url().endsWith("/v2"), "read again at once");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "60s", "1.5"})
    void aNegativeOrNonNumericCacheTtlIsRefusedByName(String ttl) {
        InvalidRequestException error = assertThrows(InvalidRequestException.class, () -> DynamoDbTemplateStore
                .fromEnvironment(Map.of(DynamoDbTemplateStore.TABLE_ENV, table, DynamoDbTemplateStore.CACHE_TTL_ENV, ttl),
                        () -> {
                            throw new AssertionError("no client is built for a bad configuration");
                        }));

        assertTrue(error.getMessage().contains(DynamoDbTemplateStore.CACHE_TTL_ENV), error.getMessage());
        assertTrue(error.getMessage().contains("'" + ttl + "'"), error.getMessage());
        assertTrue(error.getMessage().contains("0 turns the cache off"), error.getMessage());
    }

    @Test
    void anItemThatIsNotATemplateIsReportedByTheCodec() {
        dynamo.putItem(request -> request.tableName(table).item(Map.of(
                TemplateCodec.PARTITION_KEY, AttributeValue.fromS("broken"),
                TemplateCodec.SORT_KEY, AttributeValue.fromS("GET"))));

        InvalidTemplateException error = assertThrows(InvalidTemplateException.class, () -> store().find("broken", "GET"));
        assertTrue(error.getMessage().startsWith("template 'broken': field 'url' is required"), error.getMessage());
    }
}
