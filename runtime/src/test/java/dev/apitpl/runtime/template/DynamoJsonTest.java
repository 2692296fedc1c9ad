package dev.apitpl.runtime.template;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.runtime.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoJsonTest {

    private static final String EVERY_TYPE = """
            {"s": {"S": "text"}, "n": {"N": "1.50"}, "big": {"N": "123456789012345678901234567890"},
             "yes": {"BOOL": true}, "nothing": {"NULL": true}, "bin": {"B": "AAEC"},
             "m": {"M": {"inner": {"L": [{"N": "-7"}, {"S": ""}]}}},
             "ss": {"SS": ["a", "b"]}, "ns": {"NS": ["1", "2.0"]}, "bs": {"BS": ["AQ=="]}}""";

    @Test
    void dynamoJsonSurvivesTheSdkModelUnchanged() throws Exception {
        JsonNode typed = Json.parse(EVERY_TYPE);

        Map<String, AttributeValue> item = DynamoJson.itemFromDynamoJson(typed);

        assertEquals(typed, DynamoJson.itemToDynamoJson(item));
        assertEquals(List.of("s", "n", "big", "yes", "nothing", "bin", "m", "ss", "ns", "bs"), List.copyOf(item.keySet()));
        assertArrayEquals(new byte[] {0, 1, 2}, item.get("bin").b().asByteArray());
    }

    @Test
    void plainJsonHasExactNumbersAndSetsAsArrays() throws Exception {
        JsonNode plain = DynamoJson.dynamoJsonItemToPlain(Json.parse(EVERY_TYPE));

        assertEquals("1.50", Json.write(plain.get("n")));
        assertEquals("123456789012345678901234567890", Json.write(plain.get("big")));
        assertEquals("{\"inner\":[-7,\"\"]}", Json.write(plain.get("m")));
        assertEquals("[1,2.0]", Json.write(plain.get("ns")));
        assertEquals("[\"a\",\"b\"]", Json.write(plain.get("ss")));
        assertEquals("\"AAEC\"", Json.write(plain.get("bin")));
        assertEquals("null", Json.write(plain.get("nothing")));
    }

    @Test
    void plainNumbersAreTheSameNodesAParserMakes() throws Exception {
        JsonNode parsed = Json.parse("{\"i\": 7, \"l\": 12345678901, \"d\": 0.10, \"b\": 123456789012345678901234567890}");

        JsonNode roundTripped = DynamoJson.itemToPlain(DynamoJson.itemFromPlain(parsed));

        assertEquals(parsed, roundTripped);
    }

    @Test
    void plainJsonMapsToMapsListsAndScalars() throws Exception {
        AttributeValue value = DynamoJson.fromPlain(Json.parse("{\"a\": [1, \"x\", null, false]}"));

        assertEquals(AttributeValue.fromM(Map.of("a", AttributeValue.fromL(List.of(AttributeValue.fromN("1"),
                AttributeValue.fromS("x"), AttributeValue.fromNul(true), AttributeValue.fromBool(false))))), value);
        assertEquals(AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {9})),
                DynamoJson.fromPlain(Json.nodes().binaryNode(new byte[] {9})));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"S\": 1}                          | S: must be a string; got 1",
        "{\"N\": 1}                          | N: must be a string holding a number, e.g. {\"N\": \"42\"}; got 1",
        "{\"N\": \"one\"}                    | N: 'one' is not a number",
        "{\"S\": \"a\", \"N\": \"1\"}        | (top level): a DynamoDB JSON value must have exactly one type key (S, N, B, BOOL, NULL, M, L, SS, NS, BS); found S, N",
        "{\"NULL\": false}                   | NULL: must be true ({\"NULL\": true}); got false",
        "{\"M\": {\"a\": {\"L\": [{\"X\": 1}]}}} | M.a.L[0]: unknown DynamoDB type key 'X'; use one of S, N, B, BOOL, NULL, M, L, SS, NS, BS",
        "{\"B\": \"!!\"}                     | B: is not valid base64: Illegal base64 character 21",
        "\"text\"                            | (top level): a DynamoDB JSON value must be an object with one type key, e.g. {\"S\": \"text\"}; got \"text\"",
    })
    void badDynamoJsonIsNamedByPath(String json, String expected) throws Exception {
        JsonNode typed = Json.parse(json);

        InvalidDynamoJsonException error = assertThrows(InvalidDynamoJsonException.class, () -> DynamoJson.fromDynamoJson(typed));

        assertEquals(expected, error.getMessage());
    }
}
