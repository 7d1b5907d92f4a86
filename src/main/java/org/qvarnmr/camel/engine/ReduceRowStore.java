package org.qvarnmr.camel.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.qvarn.client.ExactText;
import org.qvarnmr.camel.qvarn.client.IdPages;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.Search;

/**
 * Reads what the reduce of a key needs: its map rows (the {@link KeyRowsCache} shared with the map step) and
 * its reduce rows (a cache of its own, kept true by {@link ReduceRowWriter}): from memory when this worker
 * read or wrote them, or learned the whole type (see {@link KeyRowsCache}), else searched.
 */
final class ReduceRowStore {
    private static final Comparator<ObjectNode> NEWEST_FIRST =
            Comparator.<ObjectNode>comparingLong(MrFields::timestamp).reversed();

    private final QvarnClient qvarn;
    private final int pageSize;
    /** The map rows of keys, shared with the map step (both keep it true to their writes). */
    private final KeyRowsCache mapRows;
    /** The reduce rows this worker read or wrote last, by target and key (or every one of a learned target). */
    private final KeyRowsCache reduceRows;

    ReduceRowStore(QvarnClient qvarn, int pageSize, KeyRowsCache mapRows, KeyRowsCache reduceRows) {
        this.qvarn = qvarn;
        this.pageSize = pageSize;
        this.mapRows = mapRows;
        this.reduceRows = reduceRows;
    }

    /** The key's map rows (a key too large for one page is read page by page as they are iterated). */
    KeyRows mapRows(String mapTarget, String key) {
        return KeyRows.knownOrRead(mapRows, qvarn, mapTarget, key, pageSize);
    }

    /** A map row the reduce deleted. */
    void mapRowDeleted(String mapTarget, String key, String id) {
        mapRows.removed(mapTarget, key, id);
    }

    /** A map row delete failed or its reply was lost: the key's map rows are not known. */
    void mapRowsUnknown(String mapTarget, String key) {
        mapRows.unknown(mapTarget, key);
    }

    /**
     * The key's reduce rows, newest first by {@code _mr_timestamp} (the writer keeps the newest and deletes the
     * others). Never assumed empty for want of map rows: a store another writer left may hold reduce rows of a
     * key that has none.
     */
    List<ObjectNode> reduceRows(String target, String key) {
        List<ObjectNode> rows = reduceRows.getOrLearn(target, key, listing(target));
        if (rows == null) {
            long stamp = reduceRows.stamp();
            rows = search(target, key);
            reduceRows.loaded(target, key, rows, stamp);
        }
        rows.sort(NEWEST_FIRST);
        return rows;
    }

    /** The key's reduce rows as Qvarn holds them now, newest first (after a conflict: not from memory). */
    List<ObjectNode> search(String target, String key) {
        List<ObjectNode> rows = new ArrayList<>(ExactText.filter(
                qvarn.search(ExactText.exact(target, MrFields.KEY, key).showAll()), MrFields.KEY, key));
        rows.sort(NEWEST_FIRST);
        return rows;
    }

    /** Every reduce row of the key after writes that succeeded. */
    void reduceRowsAre(String target, String key, List<ObjectNode> stored) {
        reduceRows.replaced(target, key, stored);
    }

    /** A reduce row write failed or its reply was lost: what Qvarn holds is not known, the next read searches. */
    void reduceRowsUnknown(String target, String key) {
        reduceRows.unknown(target, key);
    }

    /** Forgets every remembered row (reconciliation must see what Qvarn really holds). */
    void forget() {
        reduceRows.clear();
        mapRows.clear();
    }

    /**
     * Before a walk that reduces every key of {@code reduce}'s map target: learns the reduce target and the map
     * target now (while they fit the cache), so the walk sends no search per key.
     */
    void learnForWalk(HandlerBinding reduce) {
        reduceRows.learnNow(reduce.target(), listing(reduce.target()));
        mapRows.learnNow(reduce.source(), listing(reduce.source()));
    }

    /**
     * Every key of {@code mapTarget} that holds map rows, with how many, in key order, when the type is learned
     * (see {@link #learnForWalk}); null when it is not (the caller pages the type's keys instead).
     */
    SortedMap<String, Integer> learnedKeys(String mapTarget) {
        Map<String, List<ObjectNode>> learned = mapRows.all(mapTarget);
        if (learned == null) {
            return null;
        }
        SortedMap<String, Integer> keys = new TreeMap<>();
        learned.forEach((key, rows) -> {
            if (!key.isEmpty()) {
                keys.put(key, rows.size());
            }
        });
        return keys;
    }

    /**
     * The keys whose only reduce row already has {@code reduce}'s version (a resumed resync skips them): from
     * the learned reduce target, else from a paged read of its keys and versions.
     */
    Set<String> keysAtVersion(HandlerBinding reduce) {
        Set<String> atVersion = new HashSet<>();
        Map<String, List<ObjectNode>> learned = reduceRows.all(reduce.target());
        if (learned != null) {
            learned.forEach((key, rows) -> {
                if (rows.size() == 1 && MrFields.version(rows.get(0)) == reduce.version()) {
                    atVersion.add(key);
                }
            });
            return atVersion;
        }
        Set<String> seen = new HashSet<>();
        IdPages.forEach(qvarn, Search.on(reduce.target()).show(MrFields.KEY).show(MrFields.VERSION), pageSize,
                row -> {
                    String key = MrFields.text(row, MrFields.KEY);
                    if (!seen.add(key)) {
                        atVersion.remove(key); // several rows: the walk reduces them to one
                    } else if (MrFields.version(row) == reduce.version()) {
                        atVersion.add(key);
                    }
                    return true;
                });
        return atVersion;
    }

    private IntFunction<Optional<List<ObjectNode>>> listing(String type) {
        return maxRows -> IdPages.upTo(qvarn, type, pageSize, maxRows);
    }
}
