package dev.apitpl.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Maven build run as a user runs it, from a project folder, against the local repository of this module's nested
 * builds (it holds the reactor's apitpl artifacts; everything else is read from the developer's own repository as if
 * it were a remote one, as the invoker builds do).
 */
record MavenRun(Path settings, Path localRepository) {

    /** What one build did; the log is kept beside the project as {@code <name>.log}. */
    record Result(int exit, String log, Path logFile) {
        /** The exit status, the log's path and its last lines (the log goes with the temporary folder). */
        String describe() {
            List<String> lines = log.lines().toList();
            return "exit " + exit + ", log " + logFile + ", ending:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }
    }

    /** Writes the nested builds' settings (src/it/settings.xml, its cache repository filled in) under target/. */
    static MavenRun forNestedBuilds() throws IOException {
        Path target = Path.of("target").toAbsolutePath();
        String cache = Path.of(System.getProperty("apitpl.userRepository",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString())).toUri().toString();
        Path settings = target.resolve("journeys-settings.xml");
        Files.writeString(settings, Files.readString(Path.of("src/it/settings.xml")).replace("@cacheRepositoryUrl@", cache));
        return new MavenRun(settings, target.resolve("local-repo"));
    }

    private List<String> command(List<String> args) {
        String home = System.getProperty("maven.home");
        String mvn = home == null ? "mvn" : Path.of(home, "bin", "mvn").toString();
        List<String> command = new ArrayList<>(List.of(mvn, "-B", "-ntp", "-s", settings.toString(),
                "-Dmaven.repo.local=" + localRepository));
        command.addAll(args);
        return command;
    }

    /** Runs {@code mvn args} in {@code directory} and waits (at most 5 minutes). */
    Result run(Path directory, String name, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        Process process = start(directory, name, environment, args);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("mvn " + String.join(" ", args) + " did not finish within 5 minutes, log "
                    + directory.resolve(name + ".log"));
        }
        Path log = directory.resolve(name + ".log");
        System.out.printf("mvn %s: exit %d after %.1f s%n", name, process.exitValue(), (System.nanoTime() - started) / 1e9);
        return new Result(process.exitValue(), Files.readString(log), log);
    }

    /** Starts {@code mvn args} in {@code directory} without waiting; its output goes to {@code <name>.log}. */
    Process start(Path directory, String name, Map<String, String> environment, String... args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(List.of(args))).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(directory.resolve(name + ".log").toFile());
        builder.environment().keySet().removeIf(variable -> variable.startsWith("APITPL_") || variable.startsWith("AWS_"));
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Waits until {@code log} has a line matching {@code pattern}, failing when {@code process} ends first. */
    static Matcher awaitLine(Path log, Pattern pattern, Process process) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            Matcher line = pattern.matcher(text);
            if (line.find()) {
                return line;
            }
            assertTrue(process.isAlive(), "ended before printing /" + pattern + "/:\n" + text);
            Thread.sleep(20);
        }
        throw new AssertionError("no line /" + pattern + "/ within 3 minutes in " + log);
    }
}
