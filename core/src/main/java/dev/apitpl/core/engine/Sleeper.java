package dev.apitpl.core.engine;

import java.time.Duration;

/** How the engine lets time pass for Wait states and Retry intervals; tests plug in one that returns at once. */
@FunctionalInterface
public interface Sleeper {

    /** Really sleeps (the default for {@code apitpl:run}); inside a Map iteration or Parallel branch it wakes up early when cancelled. */
    Sleeper REAL = new Sleeper() {
        @Override
        public void sleep(Duration duration) throws InterruptedException {
            if (!duration.isNegative() && !duration.isZero()) {
                Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
            }
        }

        @Override
        public void sleep(Duration duration, Cancellation cancellation) throws InterruptedException {
            cancellation.await(duration);
        }
    };

    /** Never sleeps: waits and retry delays complete at once. */
    Sleeper NONE = duration -> { };

    void sleep(Duration duration) throws InterruptedException;

    /**
     * Sleeps inside a Map iteration or Parallel branch, which is cancelled when a sibling fails the state. An
     * implementation may return as soon as {@code cancellation} is cancelled ({@link #REAL} does); the default sleeps
     * the whole {@code duration} with {@link #sleep(Duration)}. Either way the engine stops the branch right after.
     */
    default void sleep(Duration duration, Cancellation cancellation) throws InterruptedException {
        sleep(duration);
    }

    /** The cancellation of the Map iteration or Parallel branch a sleep belongs to. */
    interface Cancellation {

        /** Whether the branch or iteration has been cancelled. */
        boolean isCancelled();

        /**
         * Blocks until the branch or iteration is cancelled or {@code duration} has passed, whichever comes first.
         *
         * @return whether it was cancelled
         */
        boolean await(Duration duration) throws InterruptedException;
    }
}
