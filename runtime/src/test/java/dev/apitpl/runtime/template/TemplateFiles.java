package dev.apitpl.runtime.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The sample template files under src/test/resources/templates/{valid,invalid}. */
final class TemplateFiles {

    static final Path ROOT = Path.of("src/test/resources/templates");

    private TemplateFiles() {
    }

    static List<Path> valid() {
        return list("valid");
    }

    static List<Path> invalid() {
        return list("invalid");
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> list(String folder) {
        try (Stream<Path> files = Files.list(ROOT.resolve(folder))) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
