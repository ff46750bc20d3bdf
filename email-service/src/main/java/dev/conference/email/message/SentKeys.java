package dev.conference.email.message;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The idempotency keys already sent, bounded: the least recently used are forgotten first. */
final class SentKeys {

    private final Map<String, Boolean> keys;

    SentKeys(int capacity) {
        keys = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        });
    }

    boolean contains(String key) {
        return keys.get(key) != null;
    }

    void add(String key) {
        keys.put(key, Boolean.TRUE);
    }
}
