package dev.apitpl.runtime.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Values kept for a fixed time across warm Lambda invocations (templates, secrets), so a busy workflow
 * reads each one about once per TTL. Thread-safe; a TTL of zero disables caching.
 */
public final class ExpiringCache<K, V> {

    private record Entry<V>(V value, Instant expiresAt) {
    }

    private final Duration ttl;
    private final Clock clock;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    public ExpiringCache(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The value if present and not yet expired. */
    public Optional<V> get(K key) {
        Entry<V> entry = entries.get(key);
        return entry != null && clock.instant().isBefore(entry.expiresAt()) ? Optional.of(entry.value()) : Optional.empty();
    }

    public V put(K key, V value) {
        entries.put(key, new Entry<>(value, clock.instant().plus(ttl)));
        return value;
    }
}
