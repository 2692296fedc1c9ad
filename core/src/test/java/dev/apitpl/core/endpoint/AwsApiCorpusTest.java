package dev.apitpl.core.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.core.engine.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Step Functions cases of the shared AWS API corpus (requests and the replies real AWS gave, run by the corpus's
 * boto3 runner) against the endpoint. The pass count may not fall below what the endpoint achieves: all of them
 * ({@code sfn/create_delete_valid_sm} creates its function on the endpoint's Lambda API).
 */
class AwsApiCorpusTest {

    /** Step Functions cases the endpoint answers as AWS did (of 53). */
    static final int SFN_PASSING = 53;

    private static final Path CORPUS = Path.of(System.getProperty("apitpl.awsApiCorpus", "../../shared/corpus/aws-api"));

    @Test
    void stepFunctionsCasesPassAsRecordedOnAws(@TempDir Path work) throws Exception {
        assumeTrue(Files.isRegularFile(CORPUS.resolve("run.py")), "the AWS API corpus is not at " + CORPUS.toAbsolutePath()
                + " (set -Dapitpl.awsApiCorpus=DIR); skipping the corpus run");
        assumeTrue(python3Has("boto3"), "python3 with boto3 is not installed; skipping the corpus run");
        Path jar = echoHandlerJar(work);
        Path results = work.resolve("results.json");
        try (LocalEndpoint endpoint = LocalEndpoint.builder().start()) {
            Process runner = new ProcessBuilder("python3", CORPUS.resolve("run.py").toString(),
                    "--endpoint", endpoint.url().toString(), "--jar", jar.toString(), "--only", "sfn/*",
                    "--json", results.toString())
                    .redirectErrorStream(true).redirectOutput(work.resolve("runner.log").toFile()).start();
            if (!runner.waitFor(10, TimeUnit.MINUTES)) {
                runner.destroyForcibly();
                throw new AssertionError("the corpus runner did not finish in 10 minutes");
            }
        }
        JsonNode report = Json.MAPPER.readTree(results.toFile());
        List<String> failed = new ArrayList<>();
        report.get("results").forEach(result -> {
            if (!result.get("ok").asBoolean()) {
                failed.add(result.get("case").asText());
            }
        });
        int passed = report.get("passed").asInt();
        System.out.println("AWS API corpus: " + passed + "/" + (passed + failed.size()) + " Step Functions cases passed;"
                + " failing: " + failed);
        assertTrue(passed >= SFN_PASSING, passed + " cases passed, fewer than " + SFN_PASSING + "; failing: " + failed
                + "\n" + Files.readString(work.resolve("runner.log")));
        assertEquals(53, passed + failed.size(), "corpus size changed");
    }

    private static boolean python3Has(String module) {
        try {
            Process check = new ProcessBuilder("python3", "-c", "import " + module).redirectErrorStream(true).start();
            return check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The runner's Lambda code: a jar with {@code example.Handler::handleRequest} echoing its input. */
    static Path echoHandlerJar(Path work) throws IOException {
        Path source = work.resolve("src/example/Handler.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package example;\npublic class Handler {\n"
                + "    public Object handleRequest(Object input, Object context) { return input; }\n}\n");
        Path classes = Files.createDirectories(work.resolve("classes"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int status = compiler.run(null, null, null, "--release", "17", "-d", classes.toString(), source.toString());
        assertEquals(0, status, "compiling the echo handler failed");
        Path jar = work.resolve("java-echo.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("example/Handler.class"));
            try (OutputStream entry = out) {
                Files.copy(classes.resolve("example/Handler.class"), entry);
            }
        }
        return jar;
    }
}
