package dev.apitpl.core.endpoint.lambda;

import dev.apitpl.core.endpoint.lambda.RuntimeApiServer.Invocation;
import dev.apitpl.core.endpoint.lambda.RuntimeApiServer.Outcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The warm child JVM of one function version, running AWS's runtime interface client against its own
 * {@link RuntimeApiServer}. Invocations run one at a time. A handler that exceeds its timeout gets its JVM killed;
 * one that exits or crashes its JVM fails that invocation only: the next invocation starts a fresh JVM (a cold
 * start, as AWS would give it).
 */
final class Sandbox implements AutoCloseable {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    private static final long INIT_LIMIT_MILLIS = 60_000;
    private static final int LOG_LIMIT = 1 << 20;
    private static final String[] RESERVED = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"};

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "apitpl-lambda-reaper"));
    }

    private final SandboxSpec spec;
    private volatile Incarnation live;
    private volatile boolean closed;

    /**
     * A finished invocation.
     *
     * @param payload       the response or the error object
     * @param functionError null, or {@code Unhandled}
     * @param errorType     the error's type ({@code Sandbox.Timedout}, the handler's exception class, ...), or null
     * @param log           the invocation's log (START ... REPORT lines around the function's output)
     * @param initMillis    the JVM start time when this invocation was a cold start, else -1
     */
    record Result(byte[] payload, String functionError, String errorType, String log, long initMillis) {
    }

    Sandbox(SandboxSpec spec) {
        this.spec = spec;
    }

    SandboxSpec spec() {
        return spec;
    }

    /** Runs one invocation; never throws for what the function does, only when its JVM cannot be started. */
    synchronized Result invoke(byte[] payload, boolean wantLog) {
        if (closed) {
            throw new IllegalStateException("the sandbox of " + spec.functionArn() + " is closed");
        }
        long initMillis = -1;
        if (live == null || !live.process.isAlive()) {
            if (live != null) {
                live.close();
            }
            long start = System.nanoTime();
            live = start();
            initMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        }
        Incarnation running = live;
        String requestId = UUID.randomUUID().toString();
        long timeoutMillis = spec.timeoutSeconds() * 1000L;
        int logStart = running.logLength();
        long began = System.nanoTime();
        Invocation invocation = new Invocation(requestId, payload.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : payload,
                timeoutMillis);
        running.api.submit(invocation);
        Outcome outcome = await(running, invocation, timeoutMillis, initMillis >= 0);
        if (initMillis >= 0 && invocation.delivered().isDone()) {
            initMillis = invocation.delivered().join() - running.startedAt;
        }
        if (outcome == null) {
            running.close();
            String message = "Task timed out after " + String.format(Locale.ROOT, "%.2f", spec.timeoutSeconds() / 1.0) + " seconds";
            running.appendLog(java.time.Instant.now() + " " + requestId + " " + message + "\n");
            outcome = new Outcome(errorJson("Sandbox.Timedout", "RequestId: " + requestId + " Error: " + message), "Sandbox.Timedout");
        } else if (!invocation.delivered().isDone() || !running.process.isAlive()) {
            // an initialisation error or an exit: AWS resets the sandbox, the next invocation starts afresh
            running.close();
        } else if (wantLog) {
            running.awaitQuietLog();
        }
        double millis = (System.nanoTime() - began) / 1e6;
        String log = "START RequestId: " + requestId + " Version: " + spec.version() + "\n" + running.logSince(logStart)
                + "END RequestId: " + requestId + "\n"
                + String.format(Locale.ROOT, "REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\tMemory Size: %d MB%s%n",
                requestId, millis, (long) Math.ceil(millis), spec.memorySize(),
                initMillis >= 0 ? String.format(Locale.ROOT, "\tInit Duration: %d ms", initMillis) : "");
        String errorType = outcome.errorType();
        return new Result(outcome.body(), errorType == null ? null : "Unhandled", errorType, log, initMillis);
    }

    private Outcome await(Incarnation running, Invocation invocation, long timeoutMillis, boolean cold) {
        try {
            CompletableFuture.anyOf(invocation.delivered(), invocation.done())
                    .get(Math.max(INIT_LIMIT_MILLIS, timeoutMillis), TimeUnit.MILLISECONDS);
            if (invocation.done().isDone()) {
                return invocation.done().join();
            }
            long deliveredAt = invocation.delivered().join();
            long remaining = Math.max(1, deliveredAt + timeoutMillis - System.currentTimeMillis());
            return invocation.done().get(remaining, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.close();
            return new Outcome(errorJson("Runtime.Interrupted", "the endpoint is shutting down"), "Runtime.Interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private Incarnation start() {
        try {
            RuntimeApiServer api = new RuntimeApiServer(spec.functionArn());
            List<String> command = new ArrayList<>();
            command.add(spec.java().toString());
            command.add("-XX:+TieredCompilation");
            command.add("-XX:TieredStopAtLevel=1");
            command.add("-XX:+UseSerialGC");
            command.add("-Xshare:auto");
            command.add("-Xmx" + spec.memorySize() + "m");
            command.add("-D" + JNI_PROPERTY + "=" + spec.nativeLibrary());
            command.add("-cp");
            command.add(spec.classpath().stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)));
            command.add(RuntimeClientClasspath.MAIN_CLASS);
            command.add(spec.handler());
            ProcessBuilder builder = new ProcessBuilder(command).directory(spec.taskRoot().toFile()).redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(environment(api.address()));
            Process process = builder.start();
            LIVE.add(process);
            Incarnation incarnation = new Incarnation(process, api, System.currentTimeMillis());
            process.onExit().thenAccept(p -> {
                LIVE.remove(p);
                Invocation inFlight = api.inFlight();
                if (inFlight != null) {
                    inFlight.done().complete(new Outcome(errorJson("Runtime.ExitError", "RequestId: " + inFlight.requestId()
                            + " Error: Runtime exited with error: exit status " + p.exitValue()), "Runtime.ExitError"));
                }
            });
            return incarnation;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the JVM of " + spec.functionArn() + " (" + spec.java() + "): "
                    + e.getMessage(), e);
        }
    }

    /** The child's environment: the function's variables, then what AWS sets in every Java sandbox. */
    Map<String, String> environment(String runtimeApi) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        if (spec.endpointUrl() != null) {
            env.put("AWS_ENDPOINT_URL", spec.endpointUrl());
        }
        env.putAll(spec.environment());
        env.put("AWS_REGION", spec.region());
        env.put("AWS_DEFAULT_REGION", spec.region());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + spec.runtime());
        env.put("AWS_LAMBDA_FUNCTION_NAME", spec.functionName());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", spec.version());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(spec.memorySize()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + spec.functionName());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString().replace('-', '/')
                + "/[" + spec.version() + "]" + UUID.randomUUID().toString().replace("-", ""));
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("LAMBDA_TASK_ROOT", spec.taskRoot().toString());
        env.put("_HANDLER", spec.handler());
        // dummy credentials: the endpoint accepts any signature, and real ones must never reach a function here
        env.put(RESERVED[0], "ASIAAPITPLLOCAL00000");
        env.put(RESERVED[1], "apitpl-local-endpoint-secret");
        env.put(RESERVED[2], "apitpl-local-endpoint-session");
        return env;
    }

    static byte[] errorJson(String type, String message) {
        return ("{\"errorType\":\"" + type + "\",\"errorMessage\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Whether a child JVM is running now (warm). */
    synchronized boolean warm() {
        return live != null && live.process.isAlive();
    }

    /** Kills the child JVM now, also while an invocation runs (that invocation fails with {@code Runtime.ExitError}). */
    @Override
    public void close() {
        closed = true;
        Incarnation running = live;
        if (running != null) {
            running.close();
        }
    }

    /** Kills every child JVM of this endpoint's process (tests use it to prove none is left). */
    static int liveProcesses() {
        return LIVE.size();
    }

    /** One child JVM and its runtime API. */
    private static final class Incarnation {
        final Process process;
        final RuntimeApiServer api;
        final long startedAt;
        private final StringBuilder log = new StringBuilder();
        private int dropped;

        Incarnation(Process process, RuntimeApiServer api, long startedAt) {
            this.process = process;
            this.api = api;
            this.startedAt = startedAt;
            Thread reader = new Thread(this::readOutput, "apitpl-lambda-log");
            reader.setDaemon(true);
            reader.start();
        }

        private void readOutput() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    appendLog(line + "\n");
                }
            } catch (IOException e) {
                // the process ended
            }
        }

        synchronized void appendLog(String text) {
            log.append(text);
            if (log.length() > LOG_LIMIT) {
                int cut = log.length() - LOG_LIMIT / 2;
                log.delete(0, cut);
                dropped += cut;
            }
        }

        /**
         * Lets output written just before the answer reach the log: waits until the log has not grown for three polls
         * in a row (at most 500 ms), since under load the thread reading the pipe may run late. (The pipe's
         * {@code available()} cannot tell: it waits on the lock the blocked reader holds.)
         */
        void awaitQuietLog() {
            int last = -1;
            int quietPolls = 0;
            for (int i = 0; i < 50 && quietPolls < 3; i++) {
                int length = logLength();
                quietPolls = length == last ? quietPolls + 1 : 0;
                last = length;
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        synchronized int logLength() {
            return dropped + log.length();
        }

        synchronized String logSince(int position) {
            return log.substring(Math.max(0, Math.min(log.length(), position - dropped)));
        }

        void close() {
            api.close();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LIVE.remove(process);
        }
    }
}
