package dev.apitpl.core.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.runtime.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds the files to validate and tells state machine definitions from API templates. */
public final class ValidationFiles {

    /** Definitions are JSON or YAML. */
    public static final List<String> DEFINITION_INCLUDES = List.of("**/*.json", "**/*.yaml", "**/*.yml");
    /** Templates are JSON. */
    public static final List<String> TEMPLATE_INCLUDES = List.of("**/*.json");


    /** A definition names its states: the test for a file that does not parse, which is still told apart. */
    private static final Pattern DEFINITION_MARKER = Pattern.compile("[\"']?(StartAt|States)[\"']?\\s*:");

    /**
     * @param definitions the state machine definitions
     * @param templates the API templates
     */
    public record Classified(List<Path> definitions, List<Path> templates) {}

    private ValidationFiles() {}

    /**
     * Regular files under {@code directory} whose path relative to it matches an include glob and no exclude glob,
     * sorted. {@code **}{@code /} also matches no directory at all, as in Maven. A missing directory has no files.
     */
    public static List<Path> find(Path directory, List<String> includes, List<String> excludes) {
        if (directory == null || !Files.isDirectory(directory)) {
            return List.of();
        }
        List<PathMatcher> include = matchers(includes);
        List<PathMatcher> exclude = matchers(excludes);
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> {
                        Path relative = directory.relativize(file);
                        return matches(include, relative) && !matches(exclude, relative);
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    /**
     * Sorts files named on a command line: directories are searched for JSON and YAML files; a file is a definition
     * when its name contains {@code .asl.}, it is YAML, or its top-level object has {@code StartAt} or {@code States}
     * (for a file that does not parse: when its text has {@code StartAt:} or {@code States:}); else a template.
     */
    public static Classified classify(List<Path> paths) {
        List<Path> definitions = new ArrayList<>();
        List<Path> templates = new ArrayList<>();
        for (Path path : paths) {
            List<Path> files = Files.isDirectory(path) ? find(path, DEFINITION_INCLUDES, List.of()) : List.of(path);
            for (Path file : files) {
                (isDefinition(file) ? definitions : templates).add(file);
            }
        }
        return new Classified(definitions, templates);
    }

    private static boolean isDefinition(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.contains(".asl.") || name.endsWith(".yaml") || name.endsWith(".yml")) {
            return true;
        }
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return false; // unreadable: validated as a template, which reports that it cannot be read
        }
        if (content.startsWith("\uFEFF")) {
            content = content.substring(1);
        }
        try {
            JsonNode root = Json.mapper().readTree(content);
            // parsed: a definition names its states at the top; a template may say "States" anywhere in its data
            return root != null && root.isObject() && (root.has("StartAt") || root.has("States"));
        } catch (JsonProcessingException malformed) {
            return DEFINITION_MARKER.matcher(content).find(); // told apart by its text, reported by its validator
        }
    }

    private static List<PathMatcher> matchers(List<String> globs) {
        List<PathMatcher> matchers = new ArrayList<>();
        for (String glob : globs == null ? List.<String>of() : globs) {
            String normalized = glob.trim().replace('\\', '/');
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + normalized));
            if (normalized.startsWith("**/")) {
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + normalized.substring(3)));
            }
        }
        return matchers;
    }

    private static boolean matches(List<PathMatcher> matchers, Path relative) {
        return matchers.stream().anyMatch(matcher -> matcher.matches(relative));
    }
}
