package dev.apitpl.core.endpoint.lambda;

import dev.apitpl.core.endpoint.EndpointRequest;
import dev.apitpl.core.endpoint.EndpointResponse;
import dev.apitpl.core.endpoint.LambdaInvoker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The one invocation path: resolves the function, version or alias (weighted routing included), finds or starts the
 * version's sandbox and runs the event there. {@code Invoke} over HTTP and the endpoint's Step Functions tasks both
 * come here.
 */
final class Invocations implements AutoCloseable {

    private static final int LOG_TAIL_BYTES = 4096;

    private final FunctionOperations functions;
    private final Path workDir;
    private final JavaRuntimes runtimes;
    private final Supplier<String> endpointUrl;
    private final Sandboxes sandboxes = new Sandboxes();
    private final ExecutorService asynchronous = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "apitpl-lambda-event");
        t.setDaemon(true);
        return t;
    });
    private List<Path> classpath;
    private Path nativeLibrary;

    Invocations(FunctionOperations functions, Path workDir, JavaRuntimes runtimes, Supplier<String> endpointUrl) {
        this.functions = functions;
        this.workDir = workDir;
        this.runtimes = runtimes;
        this.endpointUrl = endpointUrl;
    }

    /**
     * A finished invocation.
     *
     * @param executedVersion the version that ran
     * @param result          what the sandbox reported
     */
    record Finished(String executedVersion, Sandbox.Result result) {

        String payload() {
            return new String(result.payload(), StandardCharsets.UTF_8);
        }

        /** The last 4 KB of the log, as {@code X-Amz-Log-Result} carries it (before base64). */
        String logTail() {
            byte[] log = result.log().getBytes(StandardCharsets.UTF_8);
            return new String(log.length <= LOG_TAIL_BYTES ? log : Arrays.copyOfRange(log, log.length - LOG_TAIL_BYTES, log.length),
                    StandardCharsets.UTF_8);
        }

        LambdaInvoker.Invocation asInvocation() {
            return new LambdaInvoker.Invocation(payload(), result.functionError(), executedVersion, logTail());
        }
    }

    /** {@code POST .../invocations}: RequestResponse (200), Event (202, runs in the background) or DryRun (204). */
    EndpointResponse handle(EndpointRequest request, Scope scope, FunctionRef ref) {
        String type = request.header("X-Amz-Invocation-Type");
        type = type == null ? "RequestResponse" : type;
        Map<String, String> headers = new LinkedHashMap<>();
        switch (type) {
            case "DryRun":
                target(scope, ref);
                return new EndpointResponse(204, headers, new byte[0]);
            case "Event":
                target(scope, ref);
                asynchronous.execute(() -> invoke(scope, ref, request.body(), false));
                return new EndpointResponse(202, headers, new byte[0]);
            case "RequestResponse":
                break;
            default:
                throw LambdaError.validation(List.of(LambdaError.violation(type, "invocationType",
                        "Member must satisfy enum value set: [Event, RequestResponse, DryRun]")));
        }
        boolean tail = "Tail".equals(request.header("X-Amz-Log-Type"));
        Finished finished = invoke(scope, ref, request.body(), tail);
        headers.put("Content-Type", "application/json");
        headers.put("X-Amz-Executed-Version", finished.executedVersion());
        if (finished.result().functionError() != null) {
            headers.put("X-Amz-Function-Error", finished.result().functionError());
        }
        if (tail) {
            headers.put("X-Amz-Log-Result", Base64.getEncoder().encodeToString(finished.logTail().getBytes(StandardCharsets.UTF_8)));
        }
        return new EndpointResponse(200, headers, finished.result().payload());
    }

    Finished invoke(Scope scope, FunctionRef ref, byte[] payload, boolean wantLog) {
        Target target = target(scope, ref);
        FunctionVersion v = target.version();
        String key = FunctionStore.key(scope, v.name) + ":" + v.version;
        Sandbox sandbox = sandboxes.get(key, v.generation, () -> spec(scope, v));
        return new Finished(v.version, sandbox.invoke(payload, wantLog));
    }

    /** A version ready to run, chosen as AWS chooses it (an alias's weights decide between its two versions). */
    private record Target(FunctionVersion version) {
    }

    private Target target(Scope scope, FunctionRef ref) {
        String arnInMessage = scope.functionArn(ref.name()) + ":" + (ref.qualifier() == null ? FunctionRef.LATEST : ref.qualifier());
        FunctionOperations.Resolved resolved;
        try {
            resolved = functions.resolve(scope, ref);
        } catch (LambdaError e) {
            throw "ResourceNotFoundException".equals(e.type()) ? LambdaError.functionNotFound(arnInMessage) : e;
        }
        FunctionVersion v = resolved.version();
        LambdaFunction.Alias alias = ref.qualifier() == null ? null : resolved.function().aliases.get(ref.qualifier());
        if (alias != null && !alias.weights().isEmpty() && resolved.function().version(ref.qualifier()) == null) {
            Map.Entry<String, Double> extra = alias.weights().entrySet().iterator().next();
            if (ThreadLocalRandom.current().nextDouble() < extra.getValue()) {
                FunctionVersion other = resolved.function().version(extra.getKey());
                v = other != null ? other : v;
            }
        }
        synchronized (functions.lock()) {
            if ("Pending".equals(v.state)) {
                throw LambdaError.conflict("The operation cannot be performed at this time. The function is currently in the "
                        + "following state: Pending");
            }
            if (!JavaRuntimes.runsHere(v.runtime)) {
                throw new LambdaError("InvalidRuntimeException", 502, "This local endpoint runs java21 and java25 functions only; "
                        + v.name + " has runtime " + v.runtime + " (update its Runtime to java21 or java25 to invoke it here)");
            }
            return new Target(v.copy());
        }
    }

    private SandboxSpec spec(Scope scope, FunctionVersion v) {
        synchronized (this) {
            if (classpath == null) {
                try {
                    java.nio.file.Files.createDirectories(workDir.resolve("code"));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                classpath = RuntimeClientClasspath.locate(workDir);
                nativeLibrary = RuntimeClientClasspath.nativeLibrary(workDir);
            }
        }
        Path taskRoot = v.code.unpackInto(workDir.resolve("code"));
        String arn = scope.functionArn(v.name) + (FunctionRef.LATEST.equals(v.version) ? "" : ":" + v.version);
        return new SandboxSpec(v.name, v.version, arn, v.runtime, v.handler == null ? "" : v.handler, v.memorySize, v.timeout,
                v.environment == null ? Map.of() : v.environment, runtimes.javaFor(v.runtime), classpath, nativeLibrary, taskRoot,
                scope.region(), endpointUrl.get(), v.generation);
    }

    /** Forgets the sandboxes of a deleted function or version. */
    void forget(String functionOrVersion) {
        sandboxes.remove(functionOrVersion);
    }

    @Override
    public void close() {
        asynchronous.shutdownNow();
        sandboxes.close();
    }
}
