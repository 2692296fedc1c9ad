package dev.apitpl.core.engine;

import java.time.Duration;

/** How the engine lets time pass for Wait states and Retry intervals; tests plug in one that returns at once. */
@FunctionalInterface
public interface Sleeper {

    /** Really sleeps (the default for {@code apitpl:run}). */
    Sleeper REAL = duration -> {
        if (!duration.isNegative() && !duration.isZero()) {
            Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
        }
    };

    /** Never sleeps: waits and retry delays complete at once. */
    Sleeper NONE = duration -> { };

    void sleep(Duration duration) throws InterruptedException;
}
