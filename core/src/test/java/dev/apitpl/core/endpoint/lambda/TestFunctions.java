package dev.apitpl.core.endpoint.lambda;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A function jar compiled by the test itself: {@code example.Handler::handleRequest} echoes its event (the handler
 * the AWS API corpus expects), and a few misbehaving handlers fail in the ways AWS must survive.
 */
final class TestFunctions {

    private static final String PACKAGE = "package example;\nimport java.io.*;\n";
    private static final List<String[]> SOURCES = List.of(
            new String[] {"Handler", "public class Handler {\n"
                    + "  public void handleRequest(InputStream in, OutputStream out) throws IOException {\n"
                    + "    System.out.println(\"echo handler called\");\n"
                    + "    in.transferTo(out);\n  }\n}\n"},
            new String[] {"Fails", "public class Fails {\n"
                    + "  public void handleRequest(InputStream in, OutputStream out) {\n"
                    + "    String event = new String(readAll(in));\n"
                    + "    if (event.contains(\"fail\")) { throw new IllegalStateException(\"the handler failed on purpose\"); }\n"
                    + "    try { out.write(\"\\\"fine\\\"\".getBytes()); } catch (IOException e) { throw new UncheckedIOException(e); }\n  }\n"
                    + "  private static byte[] readAll(InputStream in) { try { return in.readAllBytes(); } catch (IOException e) { throw new UncheckedIOException(e); } }\n}\n"},
            new String[] {"Sleeps", "public class Sleeps {\n"
                    + "  public void handleRequest(InputStream in, OutputStream out) throws Exception {\n"
                    + "    String event = new String(in.readAllBytes());\n"
                    + "    if (event.contains(\"sleep\")) { Thread.sleep(60_000); }\n"
                    + "    out.write(\"\\\"awake\\\"\".getBytes());\n  }\n}\n"},
            new String[] {"Exits", "public class Exits {\n"
                    + "  public void handleRequest(InputStream in, OutputStream out) throws IOException {\n"
                    + "    String event = new String(in.readAllBytes());\n"
                    + "    if (event.contains(\"exit\")) { System.exit(3); }\n"
                    + "    out.write(\"\\\"alive\\\"\".getBytes());\n  }\n}\n"},
            new String[] {"Env", "public class Env {\n"
                    + "  public void handleRequest(InputStream in, OutputStream out) throws IOException {\n"
                    + "    StringBuilder b = new StringBuilder(\"{\");\n"
                    + "    for (String k : new String[] {\"GREETING\", \"AWS_LAMBDA_FUNCTION_NAME\", \"AWS_LAMBDA_FUNCTION_VERSION\",\n"
                    + "        \"AWS_REGION\", \"AWS_ENDPOINT_URL\", \"AWS_ACCESS_KEY_ID\", \"AWS_LAMBDA_FUNCTION_MEMORY_SIZE\"}) {\n"
                    + "      b.append('\"').append(k).append(\"\\\":\\\"\").append(System.getenv(k)).append(\"\\\",\");\n    }\n"
                    + "    b.append(\"\\\"maxHeapMb\\\":\").append(Runtime.getRuntime().maxMemory() / (1024 * 1024));\n"
                    + "    b.append(\",\\\"javaVersion\\\":\\\"\").append(System.getProperty(\"java.version\")).append(\"\\\"}\");\n"
                    + "    out.write(b.toString().getBytes());\n  }\n}\n"});

    private TestFunctions() {
    }

    /** {@code jar} plus one text entry: the same handlers with another CodeSha256. */
    static byte[] jarWithExtraEntry(byte[] jar, String entryName) {
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(jar))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (JarOutputStream out = new JarOutputStream(bytes)) {
                for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
                    out.putNextEntry(new JarEntry(e.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
                out.putNextEntry(new JarEntry(entryName));
                out.write(entryName.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.closeEntry();
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The jar bytes (Java 17 bytecode). */
    static byte[] jar(Path scratch) {
        try {
            Path src = Files.createDirectories(scratch.resolve("src/example"));
            Path classes = Files.createDirectories(scratch.resolve("classes"));
            for (String[] source : SOURCES) {
                Files.writeString(src.resolve(source[0] + ".java"), PACKAGE + source[1]);
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            String[] args;
            try (Stream<Path> files = Files.list(src)) {
                args = Stream.concat(Stream.of("--release", "17", "-d", classes.toString()), files.map(Path::toString))
                        .toArray(String[]::new);
            }
            if (javac.run(null, null, null, args) != 0) {
                throw new IllegalStateException("the test handlers did not compile");
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (JarOutputStream jar = new JarOutputStream(bytes); Stream<Path> files = Files.list(classes.resolve("example"))) {
                for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                    jar.putNextEntry(new JarEntry("example/" + file.getFileName()));
                    jar.write(Files.readAllBytes(file));
                    jar.closeEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
