package dev.apitpl.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The file by which {@code apitpl:stop}, in another build, finds the endpoint that {@code mvn apitpl:start} serves in
 * the foreground: that build's process id and the instant it started, so that a process id reused after the endpoint
 * ended is never taken for it.
 */
final class EndpointProcessFile {

    private EndpointProcessFile() {
    }

    /** Writes this JVM's process id and start instant to {@code file}. */
    static void writeCurrent(Path file) throws IOException {
        ProcessHandle self = ProcessHandle.current();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, self.pid() + " " + self.info().startInstant().map(Instant::toString).orElse("-") + "\n");
    }

    /** The live process {@code file} names, or empty when the file is absent, unreadable or stale. */
    static Optional<ProcessHandle> liveProcess(Path file) {
        String[] fields;
        try {
            fields = Files.readString(file).trim().split(" ");
        } catch (IOException e) {
            return Optional.empty();
        }
        if (fields.length != 2) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(fields[0]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> fields[1].equals(p.info().startInstant().map(Instant::toString).orElse("-")));
    }
}
