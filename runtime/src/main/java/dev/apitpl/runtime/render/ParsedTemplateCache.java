package dev.apitpl.runtime.render;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Parsed field templates keyed by their text (and kind), kept across invocations so a warm Lambda parses each
 * template once. Least recently used entries leave first once {@code capacity} is reached. Thread-safe; parse
 * trees are immutable once built and shared between threads.
 */
final class ParsedTemplateCache {

    private record Key(FieldKind kind, String text) {
    }

    private final Map<Key, CompiledField> entries;

    ParsedTemplateCache(int capacity) {
        this.entries = new LinkedHashMap<>(Math.min(capacity, 256) * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, CompiledField> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The cached field, or the compiled one (cached only when compiling succeeds). */
    CompiledField get(FieldKind kind, String text, Supplier<CompiledField> compile) {
        Key key = new Key(kind, text);
        synchronized (entries) {
            CompiledField cached = entries.get(key);
            if (cached != null) {
                return cached;
            }
        }
        CompiledField compiled = compile.get();
        synchronized (entries) {
            entries.putIfAbsent(key, compiled);
        }
        return compiled;
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
