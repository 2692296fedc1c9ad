package dev.apitpl.core.endpoint.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The classpath of a function's child JVM: AWS's Java runtime interface client and its dependencies, found where this
 * JVM loaded them. From Maven they are their own jars and are used as they are; inside the shaded command-line jar
 * they are mixed with everything else, so only their packages are copied out, because the child's system class
 * loader comes first for the function's classes (as on AWS) and must not carry the endpoint's own libraries.
 */
final class RuntimeClientClasspath {

    /** The runtime client's entry point, run with the handler as its argument. */
    static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final List<String> MARKERS = List.of(MAIN_CLASS,
            "com.amazonaws.services.lambda.runtime.Context",
            "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
            "software.amazon.awssdk.utilslite.SdkInternalThreadLocal");
    private static final List<String> PACKAGES = List.of("com/amazonaws/services/lambda/runtime/",
            "com/amazonaws/lambda/thirdparty/", "jni/", "software/amazon/awssdk/utilslite/");
    private static final List<String> OWN_JARS = List.of("aws-lambda-java-runtime-interface-client", "aws-lambda-java-core",
            "aws-lambda-java-serialization", "utils-lite");

    private RuntimeClientClasspath() {
    }

    /** The classpath entries; a mixed jar's client packages are copied into {@code workDir} first. */
    static synchronized List<Path> locate(Path workDir) {
        Set<Path> entries = new LinkedHashSet<>();
        for (String marker : MARKERS) {
            Path source = sourceOf(marker);
            String file = source.getFileName().toString();
            boolean ownJar = Files.isRegularFile(source) && OWN_JARS.stream().anyMatch(file::startsWith);
            entries.add(ownJar ? source : extracted(source, workDir));
        }
        return new ArrayList<>(entries);
    }

    /**
     * The client's native library for this platform, copied once into {@code workDir}: passed to the child as a system
     * property, so that concurrent children never race on the client's own fixed extraction path in /tmp.
     */
    static synchronized Path nativeLibrary(Path workDir) {
        String arch = System.getProperty("os.arch").matches("aarch64|arm64") ? "aarch_64" : "x86_64";
        boolean musl = Files.exists(Paths.get("/lib/ld-musl-" + ("aarch_64".equals(arch) ? "aarch64" : "x86_64") + ".so.1"));
        String name = "libaws-lambda-jni." + (musl ? "linux_musl-" : "linux-") + arch + ".so";
        Path target = workDir.resolve(name);
        if (Files.isRegularFile(target)) {
            return target;
        }
        try (InputStream in = RuntimeClientClasspath.class.getClassLoader().getResourceAsStream("jni/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the Lambda runtime interface client has no native library jni/" + name
                        + " for this platform (" + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")");
            }
            Path partial = Files.createTempFile(workDir, "jni-", ".so");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy the runtime client's native library: " + e.getMessage(), e);
        }
    }

    private static Path sourceOf(String className) {
        try {
            Class<?> type = Class.forName(className, false, RuntimeClientClasspath.class.getClassLoader());
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                throw new IllegalStateException("cannot locate " + className + " on the classpath");
            }
            return Paths.get(source.getLocation().toURI());
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException("the Lambda runtime interface client (" + className + ") is missing from the "
                    + "classpath: com.amazonaws:aws-lambda-java-runtime-interface-client is a dependency of apitpl-core", e);
        }
    }

    /** The client packages of a directory or mixed jar, as a directory of their own (made once). */
    private static Path extracted(Path source, Path workDir) {
        if (Files.isDirectory(source)) {
            return source;
        }
        Path target = workDir.resolve("runtime-client");
        if (Files.isDirectory(target)) {
            return target;
        }
        try (JarFile jar = new JarFile(source.toFile())) {
            Path partial = Files.createTempDirectory(workDir, "runtime-client-");
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                if (entry.isDirectory() || PACKAGES.stream().noneMatch(entry.getName()::startsWith)) {
                    continue;
                }
                Path file = partial.resolve(entry.getName()).normalize();
                Files.createDirectories(file.getParent());
                try (InputStream in = jar.getInputStream(entry)) {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy the Lambda runtime client out of " + source + ": " + e.getMessage(), e);
        }
    }
}
