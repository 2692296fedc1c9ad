package dev.apitpl.runtime.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.apitpl.runtime.ManualClock;
import dev.apitpl.runtime.error.InvalidRequestException;
import dev.apitpl.runtime.error.SecretSourceException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The real SDK client against a local endpoint that speaks Secrets Manager's JSON protocol for
 * GetSecretValue: one known secret, one that is forbidden, everything else not found.
 */
class SecretsManagerSecretResolverTest {

    private HttpServer endpoint;
    private final List<String> requestedIds = new CopyOnWriteArrayList<>();
    private SecretsManagerClient client;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

    @BeforeEach
    void start() throws IOException {
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String id = body.replaceAll(".*\"SecretId\"\\s*:\\s*\"([^\"]*)\".*", "$1");
            requestedIds.add(id);
            int status;
            String reply;
            if (id.equals("prod/db-password")) {
                status = 200;
                reply = "{\"ARN\":\"arn:aws:secretsmanager:us-east-1:1:secret:x\",\"Name\":\"" + id
                        + "\",\"SecretString\":\"hunter2\",\"VersionId\":\"v1\"}";
            } else if (id.equals("prod/forbidden")) {
                status = 400;
                reply = "{\"__type\":\"AccessDeniedException\",\"message\":\"not allowed\"}";
            } else {
                status = 400;
                reply = "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find it\"}";
            }
            byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        endpoint.start();
        client = SecretsManagerClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        endpoint.stop(0);
    }

    private SecretsManagerSecretResolver resolver() {
        return new SecretsManagerSecretResolver(client, "prod/", Duration.ofSeconds(60), clock);
    }

    @Test
    void aSecretIsReadUnderThePrefixAndCachedUntilItsTtlRunsOut() {
        SecretsManagerSecretResolver secrets = resolver();

        assertEquals(Optional.of("hunter2"), secrets.resolve("db-password"));
        assertEquals(Optional.of("hunter2"), secrets.resolve("db-password"));
        assertEquals(List.of("prod/db-password"), requestedIds, "second read served from the cache");

        clock.advance(Duration.ofSeconds(61));
        assertEquals(Optional.of("hunter2"), secrets.resolve("db-password"));
        assertEquals(2, requestedIds.size(), "re-read after the TTL");
    }

    @Test
    void aTtlOfZeroReadsTheSecretEveryTime() {
        SecretsManagerSecretResolver uncached = new SecretsManagerSecretResolver(client, "prod/", Duration.ZERO, clock);

        uncached.resolve("db-password");
        uncached.resolve("db-password");

        assertEquals(2, requestedIds.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "5m"})
    void aNegativeOrNonNumericTtlIsRefusedByName(String ttl) {
        InvalidRequestException error = assertThrows(InvalidRequestException.class, () -> SecretSource.fromEnvironment(
                Map.of(SecretSource.SOURCE_ENV, "secretsmanager", SecretsManagerSecretResolver.CACHE_TTL_ENV, ttl)));

        assertTrue(error.getMessage().contains(SecretsManagerSecretResolver.CACHE_TTL_ENV), error.getMessage());
        assertTrue(error.getMessage().contains("'" + ttl + "'"), error.getMessage());
        assertTrue(error.getMessage().contains("0 turns the cache off"), error.getMessage());
    }

    @Test
    void aMissingSecretResolvesToNothing() {
        assertTrue(resolver().resolve("nope").isEmpty());
    }

    @Test
    void aRefusalNamesTheSecretAndThePermissionButNoValue() {
        SecretSourceException error = assertThrows(SecretSourceException.class,
                () -> resolver().resolve("forbidden"));

        assertTrue(error.getMessage().contains("'prod/forbidden'"), error.getMessage());
        assertTrue(error.getMessage().contains("AccessDeniedException"), error.getMessage());
        assertTrue(error.getMessage().contains("secretsmanager:GetSecretValue"), error.getMessage());
        assertFalse(error.getMessage().contains("hunter2"));
    }
}
