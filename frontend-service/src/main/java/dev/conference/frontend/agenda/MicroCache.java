package dev.conference.frontend.agenda;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agenda answers of the last moment, in memory: within its time to live a read is answered
 * without asking agenda-service or Redis. Bounded: when full it starts over.
 */
public final class MicroCache {

    record Entry(AgendaSnapshot snapshot, boolean stale, long expiresAtNanos) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxEntries;

    MicroCache(Duration ttl, int maxEntries) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
    }

    /** The entry for the key while it is still fresh, else null. */
    Entry fresh(AgendaCacheKey key) {
        Entry entry = entries.get(key.value());
        return entry != null && entry.expiresAtNanos() - System.nanoTime() > 0 ? entry : null;
    }

    /** The last answer seen for the key, however old, or null. */
    AgendaSnapshot lastSeen(AgendaCacheKey key) {
        Entry entry = entries.get(key.value());
        return entry == null ? null : entry.snapshot();
    }

    void put(AgendaCacheKey key, AgendaSnapshot snapshot, boolean stale) {
        if (entries.size() >= maxEntries && !entries.containsKey(key.value())) {
            entries.clear();
        }
        entries.put(key.value(), new Entry(snapshot, stale, System.nanoTime() + ttlNanos));
    }

    void remove(AgendaCacheKey key) {
        entries.remove(key.value());
    }

    /** Forgets freshness (the next read asks agenda-service) but keeps the answers as a last resort. */
    void expireAll() {
        long now = System.nanoTime();
        entries.replaceAll((key, entry) -> new Entry(entry.snapshot(), entry.stale(), now));
    }
}
