package org.qvarnmr.camel.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every reduce row of one reduce target, read in pages when a resync's reduce walk starts, so the walk's
 * keys need no search each. Kept only while the listing fits {@code qvarnmr.cache-size} rows.
 *
 * <p>A listing is older than any write the worker finishes after it started. Rather than compare rows,
 * a key written (or forgotten) since the start is marked and from then on answered by the remembered
 * rows or a search, never by the listing; so a live pass beside the resync is never undone by it.
 */
final class ReduceRowsListing {
    private final int maxRows;
    /** Null once abandoned (too many rows, or reconciliation forgot every remembered row). */
    private Map<String, List<ObjectNode>> byKey = new HashMap<>();
    private final Set<String> written = new HashSet<>();
    private int rows;
    private boolean complete;

    ReduceRowsListing(int maxRows) {
        this.maxRows = maxRows;
    }

    /** Adds one listed row; returns false once the listing no longer fits and was dropped. */
    synchronized boolean add(ObjectNode row) {
        if (byKey == null) {
            return false;
        }
        if (++rows > maxRows) {
            byKey = null;
            return false;
        }
        String key = MrFields.text(row, MrFields.KEY);
        if (key != null) {
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        return true;
    }

    /** Every page was read: the listing now answers for its keys, newest row first like a key search. */
    synchronized void complete() {
        if (byKey != null) {
            byKey.values().forEach(list -> list.sort(Comparator.comparingLong(MrFields::timestamp).reversed()));
            complete = true;
        }
    }

    synchronized void written(String key) {
        written.add(key);
        if (byKey != null) {
            byKey.remove(key);
        }
    }

    synchronized void abandon() {
        byKey = null;
    }

    /**
     * The key's reduce rows as listed (empty: the listing had none), or null when the listing cannot say:
     * not complete, dropped, or the key was written since it started.
     */
    synchronized List<ObjectNode> rowsOf(String key) {
        if (!complete || byKey == null || written.contains(key)) {
            return null;
        }
        return List.copyOf(byKey.getOrDefault(key, List.of()));
    }
}
