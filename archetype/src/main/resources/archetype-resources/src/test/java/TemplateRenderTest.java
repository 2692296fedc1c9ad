package ${package};

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apitpl.runtime.render.RenderedRequest;
import dev.apitpl.runtime.render.TemplateRenderer;
import dev.apitpl.runtime.secret.SecretResolver;
import dev.apitpl.runtime.template.ApiTemplate;
import dev.apitpl.runtime.template.TemplateCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each template, rendered by the same renderer the Lambda uses and sent to {@link DemoApi} on 127.0.0.1:
 * what the API receives is what the template says. No AWS and no network beyond loopback.
 */
class TemplateRenderTest {

    private static final String ORDERS_TOKEN = "test-orders-token";
    private static final SecretResolver SECRETS =
            name -> name.equals("ORDERS_API_TOKEN") ? Optional.of(ORDERS_TOKEN) : Optional.empty();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TemplateRenderer renderer = new TemplateRenderer();
    private final HttpClient http = HttpClient.newHttpClient();
    private DemoApi api;

    @BeforeEach
    void startApi() throws IOException {
        api = DemoApi.start(0, ORDERS_TOKEN);
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    @Test
    void searchProductsSendsTheQueryParameters() throws Exception {
        RenderedRequest request = render("search-products.json",
                Map.of("apiBaseUrl", api.baseUrl(), "query", "desk lamp", "limit", 3));

        HttpResponse<String> response = send(request);

        assertEquals(200, response.statusCode());
        DemoApi.Received received = api.received().get(0);
        assertEquals("GET", received.method());
        assertEquals("/products", received.path());
        assertEquals(Map.of("q", "desk lamp", "limit", "3"), received.query());
        assertEquals("desk lamp", JSON.readTree(response.body()).at("/products/0/name").asText());
    }

    @Test
    void searchProductsPagesByTenWhenNoLimitIsGiven() throws Exception {
        send(render("search-products.json", Map.of("apiBaseUrl", api.baseUrl(), "query", "lamp")));

        assertEquals("10", api.received().get(0).query().get("limit"));
    }

    @Test
    void createOrderPostsJsonWithTheTokenFromTheSecret() throws Exception {
        RenderedRequest request = render("create-order.json",
                Map.of("apiBaseUrl", api.baseUrl(), "customerId", "C1001", "sku", "SKU-1", "quantity", 2));

        HttpResponse<String> response = send(request);

        assertEquals(201, response.statusCode());
        DemoApi.Received received = api.received().get(0);
        assertEquals("Bearer " + ORDERS_TOKEN, received.headers().get("authorization"));
        JsonNode body = JSON.readTree(received.body());
        assertEquals("C1001", body.get("customerId").asText());
        assertEquals("SKU-1", body.get("sku").asText());
        assertTrue(body.get("quantity").isIntegralNumber(), "quantity stays a JSON number: " + body);
        assertEquals(2, body.get("quantity").asInt());
        // The rendered request can be logged: the secret is not in its text.
        assertFalse(request.toString().contains(ORDERS_TOKEN));
    }

    @Test
    void everyTemplateFileIsAValidTemplate() throws IOException {
        try (var files = Files.list(Path.of("src/main/templates"))) {
            var names = files.filter(file -> file.toString().endsWith(".json"))
                    .map(file -> TemplateCodec.fromJson(read(file)).name())
                    .sorted().toList();
            assertTrue(names.containsAll(java.util.List.of("create-order", "search-products")), names.toString());
        }
    }

    private RenderedRequest render(String templateFile, Map<String, Object> params) {
        ApiTemplate template = TemplateCodec.fromJson(read(Path.of("src/main/templates", templateFile)));
        return renderer.render(template, JSON.valueToTree(params), SECRETS);
    }

    private HttpResponse<String> send(RenderedRequest request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).method(request.method(),
                request.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(request.body()));
        request.headers().forEach(builder::header);
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
