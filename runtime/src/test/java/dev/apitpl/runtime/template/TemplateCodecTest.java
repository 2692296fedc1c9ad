package dev.apitpl.runtime.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.runtime.error.InvalidTemplateException;
import dev.apitpl.runtime.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class TemplateCodecTest {

    static List<Path> validFiles() {
        return TemplateFiles.valid();
    }

    @Test
    void aTemplateFileReadsIntoTheModelWithOrderedHeadersAndQuery() {
        ApiTemplate template = TemplateCodec.fromJson(TemplateFiles.read(TemplateFiles.ROOT.resolve("valid/get-user.json")));

        assertEquals("getUser", template.name());
        assertEquals("GET", template.method());
        assertEquals("https://api.example.com/users/{{ userId }}", template.url());
        assertEquals(List.of("Accept", "Authorization"), List.copyOf(template.headers().keySet()));
        assertEquals(List.of("fields", "lang"), List.copyOf(template.query().keySet()));
        assertNull(template.body());
        assertNull(template.timeout());
        assertFalse(template.followRedirects());
        assertEquals(List.of(), template.allowedDestinations());
    }

    @Test
    void aJsonBodyKeepsItsExactNumbersAndATextBodyStaysText() {
        ApiTemplate order = TemplateCodec.fromJson(TemplateFiles.read(TemplateFiles.ROOT.resolve("valid/create-order.json")));
        assertEquals("1.50", order.body().get("rate").decimalValue().toString());
        assertEquals(Duration.ofSeconds(5), order.timeout());

        ApiTemplate note = TemplateCodec.fromJson(TemplateFiles.read(TemplateFiles.ROOT.resolve("valid/upload-note.json")));
        assertTrue(note.body().isTextual());
        assertEquals(Duration.ofMillis(2500), note.timeout());
        assertTrue(note.followRedirects());
    }

    @ParameterizedTest
    @MethodSource("validFiles")
    void everyStoredFormReadsBackToTheSameTemplate(Path file) {
        ApiTemplate template = TemplateCodec.fromJson(TemplateFiles.read(file));

        assertEquals(template, TemplateCodec.fromJson(TemplateCodec.toJson(template)), "file form");
        assertEquals(template, TemplateCodec.fromAttributeValues(TemplateCodec.toAttributeValues(template)), "SDK item");
        assertEquals(template, TemplateCodec.fromDynamoJson(TemplateCodec.toDynamoJson(template)), "DynamoDB JSON");
    }

    @Test
    void anItemStoresNameAndMethodAsPkAndSkAndAJsonBodyAsAMap() {
        ApiTemplate order = TemplateCodec.fromJson(TemplateFiles.read(TemplateFiles.ROOT.resolve("valid/create-order.json")));
        Map<String, AttributeValue> item = TemplateCodec.toAttributeValues(order);

        assertEquals(List.of("PK", "SK", "url", "headers", "body", "parameters", "timeout", "allowedDestinations"),
                List.copyOf(item.keySet()));
        assertEquals("createOrder", item.get("PK").s());
        assertEquals("POST", item.get("SK").s());
        assertEquals(Map.of("PK", item.get("PK"), "SK", item.get("SK")), TemplateCodec.key("createOrder", "POST"));
        assertEquals(AttributeValue.Type.M, item.get("body").type());
        assertEquals("1.50", item.get("body").m().get("rate").n());
        assertEquals("PT5S", item.get("timeout").s());
        assertEquals(AttributeValue.Type.M, item.get("headers").type());
    }

    @Test
    void aStringBodyInAnItemIsATextTemplateEvenWhenItLooksLikeJson() {
        Map<String, AttributeValue> item = Map.of(
                "PK", AttributeValue.fromS("raw"),
                "SK", AttributeValue.fromS("POST"),
                "url", AttributeValue.fromS("https://api.example.com"),
                "body", AttributeValue.fromS("{\"id\": \"{{ id }}\"}"));

        JsonNode body = TemplateCodec.fromAttributeValues(item).body();

        assertTrue(body.isTextual());
        assertEquals("{\"id\": \"{{ id }}\"}", body.textValue());
    }

    @Test
    void stepFunctionsGetItemOutputIsRead() throws Exception {
        JsonNode item = Json.parse("""
                {"PK": {"S": "getUser"}, "SK": {"S": "GET"},
                 "url": {"S": "https://api.example.com/users/{{ id }}"},
                 "headers": {"M": {"Accept": {"S": "application/json"}}},
                 "timeout": {"N": "3"},
                 "allowedDestinations": {"SS": ["10.1.0.0/16"]},
                 "followRedirects": {"BOOL": true}}""");

        ApiTemplate template = TemplateCodec.fromDynamoJson(item);

        assertEquals(Map.of("Accept", "application/json"), template.headers());
        assertEquals(Duration.ofSeconds(3), template.timeout());
        assertEquals(List.of("10.1.0.0/16"), template.allowedDestinations());
        assertTrue(template.followRedirects());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "lower-case-method.json       | template 'getUser': field 'method' must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS; got 'get' (write it upper-case: 'GET')",
        "unknown-field.json           | template 'getUser': field 'header' is not a template field (did you mean 'headers'?)",
        "header-number-value.json     | template 'getUser': field 'headers.X-Retry' must be a string template; got number (write it as \"3\")",
        "missing-url.json             | template 'getUser': field 'url' is required",
        "timeout-words.json           | template 'getUser': field 'timeout' must be an ISO-8601 duration such as \"PT10S\"",
        "body-number.json             | template 'getUser': field 'body' must be a string template, a JSON object or a JSON array; got number",
        "destination-with-scheme.json | template 'getUser': field 'allowedDestinations[0]' must be a host name",
        "destination-with-port.json   | template 'getUser': field 'allowedDestinations[0]' must be a host name (api.internal.example), a *.domain wildcard",
        "host-header.json             | template 'getUser': field 'headers.Host' is set by the HTTP client itself",
        "name-with-space.json         | template 'get user': field 'name' must start with a letter or digit",
        "followRedirects-string.json  | template 'getUser': field 'followRedirects' must be true or false; got string",
    })
    void eachInvalidFileGetsItsOwnPreciseMessage(String file, String expectedStart) {
        InvalidTemplateException error = assertThrows(InvalidTemplateException.class,
                () -> TemplateCodec.fromJson(TemplateFiles.read(TemplateFiles.ROOT.resolve("invalid").resolve(file))));

        assertTrue(error.getMessage().startsWith(expectedStart), () -> "message was: " + error.getMessage());
    }

    @Test
    void everyInvalidSampleHasAnExpectedMessage() {
        assertEquals(11, TemplateFiles.invalid().size(), "add the new sample to eachInvalidFileGetsItsOwnPreciseMessage");
    }

    @ParameterizedTest
    @ValueSource(strings = {"api.internal.example", "*.corp.example", "*.localhost", "ledger_v2.internal", "localhost",
        "10.0.0.5", "10.0.0.0/8", "0.0.0.0/0", "::1", "::", "fd00::/8", "fe80::/10", "2001:db8::1/128",
        "1:2:3:4:5:6:7:8", "::ffff:10.0.0.1", "64:ff9b::10.0.0.1", "1:2:3:4:5:6:10.0.0.1"})
    void allowedDestinationsTakeHostsWildcardsAddressesAndCidrs(String entry) {
        ApiTemplate template = ApiTemplate.builder("t", "GET", "https://x.example/").allowedDestinations(List.of(entry)).build();

        assertEquals(List.of(entry), template.allowedDestinations());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1:80", "api.internal.example:8443", "[::1]", "[::1]:443", "https://10.0.0.1",
        "api.internal.example/v1", "*", "*.", "*.*.corp.example", "corp.*.example", "a..b", "-a.example", "a-.example",
        "10.0.0.0/33", "fd00::/129", "1:::2", "1::2::3", "1:2:3:4:5:6:7:8:9", "fe80::1%eth0", "10.0.0.1/", "api example"})
    void allowedDestinationsRefuseAPortABracketOrAnythingElse(String entry) {
        InvalidTemplateException error = assertThrows(InvalidTemplateException.class,
                () -> ApiTemplate.builder("t", "GET", "https://x.example/").allowedDestinations(List.of(entry)).build());

        assertTrue(error.getMessage().startsWith("template 't': field 'allowedDestinations[0]' must be"), error.getMessage());
        assertTrue(error.getMessage().contains("without scheme, port or brackets"), error.getMessage());
    }

    @Test
    void malformedJsonIsReportedWithLineAndColumn() {
        InvalidTemplateException error = assertThrows(InvalidTemplateException.class,
                () -> TemplateCodec.fromJson("{\n  \"name\": \"x\",\n  \"method\" \"GET\"\n}"));

        assertTrue(error.getMessage().startsWith("template definition: is not valid JSON at line 3, column 12"),
                error.getMessage());
        assertNull(error.field());
    }

    @Test
    void badDynamoJsonNamesTheAttributePathAndTheTypeKeys() throws Exception {
        JsonNode item = Json.parse("""
                {"PK": {"S": "getUser"}, "SK": {"S": "GET"}, "url": {"S": "https://x.example"},
                 "headers": {"M": {"Accept": {"STRING": "text/plain"}}}}""");

        InvalidTemplateException error = assertThrows(InvalidTemplateException.class, () -> TemplateCodec.fromDynamoJson(item));

        assertEquals("template 'getUser': field 'headers.M.Accept' is not valid DynamoDB JSON: unknown DynamoDB type key "
                + "'STRING'; use one of S, N, B, BOOL, NULL, M, L, SS, NS, BS", error.getMessage());
    }

    @Test
    void anItemWithNameOrMethodAttributesIsToldAboutTheKeys() throws Exception {
        JsonNode item = Json.parse("{\"PK\": {\"S\": \"getUser\"}, \"SK\": {\"S\": \"GET\"}, "
                + "\"method\": {\"S\": \"GET\"}, \"url\": {\"S\": \"https://x.example\"}}");

        InvalidTemplateException error = assertThrows(InvalidTemplateException.class, () -> TemplateCodec.fromDynamoJson(item));

        assertEquals("template 'getUser': field 'method' is not an item attribute: in DynamoDB the template's name is the "
                + "partition key PK and its method the sort key SK; remove 'method'", error.getMessage());
    }

    @Test
    void anItemWithoutSortKeyNamesTheMissingMethod() throws Exception {
        InvalidTemplateException error = assertThrows(InvalidTemplateException.class, () -> TemplateCodec.fromDynamoJson(
                Json.parse("{\"PK\": {\"S\": \"getUser\"}, \"url\": {\"S\": \"https://x.example\"}}")));

        assertEquals("method", error.field());
    }

    @Test
    void aMissingItemSaysTheTemplateWasNotFound() {
        InvalidTemplateException error = assertThrows(InvalidTemplateException.class,
                () -> TemplateCodec.fromDynamoJson(null));
        assertTrue(error.getMessage().contains("was not found"), error.getMessage());
    }
}
