package dev.apitpl.core.publish;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter, for the retries the SDK does not make itself (UnprocessedItems, IAM propagation). */
final class Backoff {

    private static final long BASE_MILLIS = 50;
    private static final long CAP_MILLIS = 5_000;

    private Backoff() {}

    /** Sleeps before retry number {@code attempt} (1 for the first retry). */
    static void sleep(int attempt) {
        long ceiling = Math.min(CAP_MILLIS, BASE_MILLIS << Math.min(attempt, 16));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }
}
