package dev.apitpl.core.endpoint.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.core.endpoint.LocalEndpoint;
import dev.apitpl.runtime.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Lambda cases of the AWS-recorded API corpus ({@code ../shared/corpus/aws-api}, run by its own boto3 runner)
 * against the local endpoint (which answers STS with its account id, as the runner asks). Skips where the corpus, python3 or boto3 is missing.
 */
class LambdaCorpusTest {

    /** Lambda cases that pass; docs/local-endpoint.md states the same count. */
    static final int EXPECTED_PASSES = 31;

    @TempDir
    Path scratch;

    @Test
    void lambdaCasesOfTheAwsRecordedCorpusPass() throws Exception {
        Path corpus = corpus();
        assumeTrue(corpus != null, "the AWS API corpus (../shared/corpus/aws-api) is not here; set -Dapitpl.corpus.dir to run it");
        assumeTrue(python("import boto3"), "python3 with boto3 is needed to run the corpus runner");
        Path jar = Files.write(scratch.resolve("echo.jar"), TestFunctions.jar(scratch.resolve("build")));
        Path out = scratch.resolve("results.json");
        try (LocalEndpoint endpoint = LocalEndpoint.builder().port(0).log(line -> { }).start()) {
            List<String> command = new ArrayList<>(List.of("python3", corpus.resolve("run.py").toString(), "--endpoint",
                    endpoint.url().toString(), "--jar", jar.toString(), "--only", "lambda/*", "--json", out.toString()));
            Process run = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(scratch.resolve("run.log").toFile()).start();
            assumeTrue(run.waitFor(10, TimeUnit.MINUTES), "the corpus runner did not finish in 10 minutes");
        }
        String log = Files.readString(scratch.resolve("run.log"));
        System.out.println(log);
        JsonNode results = Json.mapper().readTree(out.toFile());
        assertEquals(EXPECTED_PASSES, results.get("passed").asInt(), log);
    }

    static Path corpus() {
        String configured = System.getProperty("apitpl.corpus.dir");
        Path dir = configured != null ? Paths.get(configured) : Paths.get("..", "..", "shared", "corpus", "aws-api").toAbsolutePath().normalize();
        return Files.isRegularFile(dir.resolve("run.py")) ? dir : null;
    }

    static boolean python(String code) {
        try {
            Process p = new ProcessBuilder("python3", "-c", code).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
