package dev.apitpl.core.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ExecutionTraceTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void shortValuesAreShownWhole() throws Exception {
        String json = "{\"a\":1,\"b\":{\"c\":\"d\"}}";
        assertEquals(json, ExecutionTrace.shorten(mapper.readTree(json)));
    }

    @Test
    void longObjectsAreOutlinedByTheirTopLevelFields() {
        ObjectNode output = mapper.createObjectNode();
        output.put("templateName", "search-products");
        output.putObject("template").put("body", "x".repeat(2_000));
        output.putArray("items").add(1).add(2).add(3);
        output.put("note", "y".repeat(100));
        String full = output.toString();

        String shown = ExecutionTrace.shorten(output);

        assertEquals("{\"templateName\":\"search-products\",\"template\":{...},\"items\":[3 items],\"note\":\""
                + "y".repeat(59) + "...} (" + full.length() + " chars)", shown);
    }

    @Test
    void longTextIsCutWithItsLength() {
        String text = "z".repeat(1_000);
        String shown = ExecutionTrace.shorten(text);
        assertTrue(shown.startsWith("z".repeat(400) + "... "), shown);
        assertTrue(shown.endsWith("(1000 chars)"), shown);
    }
}
