package org.qvarnmr.camel.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.binding.HandlerKind;
import org.qvarnmr.camel.handler.HandlerContext;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnConflictException;
import org.qvarnmr.camel.qvarn.client.QvarnValues;
import org.qvarnmr.camel.qvarn.client.Search;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reduce step for one key of one map target (section 3.4 of the original's semantics): postpone
 * while the key's rows carry mixed handler versions and a resync of the map target is under way (else
 * map the stray rows' sources again, see {@link VersionRepair}), delete the reduce row when no live rows
 * are left, otherwise run the reduce handler and write its result; then drop the rows marked
 * {@code _mr_deleted}. A key never gets a second reduce row, and one that holds several ends with one.
 */
public final class ReduceStep {
    private static final Logger LOG = LoggerFactory.getLogger(ReduceStep.class);
    private final int conflictRetries;
    private final QvarnClient qvarn;
    private final HandlerBindings bindings;
    private final KeyedLocks locks;
    private final int pageSize;
    private final Clock clock;
    private volatile DerivedWriteListener writes = DerivedWriteListener.NONE;

    private final SourceCache sources;
    /** The reduce rows this worker read or wrote last, by target and key (or every one of a learned target). */
    private final KeyRowsCache reduceRows;

    /** The map rows of keys, shared with the map step (both keep it true to their writes). */
    private final KeyRowsCache keyRows;
    private final VersionRepair repair;

    /**
     * @param conflictRetries how often a reduce row update that met a 409 is tried again at once on the row's
     *                        new revision ({@code qvarnmr.retry.redeliveries}): a re-read resolves a
     *                        conflict, so there is no back-off to wait
     */
    public ReduceStep(QvarnClient qvarn, HandlerBindings bindings, KeyedLocks locks, int pageSize, Clock clock,
                      SourceCache sources, int cacheSize, int conflictRetries, KeyRowsCache keyRows,
                      VersionRepair repair) {
        this.conflictRetries = conflictRetries;
        this.qvarn = qvarn;
        this.keyRows = keyRows;
        this.repair = repair;
        this.sources = sources;
        this.reduceRows = new KeyRowsCache(cacheSize, pageSize);
        this.bindings = bindings;
        this.locks = locks;
        this.pageSize = pageSize;
        this.clock = clock;
    }

    void onWrite(DerivedWriteListener listener) {
        this.writes = listener;
    }

    public ReduceOutcome reduce(KeyRef ref) {
        HandlerBinding binding = bindings.reduceHandlerOf(ref.mapTarget()).orElseThrow(
                () -> new IllegalArgumentException("no reduce handler reads " + ref.mapTarget()));
        Reduced first = reduceOnce(binding, ref);
        if (first.outcome() != ReduceOutcome.POSTPONED || repair.resyncPending(ref.mapTarget())) {
            return first.outcome();
        }
        // No resync will rewrite the rows of another version: their sources are mapped again now. Each
        // repair leaves fewer such rows, so reducing the other keys it touched (the same way) ends.
        for (KeyRef other : repair.remap(ref, first.strays())) {
            if (!other.equals(ref)) {
                reduce(other);
            }
        }
        Reduced again = reduceOnce(binding, ref);
        if (again.outcome() == ReduceOutcome.POSTPONED) {
            throw new IllegalStateException(ref + " still holds map rows of another version after their sources "
                    + "were mapped again at the current version: " + again.strays());
        }
        return ReduceOutcome.DONE;
    }

    private record Reduced(ReduceOutcome outcome, List<VersionRepair.Stray> strays) {
    }

    private Reduced reduceOnce(HandlerBinding binding, KeyRef ref) {
        return locks.withLock("reduce:" + ref.mapTarget() + "/" + ref.key(), () -> reduceLocked(binding, ref));
    }

    private Reduced reduceLocked(HandlerBinding binding, KeyRef ref) {
        KeyRows rows = KeyRows.knownOrRead(keyRows, qvarn, ref.mapTarget(), ref.key(), pageSize);
        Map<String, Long> versions = mapVersions(ref.mapTarget());
        RowCheck check = RowCheck.of(rows.singlePage() ? rows.firstPage() : rows, versions);
        if (!check.strays.isEmpty()) {
            LOG.debug("{}: {} map rows of another version than their handler's", ref, check.strays.size());
            return new Reduced(ReduceOutcome.POSTPONED, check.strays);
        }
        List<ObjectNode> existing = existingReduceRows(binding.target(), ref.key());
        boolean wrote;
        JsonNode result = check.live == 0 ? null : runHandler(binding, ref, rows);
        try {
            if (result == null) {
                for (ObjectNode row : existing) {
                    qvarn.delete(binding.target(), row.get("id").asText());
                    writes.written(binding.target(), row.get("id").asText(), ref.key(), "delete");
                }
                remember(binding.target(), ref.key(), List.of());
                wrote = !existing.isEmpty();
            } else {
                wrote = write(binding, ref.key(), result, existing);
            }
        } catch (RuntimeException e) {
            // What Qvarn holds is not known after a failed or lost write: the next reduce searches.
            remember(binding.target(), ref.key(), null);
            throw e;
        }
        for (String id : check.markedIds) {
            try {
                qvarn.delete(ref.mapTarget(), id);
            } catch (RuntimeException e) {
                keyRows.unknown(ref.mapTarget(), ref.key());
                throw e;
            }
            keyRows.removed(ref.mapTarget(), ref.key(), id);
            writes.written(ref.mapTarget(), id, ref.key(), "delete");
        }
        return new Reduced(wrote || !check.markedIds.isEmpty() ? ReduceOutcome.DONE : ReduceOutcome.UNCHANGED,
                List.of());
    }

    private JsonNode runHandler(HandlerBinding binding, KeyRef ref, KeyRows rows) {
        return ReduceResults.run(binding, ref.key(), rows.where(row -> !QvarnValues.isTrue(row.get(MrFields.DELETED))),
                new HandlerContext(qvarn, binding.source(), binding.target(), sources));
    }

    /**
     * The key's reduce rows, newest first by {@code _mr_timestamp} (duplicates are reduced to the newest
     * on write): from memory when this worker read or wrote them, or learned the whole target (see {@link
     * KeyRowsCache}), else searched. Never assumed empty for want of map rows: a store another writer left
     * may hold reduce rows of a key that has none.
     */
    private List<ObjectNode> existingReduceRows(String target, String key) {
        List<ObjectNode> rows = reduceRows.getOrLearn(target, key, listing(target));
        if (rows == null) {
            long stamp = reduceRows.stamp();
            rows = searchReduceRows(target, key);
            reduceRows.loaded(target, key, rows, stamp);
        }
        rows.sort(Comparator.comparingLong(MrFields::timestamp).reversed());
        return rows;
    }

    private IntFunction<Optional<List<ObjectNode>>> listing(String type) {
        return maxRows -> TypeListing.upTo(qvarn, type, pageSize, maxRows);
    }

    private List<ObjectNode> searchReduceRows(String target, String key) {
        List<ObjectNode> rows = new ArrayList<>(KeySearch.filter(
                qvarn.search(KeySearch.exact(target, MrFields.KEY, key).showAll()), MrFields.KEY, key));
        rows.sort(Comparator.comparingLong(MrFields::timestamp).reversed());
        return rows;
    }

    /** Forgets every remembered row (reconciliation must see what Qvarn really holds). */
    public void forgetRows() {
        reduceRows.clear();
        keyRows.clear();
    }

    /**
     * Before a walk that reduces every key of {@code reduce}'s map target: learns the reduce target and the map
     * target now (while they fit the cache), so the walk sends no search per key.
     */
    void learnForWalk(HandlerBinding reduce) {
        reduceRows.learnNow(reduce.target(), listing(reduce.target()));
        keyRows.learnNow(reduce.source(), listing(reduce.source()));
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
        TypeListing.forEachPage(qvarn, Search.on(reduce.target()).show(MrFields.KEY).show(MrFields.VERSION), pageSize,
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

    /** Writes the result; returns whether anything was written. */
    private boolean write(HandlerBinding binding, String key, JsonNode result, List<ObjectNode> existing) {
        for (int i = 1; i < existing.size(); i++) {
            qvarn.delete(binding.target(), existing.get(i).get("id").asText());
            writes.written(binding.target(), existing.get(i).get("id").asText(), key, "delete");
        }
        ObjectNode body = ReduceResults.body(binding, key, result);
        ObjectNode current = existing.isEmpty() ? null : existing.get(0);
        for (int attempt = 0; ; attempt++) {
            if (attempt > 0) {
                List<ObjectNode> again = searchReduceRows(binding.target(), key);
                for (int i = 1; i < again.size(); i++) { // written meanwhile beside the worker: still only one
                    qvarn.delete(binding.target(), again.get(i).get("id").asText());
                    writes.written(binding.target(), again.get(i).get("id").asText(), key, "delete");
                }
                current = again.isEmpty() ? null : again.get(0);
                existing = current == null ? List.of() : List.of(current);
            }
            if (current == null) {
                body.put(MrFields.TIMESTAMP, nanosNow());
                ObjectNode created = qvarn.create(binding.target(), body);
                remember(binding.target(), key, List.of(created));
                writes.written(binding.target(), MrFields.text(created, "id"), key, "create");
                return true;
            }
            if (existing.size() == 1 && ReduceResults.says(body, current)) {
                remember(binding.target(), key, List.of(current));
                return false; // already says this: no write, no notification downstream
            }
            ObjectNode put = body.deepCopy();
            put.put(MrFields.TIMESTAMP, nanosNow());
            put.set("revision", current.get("revision"));
            try {
                remember(binding.target(), key, List.of(
                        qvarn.update(binding.target(), current.get("id").asText(), put)));
                writes.written(binding.target(), current.get("id").asText(), key, "update");
                return true;
            } catch (QvarnConflictException e) {
                if (attempt >= conflictRetries) {
                    throw e;
                }
            }
        }
    }

    /** The key's reduce rows after a write (null: unknown). */
    private void remember(String target, String key, List<ObjectNode> stored) {
        if (stored == null) {
            reduceRows.unknown(target, key);
        } else {
            reduceRows.replaced(target, key, stored);
        }
    }

    private long nanosNow() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** The current version of each map handler writing {@code mapTarget}, by source type. */
    private Map<String, Long> mapVersions(String mapTarget) {
        Map<String, Long> versions = new HashMap<>();
        for (HandlerBinding b : bindings.all()) {
            if (b.kind() == HandlerKind.MAP && b.target().equals(mapTarget)) {
                versions.put(b.source(), (long) b.version());
            }
        }
        return versions;
    }

    /** One pass over a key's rows: how many are live, which are marked, which have another version. */
    private static final class RowCheck {
        int live;
        final List<VersionRepair.Stray> strays = new ArrayList<>();
        final List<String> markedIds = new ArrayList<>();

        static RowCheck of(Iterable<ObjectNode> rows, Map<String, Long> versions) {
            RowCheck check = new RowCheck();
            for (ObjectNode row : rows) {
                if (QvarnValues.isTrue(row.get(MrFields.DELETED))) {
                    check.markedIds.add(row.get("id").asText());
                    continue;
                }
                check.live++;
                Long expected = versions.get(MrFields.text(row, MrFields.SOURCE_TYPE));
                if (expected != null && expected != MrFields.version(row)) {
                    check.strays.add(new VersionRepair.Stray(MrFields.text(row, MrFields.SOURCE_TYPE),
                            MrFields.text(row, MrFields.SOURCE_ID), MrFields.version(row)));
                }
            }
            return check;
        }
    }
}
