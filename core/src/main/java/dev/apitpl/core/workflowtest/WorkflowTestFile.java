package dev.apitpl.core.workflowtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.core.engine.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a workflow test file: a Step Functions Local mock configuration ({@code StateMachines} →
 * {@code TestCases} → state name → mocked response name; {@code MockedResponses} → {@code "0"} or
 * {@code "1-2"} → {@code Return} or {@code Throw}) with an optional {@code Expectations} section
 * (state machine → test case → {@code Input}, {@code Status}, {@code Output}, {@code OutputMatch},
 * {@code Error}, {@code Cause}, {@code Path}). The same file therefore still works with Step
 * Functions Local, which ignores what it does not know.
 */
public final class WorkflowTestFile {

    private static final Pattern RANGE = Pattern.compile("^(\\d+)(?:-(\\d+))?$");
    private static final Set<String> STATUSES = Set.of("SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED");
    private static final Set<String> EXPECTATION_FIELDS = Set.of("Input", "Status", "Output", "OutputMatch", "Error",
            "Cause", "Path");

    private final String file;

    private WorkflowTestFile(String file) {
        this.file = file;
    }

    /** Every test case of {@code path}, in file order. */
    public static List<WorkflowTestCase> read(Path path) throws WorkflowTestFileException {
        JsonNode root;
        try {
            root = Json.read(Files.readString(path)); // exact decimals: a mocked 1.10 stays 1.10
        } catch (JsonProcessingException e) {
            throw new WorkflowTestFileException(path + ":" + e.getLocation().getLineNr() + ":"
                    + e.getLocation().getColumnNr() + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new WorkflowTestFileException(path + ": cannot be read: " + e, e);
        }
        return new WorkflowTestFile(path.toString()).cases(root);
    }

    private List<WorkflowTestCase> cases(JsonNode root) throws WorkflowTestFileException {
        object(root, "the top level");
        Map<String, MockedResponse> responses = new LinkedHashMap<>();
        JsonNode mocked = root.path("MockedResponses");
        if (!mocked.isMissingNode()) {
            object(mocked, "MockedResponses");
            for (Iterator<Map.Entry<String, JsonNode>> it = mocked.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                responses.put(entry.getKey(), response(entry.getKey(), entry.getValue()));
            }
        }
        JsonNode machines = root.get("StateMachines");
        if (machines == null) {
            throw problem("has no StateMachines: add {\"StateMachines\": {\"<name>\": {\"TestCases\": {...}}}}");
        }
        object(machines, "StateMachines");
        JsonNode expectations = root.path("Expectations");
        List<WorkflowTestCase> cases = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = machines.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> machine = it.next();
            String where = "StateMachines." + machine.getKey() + ".TestCases";
            JsonNode testCases = machine.getValue().get("TestCases");
            if (testCases == null) {
                throw problem(where + " is missing");
            }
            object(testCases, where);
            for (Iterator<Map.Entry<String, JsonNode>> c = testCases.fields(); c.hasNext(); ) {
                Map.Entry<String, JsonNode> testCase = c.next();
                String caseWhere = where + "." + testCase.getKey();
                object(testCase.getValue(), caseWhere);
                Map<String, MockedResponse> mocks = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> s = testCase.getValue().fields(); s.hasNext(); ) {
                    Map.Entry<String, JsonNode> state = s.next();
                    MockedResponse response = responses.get(state.getValue().asText());
                    if (!state.getValue().isTextual() || response == null) {
                        throw problem(caseWhere + "." + state.getKey() + " names mocked response " + state.getValue()
                                + ", which is not defined; defined: " + responses.keySet());
                    }
                    mocks.put(state.getKey(), response);
                }
                JsonNode expected = expectations.path(machine.getKey()).path(testCase.getKey());
                cases.add(new WorkflowTestCase(machine.getKey(), testCase.getKey(), mocks,
                        expectation("Expectations." + machine.getKey() + "." + testCase.getKey(), expected)));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = expectations.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> machine = it.next();
            for (Iterator<String> names = machine.getValue().fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (machines.path(machine.getKey()).path("TestCases").path(name).isMissingNode()) {
                    throw problem("Expectations." + machine.getKey() + "." + name + " has no test case under "
                            + "StateMachines." + machine.getKey() + ".TestCases; add one (it may be {} to mock nothing)");
                }
            }
        }
        return cases;
    }

    private MockedResponse response(String name, JsonNode node) throws WorkflowTestFileException {
        String where = "MockedResponses." + name;
        object(node, where);
        List<MockedResponse.Answer> answers = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String at = where + ".\"" + entry.getKey() + "\"";
            Matcher range = RANGE.matcher(entry.getKey());
            if (!range.matches()) {
                throw problem(at + ": keys are invocation numbers such as \"0\" or ranges such as \"1-2\"");
            }
            int first = Integer.parseInt(range.group(1));
            int last = range.group(2) == null ? first : Integer.parseInt(range.group(2));
            if (last < first) {
                throw problem(at + ": the range ends before it starts");
            }
            JsonNode answer = entry.getValue();
            boolean returns = answer.has("Return");
            boolean throwsError = answer.has("Throw");
            if (returns == throwsError || answer.size() != 1) {
                throw problem(at + " needs exactly one of {\"Return\": <result>} or "
                        + "{\"Throw\": {\"Error\": \"...\", \"Cause\": \"...\"}}");
            }
            if (returns) {
                answers.add(new MockedResponse.Answer(first, last, answer.get("Return"), null, null));
            } else {
                JsonNode thrown = answer.get("Throw");
                if (!thrown.path("Error").isTextual()) {
                    throw problem(at + ".Throw needs an Error name, e.g. \"Lambda.ServiceException\"");
                }
                answers.add(new MockedResponse.Answer(first, last, null, thrown.get("Error").asText(),
                        thrown.path("Cause").isMissingNode() ? null : thrown.get("Cause").asText()));
            }
        }
        return new MockedResponse(name, answers);
    }

    private Expectation expectation(String where, JsonNode node) throws WorkflowTestFileException {
        if (node.isMissingNode()) {
            return new Expectation(Json.NODES.objectNode(), "SUCCEEDED", null, false, null, null, null);
        }
        object(node, where);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!EXPECTATION_FIELDS.contains(name)) {
                throw problem(where + "." + name + " is not an expectation; use "
                        + EXPECTATION_FIELDS.stream().sorted().toList());
            }
        }
        String status = node.path("Status").asText(node.has("Error") ? "FAILED" : "SUCCEEDED");
        if (!STATUSES.contains(status)) {
            throw problem(where + ".Status is '" + status + "'; use one of " + STATUSES.stream().sorted().toList());
        }
        String match = node.path("OutputMatch").asText("SUBSET");
        if (!match.equals("SUBSET") && !match.equals("EXACT")) {
            throw problem(where + ".OutputMatch is '" + match + "'; use SUBSET or EXACT");
        }
        List<String> path = null;
        if (node.has("Path")) {
            if (!node.get("Path").isArray()) {
                throw problem(where + ".Path must be an array of state names");
            }
            path = new ArrayList<>();
            for (JsonNode state : node.get("Path")) {
                path.add(state.asText());
            }
        }
        return new Expectation(node.has("Input") ? node.get("Input") : Json.NODES.objectNode(), status,
                node.get("Output"), match.equals("EXACT"), text(node, "Error"), text(node, "Cause"), path);
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private void object(JsonNode node, String where) throws WorkflowTestFileException {
        if (!node.isObject()) {
            throw problem(where + " must be a JSON object, got " + node.getNodeType().toString().toLowerCase());
        }
    }

    private WorkflowTestFileException problem(String message) {
        return new WorkflowTestFileException(file + ": " + message);
    }
}
