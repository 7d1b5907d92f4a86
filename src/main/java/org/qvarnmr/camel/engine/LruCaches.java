package org.qvarnmr.camel.engine;

import java.util.Map;

/**
 * Makes the bounded caches of the engine: thread-safe maps that drop their least recently used entries past
 * {@code maxEntries}, so memory never grows with a table's size. The worker's assembly passes Camel's {@code
 * LRUCacheFactory::newLRUCache}; the engine names no Camel type.
 */
@FunctionalInterface
public interface LruCaches {
    <K, V> Map<K, V> newLruCache(int maxEntries);
}
