package dev.apitpl.core.endpoint.lambda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Lambda's runtime identifiers as AWS checks them on create and update, and the JVM that runs a Java function here:
 * a JDK of the runtime's major version where one is installed, else the endpoint's own JVM (logged once).
 */
final class JavaRuntimes {

    /** AWS's enum list, in the order of its message (recorded 2026-01). */
    private static final List<String> AWS_RUNTIMES = List.of("nodejs20.x", "python3.14", "provided.al2023", "python3.12",
            "python3.13", "nodejs24.x", "nodejs22.x", "java25", "python3.10", "python3.11", "java21", "ruby3.3", "ruby3.4",
            "ruby3.2", "python3.8", "python3.9", "java17", "nodejs16.x", "dotnet10", "dotnet8", "java11", "dotnet6",
            "nodejs18.x", "provided.al2", "java8.al2");
    /** Runtimes whose creation and update AWS blocks (Java 8, 11 and 17 since 2026-07-31). */
    private static final Set<String> BLOCKED = Set.of("java8.al2", "java11", "java17", "python3.8", "nodejs16.x", "dotnet6");
    private static final Map<String, Integer> JAVA = Map.of("java21", 21, "java25", 25);
    private static final Pattern RELEASE_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");
    private static final System.Logger LOG = System.getLogger(JavaRuntimes.class.getName());

    private final Path jvmRoot;
    private final Map<String, Path> javaByRuntime = new ConcurrentHashMap<>();

    /** Looks for installed JDKs under {@code jvmRoot} (on Linux {@code /usr/lib/jvm}). */
    JavaRuntimes(Path jvmRoot) {
        this.jvmRoot = jvmRoot;
    }

    static JavaRuntimes installed() {
        return new JavaRuntimes(Paths.get("/usr/lib/jvm"));
    }

    /** Checks a {@code Runtime} parameter as CreateFunction and UpdateFunctionConfiguration do. */
    static void check(String runtime) {
        if (!AWS_RUNTIMES.contains(runtime)) {
            throw LambdaError.invalidParameter("Value " + runtime + " at 'runtime' failed to satisfy constraint: Member must "
                    + "satisfy enum value set: [" + String.join(", ", AWS_RUNTIMES) + "] or be a valid ARN");
        }
        if (BLOCKED.contains(runtime)) {
            throw LambdaError.invalidParameter("The runtime parameter of " + runtime + " is no longer supported for creating or "
                    + "updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions.");
        }
    }

    static boolean runsHere(String runtime) {
        return JAVA.containsKey(runtime);
    }

    /** A stable id per runtime for {@code RuntimeVersionArn} (AWS's is a SHA-256 of the runtime build). */
    static String runtimeVersionId(String runtime) {
        return String.format("%064x", new java.math.BigInteger(1, runtime.getBytes(StandardCharsets.UTF_8)));
    }

    /** The {@code java} executable for a Java runtime. */
    Path javaFor(String runtime) {
        return javaByRuntime.computeIfAbsent(runtime, r -> {
            int major = JAVA.get(r);
            Optional<Path> home = findJdk(major);
            if (home.isPresent()) {
                return home.get().resolve("bin").resolve("java");
            }
            Path own = Paths.get(System.getProperty("java.home"));
            LOG.log(System.Logger.Level.INFO, "No JDK " + major + " under " + jvmRoot + " for runtime " + r
                    + ": its functions run on this JVM (" + System.getProperty("java.version") + ", " + own + ")");
            return own.resolve("bin").resolve("java");
        });
    }

    private Optional<Path> findJdk(int major) {
        if (major == Runtime.version().feature()) {
            return Optional.of(Paths.get(System.getProperty("java.home")));
        }
        if (!Files.isDirectory(jvmRoot)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvmRoot)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin").resolve("java")))
                    .filter(home -> majorOf(home) == major)
                    .sorted()
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int majorOf(Path home) {
        try {
            Matcher m = RELEASE_VERSION.matcher(Files.readString(home.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
