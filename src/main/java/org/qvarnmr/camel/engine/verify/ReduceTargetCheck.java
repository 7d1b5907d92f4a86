package org.qvarnmr.camel.engine.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.engine.HandlerException;
import org.qvarnmr.camel.qvarn.client.ExactText;
import org.qvarnmr.camel.qvarn.client.IdPages;
import org.qvarnmr.camel.engine.KeyRows;
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
 * <p>Two paged listings first, the reduce rows and the live map rows, each by key ({@link KeyedRows}): the
 * rows are kept while each listing fits {@code qvarnmr.cache-size} rows, so a target that fits needs no
 * further request; past it only the keys are kept and each key's rows are read again with one search
 * (a key with no reduce row, or no live map row, needs none). Keys are checked in parallel. Memory: the
 * keys of both listings (this grows with the number of keys) and up to twice the cache size in rows.
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
        KeyedRows stored = listing(Search.on(binding.target()).showAll(), row -> true);
        KeyedRows live = listing(Search.on(binding.source()).showAll(),
                row -> !QvarnValues.isTrue(row.get(MrFields.DELETED)));
        List<String> keys = new ArrayList<>(live.keys());
        stored.keys().stream().filter(k -> !live.has(k)).forEach(keys::add);
        for (int from = 0; from < keys.size(); from += pageSize) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + pageSize));
            Parallel.map(pool, chunk, key -> {
                checkKey(binding, key, live, stored, drift);
                return key;
            });
        }
        stored.keyless().forEach(row -> drift.add(new DriftRow(Drift.EXTRA, MrFields.text(row, "id"), null, null,
                null, row, "it has no _mr_key (the original reduced pairs with a null key)")));
        drift.checked(keys.size(), stored.total());
    }

    private void checkKey(HandlerBinding binding, String key, KeyedRows live, KeyedRows stored, TargetDrift drift) {
        List<ObjectNode> rows = stored.rowsOf(key);
        if (rows == null) {
            rows = new ArrayList<>(ExactText.filter(qvarn.search(ExactText.exact(binding.target(), MrFields.KEY, key)
                    .showAll()), MrFields.KEY, key));
        }
        if (!live.has(key)) {
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
            List<ObjectNode> listed = live.rowsOf(key);
            Iterable<ObjectNode> mapRows = listed != null ? listed : new KeyRows(qvarn, binding.source(), key, pageSize)
                    .where(row -> !QvarnValues.isTrue(row.get(MrFields.DELETED)));
            JsonNode result = ReduceResults.run(binding, key, mapRows,
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

    /** One paged listing of {@code search}, the rows {@code keep} accepts by key (kept while they fit the cache size). */
    private KeyedRows listing(Search search, java.util.function.Predicate<ObjectNode> keep) {
        KeyedRows listed = new KeyedRows(cacheSize);
        IdPages.each(qvarn, search, pageSize, page -> page.stream().filter(keep).forEach(listed::add));
        return listed;
    }
}
