package dev.apitpl.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The command-line jar run as a user runs it ({@code java -jar apitpl-cli.jar ...}) in a project folder, with its
 * output kept in files so that a chatty process never blocks on a full pipe.
 */
final class CliRun {

    /** What one run of the jar did. */
    record Result(int exit, String out, String err) {
        String both() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private CliRun() {
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("apitpl.cliJar", "target/cli/apitpl-cli.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("no command-line jar at " + jar + ": the pre-integration-test phase copies it");
        }
        return jar;
    }

    static Result run(Path workingDirectory, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        Process process = start(workingDirectory, environment, args);
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the command-line jar did not finish within 3 minutes: " + String.join(" ", args));
        }
        return new Result(process.exitValue(), Files.readString(workingDirectory.resolve(".cli-out.txt")),
                Files.readString(workingDirectory.resolve(".cli-err.txt")));
    }

    /** Starts the jar without waiting: for cases that interrupt it. */
    static Process start(Path workingDirectory, Map<String, String> environment, String... args) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", jar().toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectOutput(workingDirectory.resolve(".cli-out.txt").toFile())
                .redirectError(workingDirectory.resolve(".cli-err.txt").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("APITPL_") || name.startsWith("AWS_"));
        builder.environment().putAll(environment);
        return builder.start();
    }
}
