package dev.apitpl.core.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that moves only when the engine "sleeps" or a test advances it; safe to use from branch threads. */
public final class SimulatedTime extends Clock implements Sleeper {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2024-05-01T10:00:00Z"));

    public void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public void sleep(Duration duration) {
        advance(duration);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
