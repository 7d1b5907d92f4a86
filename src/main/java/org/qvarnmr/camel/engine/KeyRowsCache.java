package org.qvarnmr.camel.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * All map rows of a key as this worker last read or wrote them, so the map step (finding a new source's
 * rows) and the reduce step (reading a key) need not search for them again. The owner of an instance is
 * the only writer of its map rows, so its own writes keep an entry true; reconciliation repairs anything
 * written behind its back and clears the cache first.
 *
 * <p>A search result is kept only if no write to that key finished since the search began (a stamp taken
 * before it): otherwise the result might miss that write. A write whose outcome is unknown (a lost reply)
 * makes the key unknown. Bounded by keys (least recently used go) and by rows per key.
 */
final class KeyRowsCache {
    private record Entry(List<ObjectNode> rows, long writtenAt) {
    }

    private final int maxKeys;
    private final int maxRowsPerKey;
    private final Map<String, Entry> entries;
    /** Keys whose map rows were seen empty with no write since: they have no reduce row (taken once). */
    private final Set<String> noReduceRow = new HashSet<>();
    private long clock;
    /** The latest write stamp of any entry that was evicted or cleared: a search older than it is not kept. */
    private long forgottenAt;

    KeyRowsCache(int maxKeys, int maxRowsPerKey) {
        this.maxKeys = Math.max(1, maxKeys);
        this.maxRowsPerKey = maxRowsPerKey;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                if (size() > KeyRowsCache.this.maxKeys) {
                    forgottenAt = Math.max(forgottenAt, eldest.getValue().writtenAt());
                    noReduceRow.remove(eldest.getKey());
                    return true;
                }
                return false;
            }
        };
    }

    /** Taken before a search whose result is then given to {@link #loaded}. */
    synchronized long stamp() {
        return clock;
    }

    /** A deep copy of the key's rows (handlers may change what they are given), or null when not known. */
    synchronized List<ObjectNode> get(String mapTarget, String key) {
        Entry e = entries.get(mapTarget + "/" + key);
        if (e == null || e.rows() == null) {
            return null;
        }
        List<ObjectNode> rows = new ArrayList<>(e.rows().size());
        e.rows().forEach(r -> rows.add(r.deepCopy()));
        // In the order a search gives them (sort by id): an order-sensitive reduce (join: later rows win)
        // must compute the same result from the cache as a fresh worker does from Qvarn, or a replay rewrites
        rows.sort(Comparator.comparing(r -> r.path("id").asText()));
        return rows;
    }

    /**
     * Keeps every row of a key as a search read them, unless a write to it finished since {@code stamp}.
     * An empty key then has no reduce row either: the reduce step deletes a key's reduce row before its
     * last (marked) map rows, and writes one only while map rows exist.
     */
    synchronized void loaded(String mapTarget, String key, List<ObjectNode> rows, long stamp) {
        String k = mapTarget + "/" + key;
        Entry e = entries.get(k);
        if (forgottenAt > stamp || (e != null && e.writtenAt() > stamp) || rows.size() > maxRowsPerKey) {
            return;
        }
        entries.put(k, new Entry(copy(rows), e == null ? 0 : e.writtenAt()));
        if (rows.isEmpty()) {
            noReduceRow.add(k);
        }
    }

    /**
     * A row as a create or update that succeeded stored it. By id: a search that ran while the write was in
     * flight may already hold it.
     */
    void stored(String mapTarget, String key, ObjectNode row) {
        String id = row.get("id").asText();
        written(mapTarget, key, rows -> {
            rows.removeIf(r -> id.equals(r.get("id").asText()));
            rows.add(row);
        });
    }

    /** A row a delete that succeeded removed. */
    void removed(String mapTarget, String key, String id) {
        written(mapTarget, key, rows -> rows.removeIf(r -> id.equals(r.get("id").asText())));
    }

    /** Applies a write that succeeded to the key's rows, if they are known. */
    private synchronized void written(String mapTarget, String key, Consumer<List<ObjectNode>> change) {
        String k = mapTarget + "/" + key;
        Entry e = entries.get(k);
        List<ObjectNode> rows = null;
        if (e != null && e.rows() != null) {
            rows = copy(e.rows());
            change.accept(rows);
            if (rows.size() > maxRowsPerKey) {
                rows = null;
            }
        }
        entries.put(k, new Entry(rows, ++clock));
    }

    /** A write to the key failed or its reply was lost: what Qvarn holds is not known. */
    synchronized void unknown(String mapTarget, String key) {
        String k = mapTarget + "/" + key;
        entries.put(k, new Entry(null, ++clock));
        noReduceRow.remove(k);
    }

    /** True once if the key was seen without map rows (so without a reduce row) and not reduced since. */
    synchronized boolean takeNoReduceRow(String mapTarget, String key) {
        return noReduceRow.remove(mapTarget + "/" + key);
    }

    synchronized void clear() {
        forgottenAt = ++clock;
        entries.clear();
        noReduceRow.clear();
    }

    private static List<ObjectNode> copy(List<ObjectNode> rows) {
        return new ArrayList<>(rows);
    }
}
