package dev.apitpl.runtime.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.apitpl.runtime.handler.CallLog;
import dev.apitpl.runtime.handler.GenericApiCallLambda;
import dev.apitpl.runtime.http.ApiCaller;
import dev.apitpl.runtime.http.CallLimits;
import dev.apitpl.runtime.http.DestinationGuard;
import dev.apitpl.runtime.http.HostResolver;
import dev.apitpl.runtime.secret.EnvironmentSecretResolver;
import dev.apitpl.runtime.store.DynamoDbTemplateStore;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A template written through the admin API is the one the generic Lambda then reads from the same table and sends,
 * to a real HTTP server on 127.0.0.1; and the generic Lambda never loads the admin API's classes.
 */
class GenericLambdaReadsApiWritesTest extends AdminApiFixture {

    @Test
    void theGenericLambdaCallsTheApiWithTheTemplateWrittenThroughTheAdminApi() throws Exception {
        start("2.0");
        List<String> received = new ArrayList<>();
        HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"id\": \"42\", \"name\": \"Ada\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        api.start();
        try {
            String template = GET_USER.replace("https://api.example.com", "http://127.0.0.1:" + api.getAddress().getPort())
                    .replace("\"description\"", "\"allowedDestinations\": [\"127.0.0.1\"], \"description\"");
            HttpResponse<String> created = putJson("/templates/getUser/GET", template);
            assertEquals(201, created.statusCode(), created.body());

            GenericApiCallLambda lambda = new GenericApiCallLambda(
                    new DynamoDbTemplateStore(dynamo, table, Duration.ZERO, Clock.systemUTC()),
                    new ApiCaller(new DestinationGuard(List.of()), HostResolver.system(), CallLimits.DEFAULTS),
                    new EnvironmentSecretResolver(Map.of("APITPL_SECRET_API_TOKEN", "t0ken")),
                    Clock.systemUTC(), new CallLog(line -> { }), GenericApiCallLambda.DEFAULT_MAX_RESULT_BYTES);
            Map<String, Object> result = lambda.handleRequest(
                    Map.of("templateName", "getUser", "method", "GET", "params", Map.of("userId", "42")), null);

            assertEquals(200, result.get("statusCode"));
            assertEquals(Map.of("id", "42", "name", "Ada"), result.get("body"));
            assertEquals(List.of("GET /users/42 Bearer t0ken"), received);
        } finally {
            api.stop(0);
        }
    }

    @Test
    void theGenericLambdaLoadsNoAdminClass() throws Exception {
        ProcessBuilder jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-verbose:class", "-cp", System.getProperty("java.class.path"),
                "dev.apitpl.runtime.handler.HandlerInAFreshJvm").redirectErrorStream(true);
        Process process = jvm.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertTrue(output.contains(GenericApiCallLambda.class.getName()), "the class log covers the handler");
        assertFalse(output.contains(AdminApi.class.getPackageName() + "."),
                "admin classes loaded by the generic Lambda: " + output.lines()
                        .filter(line -> line.contains(AdminApi.class.getPackageName())).toList());
    }
}
