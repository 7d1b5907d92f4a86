package org.qvarnmr.camel.engine.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.engine.HandlerException;
import org.qvarnmr.camel.engine.IdPages;
import org.qvarnmr.camel.engine.KeyRows;
import org.qvarnmr.camel.engine.KeySearch;
import org.qvarnmr.camel.engine.MrFields;
import org.qvarnmr.camel.engine.Parallel;
import org.qvarnmr.camel.engine.ReduceResults;
import org.qvarnmr.camel.engine.SourceCache;
import org.qvarnmr.camel.handler.HandlerContext;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnValues;
import org.qvarnmr.camel.qvarn.client.Search;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks one reduce target against its map target, key by key: each key's reduce row must say what the
 * reduce handler makes of the key's live map rows as they are stored (the map target's own check says
 * whether those are right), exactly one reduce row per key with live map rows, none for a key without.
 *
 * <p>Two listings first: the reduce rows (kept whole while they fit {@code qvarnmr.cache-size} rows,
 * otherwise only counted per key and read again per key) and the keys of the live map rows. Then one
 * paged search of map rows per key that has both, in parallel; a key with no reduce row, or no live map
 * row, needs none. Memory grows with the number of keys (two sets of key strings), not with the rows.
 */
final class ReduceTargetCheck {
    private static final Logger LOG = LoggerFactory.getLogger(ReduceTargetCheck.class);

    private final QvarnClient qvarn;
    private final SourceCache sources;
    private final ExecutorService pool;
    private final int pageSize;
    private final int cacheSize;

    ReduceTargetCheck(QvarnClient qvarn, SourceCache sources, ExecutorService pool, int pageSize, int cacheSize) {
        this.qvarn = qvarn;
        this.sources = sources;
        this.pool = pool;
        this.pageSize = pageSize;
        this.cacheSize = cacheSize;
    }

    void check(HandlerBinding binding, TargetDrift drift) {
        StoredRows stored = listReduceRows(binding.target());
        Set<String> live = liveKeys(binding.source());
        List<String> keys = new ArrayList<>(live);
        stored.counts.keySet().stream().filter(k -> !live.contains(k)).forEach(keys::add);
        for (int from = 0; from < keys.size(); from += pageSize) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + pageSize));
            Parallel.map(pool, chunk, key -> {
                checkKey(binding, key, live.contains(key), stored, drift);
                return key;
            });
        }
        stored.keyless.forEach(row -> drift.add(new DriftRow(Drift.EXTRA, MrFields.text(row, "id"), null, null, null,
                row, "it has no _mr_key (the original reduced pairs with a null key)")));
        drift.checked(keys.size(), stored.total);
    }

    private void checkKey(HandlerBinding binding, String key, boolean live, StoredRows stored, TargetDrift drift) {
        List<ObjectNode> rows = stored.rowsOf(key);
        if (!live) {
            rows.forEach(row -> drift.add(new DriftRow(Drift.EXTRA, MrFields.text(row, "id"), null, key, null, row,
                    "no live map row has this key")));
            return;
        }
        if (rows.isEmpty()) {
            drift.add(new DriftRow(Drift.MISSING, null, null, key, null, null, null));
            return;
        }
        // The reduce step keeps the newest row (by _mr_timestamp) and deletes the others.
        rows.sort(Comparator.comparingLong(MrFields::timestamp).reversed());
        for (ObjectNode older : rows.subList(1, rows.size())) {
            drift.add(new DriftRow(Drift.DUPLICATE, MrFields.text(older, "id"), null, key, null, older, null));
        }
        ObjectNode newest = rows.get(0);
        ObjectNode wanted;
        try {
            KeyRows mapRows = new KeyRows(qvarn, binding.source(), key, pageSize);
            JsonNode result = ReduceResults.run(binding, key,
                    mapRows.where(row -> !QvarnValues.isTrue(row.get(MrFields.DELETED))),
                    new HandlerContext(qvarn, binding.source(), binding.target(), sources));
            wanted = ReduceResults.body(binding, key, result);
        } catch (HandlerException e) {
            LOG.warn("verify: {}", e.getMessage());
            drift.add(new DriftRow(Drift.FAILED, MrFields.text(newest, "id"), null, key, null, null, e.getMessage()));
            return;
        }
        if (ReduceResults.says(wanted, newest)) {
            return;
        }
        ObjectNode atStoredVersion = wanted.deepCopy();
        atStoredVersion.set(MrFields.VERSION, newest.get(MrFields.VERSION));
        Drift kind = ReduceResults.says(atStoredVersion, newest) ? Drift.STALE : Drift.WRONG;
        drift.add(new DriftRow(kind, MrFields.text(newest, "id"), null, key, wanted, newest, null));
    }

    /** The distinct keys of the map target's rows that are not marked {@code _mr_deleted}. */
    private Set<String> liveKeys(String mapTarget) {
        Set<String> keys = new HashSet<>();
        IdPages.each(qvarn, Search.on(mapTarget).show(MrFields.KEY).show(MrFields.DELETED), pageSize, page -> {
            for (ObjectNode row : page) {
                String key = MrFields.text(row, MrFields.KEY);
                if (key != null && !key.isEmpty() && !QvarnValues.isTrue(row.get(MrFields.DELETED))) {
                    keys.add(key);
                }
            }
        });
        return keys;
    }

    private StoredRows listReduceRows(String target) {
        StoredRows stored = new StoredRows(target);
        IdPages.each(qvarn, Search.on(target).showAll(), pageSize, page -> page.forEach(stored::add));
        return stored;
    }

    /** The reduce target's rows per key: whole while they fit the cache size, else counted and read per key. */
    private final class StoredRows {
        private final String target;
        private final Map<String, Integer> counts = new HashMap<>();
        private Map<String, List<ObjectNode>> rows = new HashMap<>();
        /** Rows without a key: no search finds them again, and no map row has an empty key. */
        private final List<ObjectNode> keyless = new ArrayList<>();
        private long total;

        StoredRows(String target) {
            this.target = target;
        }

        void add(ObjectNode row) {
            total++;
            String key = MrFields.text(row, MrFields.KEY);
            if (key == null || key.isEmpty()) {
                keyless.add(row);
                return;
            }
            counts.merge(key, 1, Integer::sum);
            if (rows != null && total <= cacheSize) {
                rows.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
            } else {
                rows = null;
            }
        }

        /** The key's stored reduce rows (a fresh list). */
        List<ObjectNode> rowsOf(String key) {
            if (rows != null || !counts.containsKey(key)) {
                return new ArrayList<>(rows == null ? List.of() : rows.getOrDefault(key, List.of()));
            }
            return new ArrayList<>(KeySearch.filter(qvarn.search(KeySearch.exact(target, MrFields.KEY, key).showAll()),
                    MrFields.KEY, key));
        }
    }
}
