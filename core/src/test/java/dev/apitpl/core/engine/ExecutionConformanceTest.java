package dev.apitpl.core.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs every case of the AWS-recorded execution corpus and compares status, output (structurally, numbers by value)
 * and error exactly; prints "N/821 passed" and a short diff per failing case. The floor below is what the engine
 * reaches today, so any regression fails the build.
 */
class ExecutionConformanceTest {

    private static final Path CORPUS = Path.of("../../shared/corpus/executions");
    private static final int PASS_FLOOR = 821;
    /** localstack-snapshot's ISO-8601 replacement, applied to the serialised actual output for normalised cases. */
    private static final Pattern ISO8601 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(?:Z|[+-]\\d{2}:?(?:\\d{2})?)");

    /** Cause texts are a secondary check: reported, not failed. */
    private static final List<String> CAUSE_MISMATCHES = java.util.Collections.synchronizedList(new ArrayList<>());

    @Test
    void reproducesTheRecordedAwsResults() throws Exception {
        assumeTrue(Files.isDirectory(CORPUS), "execution corpus not found at " + CORPUS.toAbsolutePath());
        List<Path> cases;
        try (Stream<Path> list = Files.list(CORPUS)) {
            cases = list.filter(p -> Files.isRegularFile(p.resolve("definition.json"))).sorted().toList();
        }
        LocalEngine engine = LocalEngine.builder().sleeper(Sleeper.NONE).build();
        Map<String, String> failures = new TreeMap<>();
        ExecutorService runner = Executors.newSingleThreadExecutor();
        long started = System.nanoTime();
        try {
            for (Path dir : cases) {
                String name = dir.getFileName().toString();
                Future<String> verdict = runner.submit(() -> check(engine, dir));
                String problem;
                try {
                    problem = verdict.get(10, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    verdict.cancel(true);
                    problem = "did not finish within 10 s";
                } catch (java.util.concurrent.ExecutionException e) {
                    problem = "threw " + e.getCause();
                }
                if (problem != null) {
                    failures.put(name, problem);
                }
            }
        } finally {
            runner.shutdownNow();
        }
        int passed = cases.size() - failures.size();
        StringBuilder report = new StringBuilder();
        failures.forEach((name, problem) -> report.append("  FAIL ").append(name).append(": ").append(problem).append('\n'));
        CAUSE_MISMATCHES.forEach(line -> report.append("  CAUSE ").append(line).append('\n'));
        System.out.print(report);
        System.out.printf("Cause texts differing from AWS (secondary check): %d%n", CAUSE_MISMATCHES.size());
        System.out.printf("Execution conformance: %d/%d passed in %d ms%n", passed, cases.size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        assertTrue(passed >= PASS_FLOOR, "conformance regressed: " + passed + "/" + cases.size()
                + " passed, floor is " + PASS_FLOOR);
    }

    private static String check(LocalEngine engine, Path dir) throws IOException {
        JsonNode expected = Json.parse(Files.readString(dir.resolve("expected.json")));
        StateMachine machine;
        try {
            machine = StateMachine.parse(Files.readString(dir.resolve("definition.json")));
        } catch (DefinitionException e) {
            return "definition rejected: " + e.getMessage();
        }
        JsonNode input = Json.parse(Files.readString(dir.resolve("input.json")));
        ExecutionOptions options = ExecutionOptions.defaults().withExecutionName(dir.getFileName().toString())
                .withRecordHistory(false);
        ExecutionResult result = engine.execute(machine, input, options);
        String status = expected.get("status").asText();
        if (!status.equals(result.status().name())) {
            return "status " + result.status() + " (expected " + status + ")"
                    + (result.error() != null ? " error=" + result.error() + " cause=" + shorten(result.cause()) : "")
                    + (result.output() != null ? " output=" + shorten(Json.write(result.output())) : "");
        }
        if (status.equals("SUCCEEDED")) {
            JsonNode actual = result.output();
            if (expected.path("normalize").toString().contains("iso8601->date")) {
                actual = Json.parse(ISO8601.matcher(Json.write(actual)).replaceAll("date"));
            }
            String diff = difference("$", expected.get("output"), actual);
            return diff;
        }
        String expectedError = expected.get("error").isNull() ? null : expected.get("error").asText();
        if (expectedError != null && !expectedError.equals(result.error())) {
            return "error " + result.error() + " (expected " + expectedError + "), cause " + shorten(result.cause());
        }
        JsonNode expectedCause = expected.get("cause");
        boolean redacted = expected.path("causeRedacted").asBoolean(false);
        if (expectedCause != null && !expectedCause.isNull() && !redacted
                && !expectedCause.asText().equals(result.cause() == null ? "" : result.cause())) {
            CAUSE_MISMATCHES.add(dir.getFileName() + ": cause '" + shorten(result.cause()) + "' (AWS: '"
                    + shorten(expectedCause.asText()) + "')");
        }
        return null;
    }

    /** First structural difference, or null; numbers compare by value, key order is ignored. */
    static String difference(String at, JsonNode expected, JsonNode actual) {
        if (expected == null || actual == null) {
            return expected == actual ? null : at + ": expected " + shorten(String.valueOf(expected)) + " but was "
                    + shorten(String.valueOf(actual));
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0 ? null
                    : at + ": expected " + expected + " but was " + actual;
        }
        if (expected.getNodeType() != actual.getNodeType()) {
            return at + ": expected " + shorten(Json.write(expected)) + " but was " + shorten(Json.write(actual));
        }
        if (expected.isObject()) {
            List<String> keys = new ArrayList<>();
            expected.fieldNames().forEachRemaining(keys::add);
            for (Iterator<String> it = actual.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!expected.has(key)) {
                    return at + ": unexpected member '" + key + "'";
                }
            }
            for (String key : keys) {
                String diff = difference(at + "." + key, expected.get(key), actual.get(key));
                if (diff != null) {
                    return diff;
                }
            }
            return null;
        }
        if (expected.isArray()) {
            if (expected.size() != actual.size()) {
                return at + ": expected " + expected.size() + " items but was " + actual.size() + " "
                        + shorten(Json.write(actual));
            }
            for (int i = 0; i < expected.size(); i++) {
                String diff = difference(at + "[" + i + "]", expected.get(i), actual.get(i));
                if (diff != null) {
                    return diff;
                }
            }
            return null;
        }
        return expected.equals(actual) ? null
                : at + ": expected " + shorten(Json.write(expected)) + " but was " + shorten(Json.write(actual));
    }

    private static String shorten(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
