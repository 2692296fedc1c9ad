package dev.apitpl.core.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One Amazon States Language definition, read once: JSON or YAML (by the file name), every node located, every
 * {@code ${Name}} placeholder substituted by the one substituter. Reading is lenient: what cannot be read is a
 * {@link ReadProblem}, and whatever did parse is still there for the validator's rules. The validator, the engine,
 * the local environment, policies and synthesis all read definitions through this class.
 *
 * <pre>{@code
 * AslModel model = AslModel.read(Path.of("workflow.asl.json"), Map.of("TableName", "templates"));
 * for (TaskState task : model.taskStates()) {
 *     System.out.println(task.name() + " calls " + task.resource() + " with " + task.arguments());
 * }
 * }</pre>
 */
public final class AslModel {

    private final Path file;
    private final AslNode root;
    private final AslDocument document;
    private final List<ReadProblem> readProblems;
    private final List<Placeholder> placeholders;
    private final PlaceholderMode placeholderMode;

    private AslModel(Path file, AslNode root, List<ReadProblem> readProblems, List<Placeholder> placeholders,
            PlaceholderMode placeholderMode) {
        this.file = file;
        this.placeholderMode = placeholderMode;
        this.root = root;
        this.document = root != null && root.isObject() ? StateGraphReader.read(file, root) : null;
        this.readProblems = readProblems;
        this.placeholders = placeholders;
    }

    /**
     * Reads a definition file (UTF-8; YAML for {@code .yaml}/{@code .yml}) whose placeholders all take their values
     * from {@code substitutions}; a placeholder without a value stays in the model, listed in {@link #placeholders()}.
     */
    public static AslModel read(Path file, Map<String, String> substitutions) throws IOException {
        return read(file, Files.readString(file, StandardCharsets.UTF_8), substitutions, PlaceholderMode.SUBSTITUTE);
    }

    /**
     * Reads a definition given as text; {@code file} names it (it need not exist) and decides JSON or YAML, and may
     * be null for JSON text without a file.
     */
    public static AslModel read(Path file, String content, Map<String, String> substitutions, PlaceholderMode mode) {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content; // a UTF-8 byte order mark
        DefinitionReader.Result read = DefinitionReader.read(text, isYaml(file), mode, Map.copyOf(substitutions));
        return new AslModel(file, read.root(), read.problems(), read.placeholders(), mode);
    }

    /** Reads JSON text without placeholders (what AWS receives). */
    public static AslModel parse(String json) {
        return read(null, json, Map.of(), PlaceholderMode.NONE);
    }

    /** True for file names ending in {@code .yaml} or {@code .yml}. */
    public static boolean isYaml(Path file) {
        Path name = file == null ? null : file.getFileName();
        String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml");
    }

    /** The file the definition was read from (or is named after); null for text without a file. */
    public Path file() {
        return file;
    }

    /** The definition's root value; null when the text could not be parsed. */
    public AslNode root() {
        return root;
    }

    /** The state graph; empty when the text could not be parsed or is not an object. */
    public Optional<AslDocument> document() {
        return Optional.ofNullable(document);
    }

    /** What stopped parts of the text from being read, in the order met. */
    public List<ReadProblem> readProblems() {
        return readProblems;
    }

    /** How the placeholders were read. */
    public PlaceholderMode placeholderMode() {
        return placeholderMode;
    }

    /** Every placeholder as written, resolved or not, in the order read. */
    public List<Placeholder> placeholders() {
        return placeholders;
    }

    /** Every state of every scope in document order, including those in Parallel branches and Map processors. */
    public List<AslState> states() {
        return document == null ? List.of() : document.states();
    }

    /** Every Task state, including those in Parallel branches and Map item processors, in document order. */
    public List<TaskState> taskStates() {
        List<TaskState> tasks = new ArrayList<>();
        for (AslState state : states()) {
            if (state.stateType() == StateType.TASK) {
                AslNode resource = state.resource();
                AslNode arguments = state.parameters();
                tasks.add(new TaskState(state.name(), state.pointer(),
                        resource != null && (resource.isString() || resource.isPlaceholder()) ? resource.text() : null,
                        arguments == null ? null : arguments.toJsonNode(), state.location(), state.queryLanguage(),
                        state));
            }
        }
        return List.copyOf(tasks);
    }

    /**
     * The substituted definition as a Jackson tree: numbers exact as written ({@code 1.10} stays {@code 1.10},
     * integers are integral nodes), an unresolved placeholder as its text. Null when the text could not be parsed.
     */
    public JsonNode toJson() {
        return root == null ? null : root.toJsonNode();
    }
}
