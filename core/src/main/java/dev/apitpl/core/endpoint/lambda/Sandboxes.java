package dev.apitpl.core.endpoint.lambda;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The warm sandboxes, one per function version. A version whose configuration changed since its sandbox started
 * (only {@code $LATEST} can) gets a fresh one; sandboxes of deleted functions and versions are closed in the
 * background so that no API call waits for a running invocation.
 */
final class Sandboxes implements AutoCloseable {

    private final Map<String, Sandbox> byVersion = new HashMap<>();
    private final ExecutorService closer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "apitpl-lambda-closer");
        t.setDaemon(true);
        return t;
    });

    /** The sandbox of {@code key} ({@code region/name:version}) for this configuration generation. */
    synchronized Sandbox get(String key, long generation, Supplier<SandboxSpec> spec) {
        Sandbox sandbox = byVersion.get(key);
        if (sandbox != null && sandbox.spec().generation() == generation) {
            return sandbox;
        }
        if (sandbox != null) {
            closeLater(sandbox);
        }
        sandbox = new Sandbox(spec.get());
        byVersion.put(key, sandbox);
        return sandbox;
    }

    /** Closes the sandboxes of a function ({@code region/name}) or of one version ({@code region/name:version}). */
    synchronized void remove(String functionOrVersion) {
        List<String> gone = new ArrayList<>();
        for (String key : byVersion.keySet()) {
            if (key.equals(functionOrVersion) || key.startsWith(functionOrVersion + ":")) {
                gone.add(key);
            }
        }
        gone.forEach(key -> closeLater(byVersion.remove(key)));
    }

    private void closeLater(Sandbox sandbox) {
        closer.execute(sandbox::close);
    }

    @Override
    public void close() {
        List<Sandbox> all;
        synchronized (this) {
            all = new ArrayList<>(byVersion.values());
            byVersion.clear();
        }
        all.parallelStream().forEach(Sandbox::close);
        closer.shutdown();
        try {
            closer.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
