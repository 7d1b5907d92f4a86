package org.qvarnmr.camel.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.binding.HandlerKind;
import org.qvarnmr.camel.handler.HandlerContext;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnConflictException;
import org.qvarnmr.camel.qvarn.client.QvarnValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reduce step for one key of one map target (section 3.4 of the original's semantics): postpone
 * while the key's rows carry mixed handler versions, delete the reduce row when no live rows are left,
 * otherwise run the reduce handler and write its result; then drop the rows marked {@code _mr_deleted}.
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
    /** The reduce rows this worker wrote or read last, by target and key: it is their only writer. */
    private final LruCache<String, List<ObjectNode>> reduceRows;
    private final int cacheSize;
    /** A resync reduce walk's listing of its reduce target, by target, while the walk runs. */
    private final Map<String, ReduceRowsListing> listings = new ConcurrentHashMap<>();

    /** The map rows of keys, shared with the map step (both keep it true to their writes). */
    private final KeyRowsCache keyRows;

    /**
     * @param conflictRetries how often a reduce row update that met a 409 is tried again at once on the row's
     *                        new revision ({@code qvarnmr.retry.redeliveries}): a re-read resolves a
     *                        conflict, so there is no back-off to wait
     */
    public ReduceStep(QvarnClient qvarn, HandlerBindings bindings, KeyedLocks locks, int pageSize, Clock clock,
                      SourceCache sources, int cacheSize, int conflictRetries, KeyRowsCache keyRows) {
        this.conflictRetries = conflictRetries;
        this.qvarn = qvarn;
        this.keyRows = keyRows;
        this.sources = sources;
        this.reduceRows = new LruCache<>(cacheSize);
        this.cacheSize = cacheSize;
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
        return locks.withLock("reduce:" + ref.mapTarget() + "/" + ref.key(), () -> reduceLocked(binding, ref));
    }

    private ReduceOutcome reduceLocked(HandlerBinding binding, KeyRef ref) {
        KeyRows rows = KeyRows.knownOrRead(keyRows, qvarn, ref.mapTarget(), ref.key(), pageSize);
        Map<String, Long> versions = mapVersions(ref.mapTarget());
        RowCheck check = RowCheck.of(rows.singlePage() ? rows.firstPage() : rows, versions);
        if (check.mixedVersions) {
            LOG.debug("{}: map rows have mixed versions; postponed", ref);
            return ReduceOutcome.POSTPONED;
        }
        List<ObjectNode> existing = existingReduceRows(binding.target(), ref, check.live > 0);
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
        return wrote || !check.markedIds.isEmpty() ? ReduceOutcome.DONE : ReduceOutcome.UNCHANGED;
    }

    private JsonNode runHandler(HandlerBinding binding, KeyRef ref, KeyRows rows) {
        return ReduceResults.run(binding, ref.key(), rows.where(row -> !QvarnValues.isTrue(row.get(MrFields.DELETED))),
                new HandlerContext(qvarn, binding.source(), binding.target(), sources));
    }

    /**
     * The key's reduce rows, newest first by {@code _mr_timestamp} (duplicates are reduced to the newest
     * on write). Served from memory when this worker wrote or read them last.
     */
    private List<ObjectNode> existingReduceRows(String target, KeyRef ref, boolean live) {
        boolean noneWritten = keyRows.takeNoReduceRow(ref.mapTarget(), ref.key());
        List<ObjectNode> cached = reduceRows.get(target + "/" + ref.key());
        if (cached != null) {
            return cached;
        }
        ReduceRowsListing listing = listings.get(target);
        List<ObjectNode> listed = listing == null ? null : listing.rowsOf(ref.key());
        if (listed != null) {
            return listed;
        }
        // A key seen without map rows had no reduce row then, and only this worker writes one. A key without
        // live rows is searched all the same: a stray reduce row (reconciliation's case) must be found to go.
        return noneWritten && live ? List.of() : searchReduceRows(target, ref.key());
    }


    private List<ObjectNode> searchReduceRows(String target, String key) {
        List<ObjectNode> rows = new ArrayList<>(KeySearch.filter(
                qvarn.search(KeySearch.exact(target, MrFields.KEY, key).showAll()), MrFields.KEY, key));
        rows.sort(Comparator.comparingLong(MrFields::timestamp).reversed());
        return rows;
    }

    /** Forgets every remembered reduce row (reconciliation must see what Qvarn really holds). */
    public void forgetRows() {
        reduceRows.clear();
        listings.values().forEach(ReduceRowsListing::abandon);
        keyRows.clear();
    }

    /**
     * Starts a listing of {@code target}'s reduce rows that serves the keys it holds (and answers "none"
     * for the keys it does not) until {@link #endListing}; registered before its first page is read, so
     * every write finished after that overrides it.
     */
    ReduceRowsListing startListing(String target) {
        ReduceRowsListing listing = new ReduceRowsListing(cacheSize);
        listings.put(target, listing);
        return listing;
    }

    void endListing(String target) {
        listings.remove(target);
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
                List<ObjectNode> again = searchReduceRows(binding.target(), key);
                current = again.isEmpty() ? null : again.get(0);
            }
        }
    }

    /** The key's reduce rows after a write (null: unknown); a running listing no longer answers for it. */
    private void remember(String target, String key, List<ObjectNode> stored) {
        if (stored == null) {
            reduceRows.remove(target + "/" + key);
        } else {
            reduceRows.put(target + "/" + key, stored);
        }
        ReduceRowsListing listing = listings.get(target);
        if (listing != null) {
            listing.written(key);
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

    /** One pass over a key's rows: how many are live, which are marked, whether versions agree. */
    private static final class RowCheck {
        int live;
        boolean mixedVersions;
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
                    check.mixedVersions = true;
                }
            }
            return check;
        }
    }
}
