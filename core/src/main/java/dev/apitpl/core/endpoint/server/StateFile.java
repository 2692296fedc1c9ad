package dev.apitpl.core.endpoint.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.core.engine.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * One service's state as a JSON file in the endpoint's state folder, written whole after each change (through a
 * temporary file and a rename, so a crash never leaves half a file); or nothing when the endpoint keeps state in memory.
 */
public final class StateFile {

    private final Path file;

    /** A state file named {@code name} in {@code stateDir}, or an in-memory one when {@code stateDir} is null. */
    public StateFile(Path stateDir, String name) {
        this.file = stateDir == null ? null : stateDir.resolve(name);
    }

    /** The saved state, or an empty object when there is none. */
    public ObjectNode load() {
        if (file == null || !Files.exists(file)) {
            return Json.NODES.objectNode();
        }
        try {
            JsonNode saved = Json.MAPPER.readTree(file.toFile());
            if (saved instanceof ObjectNode object) {
                return object;
            }
            throw new IOException("it holds no JSON object");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the endpoint state file " + file + " (" + e.getMessage()
                    + "); delete it to start empty, or restore it", e);
        }
    }

    /** Replaces the saved state with {@code state}. */
    public void save(JsonNode state) {
        if (file == null) {
            return;
        }
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temporary, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the endpoint state file " + file + ": " + e.getMessage(), e);
        }
    }
}
