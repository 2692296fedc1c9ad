package dev.apitpl.core.endpoint.lambda;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The functions of the endpoint, per region, and their asynchronous state changes: a write leaves a function
 * {@code Pending} or {@code InProgress} for a configurable delay, as AWS does while it prepares the function, and
 * the state settles (with a new revision id) afterwards. All reads and writes hold this store's lock.
 */
final class FunctionStore implements AutoCloseable {

    private final Map<String, LambdaFunction> functions = new TreeMap<>();
    private final ScheduledExecutorService settler;
    private final Duration settleDelay;
    private final Clock clock;
    private Consumer<String> onRemoved = name -> { };
    private Runnable onSettled = () -> { };

    FunctionStore(Duration settleDelay, Clock clock) {
        this.settleDelay = settleDelay;
        this.clock = clock;
        this.settler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "apitpl-lambda-state");
            t.setDaemon(true);
            return t;
        });
    }

    Clock clock() {
        return clock;
    }

    /** Called (under the lock) with {@code region/name} or {@code region/name:version} when code goes away. */
    void onRemoved(Consumer<String> listener) {
        this.onRemoved = listener;
    }

    /** Called after a delayed state change (so that a kept state has the settled revision ids). */
    void onSettled(Runnable listener) {
        this.onSettled = listener;
    }

    static String key(Scope scope, String name) {
        return scope.region() + "/" + name;
    }

    synchronized LambdaFunction find(Scope scope, String name) {
        return functions.get(key(scope, name));
    }

    /** The function, or AWS's 404 naming {@code arnInMessage}. */
    synchronized LambdaFunction require(Scope scope, String name, String arnInMessage) {
        LambdaFunction f = functions.get(key(scope, name));
        if (f == null) {
            throw LambdaError.functionNotFound(arnInMessage);
        }
        return f;
    }

    synchronized void add(Scope scope, LambdaFunction function) {
        if (functions.containsKey(key(scope, function.name))) {
            throw LambdaError.conflict("Function already exist: " + function.name);
        }
        functions.put(key(scope, function.name), function);
    }

    synchronized void remove(Scope scope, LambdaFunction function) {
        functions.remove(key(scope, function.name));
        onRemoved.accept(key(scope, function.name));
    }

    synchronized void removeVersion(Scope scope, LambdaFunction function, int number) {
        function.versions.remove(number);
        onRemoved.accept(key(scope, function.name) + ":" + number);
    }

    synchronized List<LambdaFunction> all(Scope scope) {
        List<LambdaFunction> list = new ArrayList<>();
        String prefix = scope.region() + "/";
        functions.forEach((k, f) -> {
            if (k.startsWith(prefix)) {
                list.add(f);
            }
        });
        return list;
    }

    /** Every function of every region. */
    synchronized List<LambdaFunction> everything() {
        return new ArrayList<>(functions.values());
    }

    /** Puts back a function kept in the state folder. */
    synchronized void restore(LambdaFunction function) {
        functions.put(function.region + "/" + function.name, function);
    }

    /** Fails with AWS's 409 while the function is still being created or updated. */
    static void requireIdle(FunctionVersion latest, String arn) {
        if ("Pending".equals(latest.state)) {
            throw LambdaError.conflict("The operation cannot be performed at this time. The function is currently in the "
                    + "following state: Pending");
        }
        if ("InProgress".equals(latest.lastUpdateStatus)) {
            throw LambdaError.conflict("The operation cannot be performed at this time. An update is in progress for resource: " + arn);
        }
    }

    /** Settles {@code versions} after the delay (unless they were replaced meanwhile, which this check tolerates). */
    void settleLater(FunctionVersion... versions) {
        settler.schedule(() -> {
            synchronized (this) {
                for (FunctionVersion v : versions) {
                    if (v.busy()) {
                        v.settled();
                    }
                }
                onSettled.run();
            }
        }, settleDelay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        settler.shutdownNow();
    }
}
