package dev.apitpl.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A copy of the invoker behaviours' shared workflow (src/it/projects/_parent): the reference state machine, the
 * greeting template and the substitutions a deployment would make, in a folder a case may break on purpose.
 */
final class SampleProject {

    static final String DEFINITION = "statemachine/workflow.asl.json";
    static final String TEMPLATE = "templates/greeting.json";
    static final String SUBSTITUTIONS = "substitutions.properties";

    private static final Path SOURCE = Path.of("src/it/projects/_parent");

    final Path root;

    private SampleProject(Path root) {
        this.root = root;
    }

    static SampleProject copyInto(Path root) throws IOException {
        for (String file : new String[] {DEFINITION, TEMPLATE}) {
            Files.createDirectories(root.resolve(file).getParent());
            Files.copy(SOURCE.resolve(file), root.resolve(file));
        }
        Files.writeString(root.resolve(SUBSTITUTIONS), "TemplateTableName=it-templates\n"
                + "ApiCallFunctionArn=arn:aws:lambda:eu-west-1:123456789012:function:it-api-call\n");
        return new SampleProject(root);
    }

    Path file(String relative) {
        return root.resolve(relative);
    }

    void write(String relative, String text) throws IOException {
        Files.createDirectories(file(relative).getParent());
        Files.writeString(file(relative), text);
    }

    String read(String relative) throws IOException {
        return Files.readString(file(relative));
    }

    /** SHA-256 of every file the user owns (not the commands' own output and logs), to prove a failure changed nothing. */
    Map<String, String> contentDigests() throws IOException {
        Map<String, String> digests = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String relative = root.relativize(file).toString();
                if (!relative.startsWith(".cli-") && !relative.startsWith("target") && !relative.endsWith(".log")) {
                    digests.put(relative, sha256(Files.readAllBytes(file)));
                }
            }
        }
        return digests;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
