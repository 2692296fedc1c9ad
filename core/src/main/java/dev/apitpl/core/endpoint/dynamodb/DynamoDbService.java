package dev.apitpl.core.endpoint.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.core.endpoint.EndpointRequest;
import dev.apitpl.core.endpoint.EndpointResponse;
import dev.apitpl.core.endpoint.ServiceHandler;
import dev.apitpl.core.engine.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * DynamoDB on the endpoint: requests addressed {@code X-Amz-Target: DynamoDB_20120810.*} are passed to DynamoDB Local
 * on its own loopback port, with the configured {@link DynamoDbFaults} injected on the way. An answer whose body the
 * proxy changes gets a fresh {@code x-amz-crc32}, which the AWS SDKs check.
 */
public final class DynamoDbService implements ServiceHandler {

    private static final String TARGET_PREFIX = "DynamoDB_20120810.";
    private static final String STREAMS_PREFIX = "DynamoDBStreams_20120810.";
    private static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
            "TransactWriteItems");
    /** Headers the JDK client sets itself or refuses. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect",
            "upgrade", "transfer-encoding", "keep-alive");
    private static final String THROTTLED = "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException";
    private static final String THROTTLED_MESSAGE = "The level of configured provisioned throughput for the table was "
            + "exceeded. Consider increasing your provisioning level with the UpdateTable API.";

    private final DynamoDbLocalServer database;
    private final HttpClient http;
    private final DynamoDbFaults faults;
    private final Random random;

    private DynamoDbService(DynamoDbLocalServer database, DynamoDbFaults faults) {
        this.database = database;
        this.faults = faults;
        this.random = new Random(faults.seed());
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * Starts DynamoDB Local with one shared database, kept in {@code dataDir} (null: in memory).
     *
     * @throws IOException when DynamoDB Local cannot start, saying why
     */
    public static DynamoDbService start(Path dataDir, DynamoDbFaults faults) throws IOException {
        try {
            return new DynamoDbService(DynamoDbLocalServer.start(dataDir), faults);
        } catch (IOException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw new IOException("DynamoDB Local could not start (" + e + "). It extracts the sqlite4java native "
                    + "library into java.io.tmpdir (" + System.getProperty("java.io.tmpdir") + "), which must be "
                    + "writable" + (dataDir == null ? "" : "; its data folder " + dataDir + " must be writable too"), e);
        }
    }

    /** DynamoDB Local's own URL, for in-process clients (no fault injection). */
    public URI databaseUrl() {
        return database.url();
    }

    @Override
    public boolean accepts(EndpointRequest request) {
        String target = request.header("X-Amz-Target");
        return target != null && (target.startsWith(TARGET_PREFIX) || target.startsWith(STREAMS_PREFIX));
    }

    @Override
    public EndpointResponse handle(EndpointRequest request) {
        String target = request.header("X-Amz-Target");
        String operation = target.substring(target.indexOf('.') + 1);
        if (faults.any() && WRITES.contains(operation)) {
            if (chance(faults.throttledWriteRate())) {
                ObjectNode error = Json.NODES.objectNode().put("__type", THROTTLED).put("message", THROTTLED_MESSAGE);
                return withCrc(400, error);
            }
            if (operation.equals("BatchWriteItem") && faults.unprocessedItemRate() > 0) {
                return batchWriteWithUnprocessed(request);
            }
        }
        return forward(request, request.body());
    }

    private synchronized boolean chance(double rate) {
        return rate > 0 && random.nextDouble() < rate;
    }

    /** Holds back a share of the items: the rest is written, the held-back ones come back as UnprocessedItems. */
    private EndpointResponse batchWriteWithUnprocessed(EndpointRequest request) {
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(request.body());
        } catch (IOException e) {
            return forward(request, request.body());
        }
        if (!(parsed instanceof ObjectNode body) || !body.path("RequestItems").isObject()) {
            return forward(request, request.body());
        }
        ObjectNode kept = Json.NODES.objectNode();
        ObjectNode unprocessed = Json.NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> tables = body.get("RequestItems").fields(); tables.hasNext(); ) {
            Map.Entry<String, JsonNode> table = tables.next();
            ArrayNode keep = Json.NODES.arrayNode();
            ArrayNode hold = Json.NODES.arrayNode();
            table.getValue().forEach(item -> (chance(faults.unprocessedItemRate()) ? hold : keep).add(item));
            if (!keep.isEmpty()) {
                kept.set(table.getKey(), keep);
            }
            if (!hold.isEmpty()) {
                unprocessed.set(table.getKey(), hold);
            }
        }
        if (unprocessed.isEmpty()) {
            return forward(request, request.body());
        }
        if (kept.isEmpty()) {
            ObjectNode answer = Json.NODES.objectNode();
            answer.set("UnprocessedItems", unprocessed);
            return withCrc(200, answer);
        }
        ObjectNode reduced = body.deepCopy();
        reduced.set("RequestItems", kept);
        EndpointResponse written = forward(request, Json.write(reduced).getBytes(StandardCharsets.UTF_8));
        if (written.status() != 200) {
            return written;
        }
        try {
            ObjectNode answer = (ObjectNode) Json.MAPPER.readTree(written.body());
            ObjectNode all = answer.with("UnprocessedItems");
            unprocessed.fields().forEachRemaining(table -> {
                ArrayNode list = all.withArray(table.getKey());
                list.addAll((ArrayNode) table.getValue());
            });
            return withCrc(200, answer);
        } catch (IOException | ClassCastException e) {
            return written;
        }
    }

    private EndpointResponse forward(EndpointRequest request, byte[] body) {
        HttpRequest.Builder forwarded = HttpRequest.newBuilder(database.url().resolve("/"))
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        request.headers().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name)) {
                values.forEach(value -> forwarded.header(name, value));
            }
        });
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(forwarded.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return withCrc(500, Json.NODES.objectNode().put("__type", "com.amazonaws.dynamodb.v20120810#InternalFailure")
                    .put("message", "DynamoDB Local did not answer: " + e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return withCrc(500, Json.NODES.objectNode().put("__type", "com.amazonaws.dynamodb.v20120810#InternalFailure")
                    .put("message", "interrupted while waiting for DynamoDB Local"));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        answer.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase();
            if (!values.isEmpty() && !NOT_FORWARDED.contains(lower) && !lower.equals("date") && !lower.equals("server")
                    && !lower.equals(":status")) {
                headers.put(name, values.get(0));
            }
        });
        return new EndpointResponse(answer.statusCode(), headers, answer.body());
    }

    private static EndpointResponse withCrc(int status, JsonNode json) {
        byte[] body = Json.write(json).getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(body);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-amz-json-1.0");
        headers.put("x-amz-crc32", Long.toString(crc.getValue()));
        return new EndpointResponse(status, headers, body);
    }

    @Override
    public void close() {
        try {
            database.close();
        } catch (Exception e) {
            // Shutting down: nothing more to do with a database that failed to stop.
        }
    }
}
