package org.qvarnmr.camel.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/** A small thread-safe least-recently-used map, bounded by entries (so memory never grows with table size). */
final class LruCache<K, V> {
    private final Map<K, V> map;

    LruCache(int maxEntries) {
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > maxEntries;
            }
        };
    }

    synchronized V get(K key) {
        return map.get(key);
    }

    synchronized void put(K key, V value) {
        map.put(key, value);
    }

    synchronized void remove(K key) {
        map.remove(key);
    }

    synchronized void clear() {
        map.clear();
    }
}
