package dev.apitpl.core.endpoint.lambda;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to start the child JVM of one function version.
 *
 * @param functionName   the function
 * @param version        {@code $LATEST} or a version number
 * @param functionArn    the ARN the runtime reports as the invoked function
 * @param runtime        {@code java21} or {@code java25}
 * @param handler        the handler string ({@code package.Class::method})
 * @param memorySize     MB, the child's heap limit
 * @param timeoutSeconds the invocation time limit
 * @param environment    the function's {@code Environment.Variables}
 * @param java           the {@code java} executable
 * @param classpath      the runtime client's classpath
 * @param nativeLibrary  the runtime client's native library
 * @param taskRoot       the unpacked code: the child's working directory, as {@code /var/task} on AWS
 * @param region         the function's region
 * @param endpointUrl    the local endpoint's URL for the function's own AWS calls, or null
 * @param generation     the configuration generation this sandbox was started for
 */
record SandboxSpec(String functionName, String version, String functionArn, String runtime, String handler, int memorySize,
                   int timeoutSeconds, Map<String, String> environment, Path java, List<Path> classpath, Path nativeLibrary,
                   Path taskRoot, String region, String endpointUrl, long generation) {
}
