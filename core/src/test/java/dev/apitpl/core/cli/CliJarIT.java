package dev.apitpl.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shaded command-line jar, run as a user runs it: {@code java -jar apitpl-core-VERSION-cli.jar validate ...}. */
class CliJarIT {

    private static Path cliJar() throws IOException {
        try (Stream<Path> jars = Files.list(Path.of("target"))) {
            return jars.filter(jar -> jar.getFileName().toString().endsWith("-cli.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no *-cli.jar in target/: the package phase builds it"));
        }
    }

    private static Process run(String... args) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-jar", cliJar().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the cli jar did not finish");
        return process;
    }

    @Test
    void theJarValidatesAProjectAndExitsWithTheProblemStatus() throws Exception {
        Process process = run("validate", "--tolerant", ValidateCommandTest.PROJECT);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, process.exitValue(), output);
        assertTrue(output.contains("error XREF-TEMPLATE-MISSING"), output);
        assertTrue(output.strip().endsWith("apitpl: 1 error, 0 warnings in 1 file"), output);
        assertTrue(!output.contains("SLF4J"), "no logging noise: " + output);
    }

    @Test
    void theJarListsItsCommands() throws Exception {
        Process process = run("--help");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("validate"), output);
    }
}
