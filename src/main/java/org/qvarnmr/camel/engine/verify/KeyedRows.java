package org.qvarnmr.camel.engine.verify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qvarnmr.camel.engine.MrFields;

/**
 * One listing of a target's rows, by {@code _mr_key}: every key is counted, and the rows themselves are kept
 * (in listing order, so by id) only while they fit {@code maxRows}; past that the caller reads a key's
 * rows again with a search. Rows without a key are kept apart: no search finds them again.
 */
final class KeyedRows {
    private final int maxRows;
    private final Map<String, Integer> counts = new HashMap<>();
    private Map<String, List<ObjectNode>> rows = new HashMap<>();
    private final List<ObjectNode> keyless = new ArrayList<>();
    private long total;

    KeyedRows(int maxRows) {
        this.maxRows = maxRows;
    }

    void add(ObjectNode row) {
        total++;
        String key = MrFields.text(row, MrFields.KEY);
        if (key == null || key.isEmpty()) {
            keyless.add(row);
            return;
        }
        counts.merge(key, 1, Integer::sum);
        if (rows != null && total <= maxRows) {
            rows.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        } else {
            rows = null;
        }
    }

    Set<String> keys() {
        return counts.keySet();
    }

    boolean has(String key) {
        return counts.containsKey(key);
    }

    /** The key's rows as listed (a fresh list; empty for a key not listed), or null when they were not kept. */
    List<ObjectNode> rowsOf(String key) {
        if (!counts.containsKey(key)) {
            return new ArrayList<>();
        }
        return rows == null ? null : new ArrayList<>(rows.get(key));
    }

    List<ObjectNode> keyless() {
        return keyless;
    }

    long total() {
        return total;
    }
}
