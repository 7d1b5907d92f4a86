package org.qvarnmr.camel.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.binding.HandlerKind;
import org.qvarnmr.camel.handler.HandlerContext;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reduce step for one key of one map target (section 3.4 of the original's semantics): postpone
 * while the key's rows carry mixed handler versions and a resync of the map target is under way (else
 * map the stray rows' sources again, see {@link VersionRepair}), delete the reduce row when no live rows
 * are left, otherwise run the reduce handler and write its result; then drop the rows marked
 * {@code _mr_deleted}. The rows are read by a {@link ReduceRowStore} and written by a {@link ReduceRowWriter}.
 */
public final class ReduceStep {
    private static final Logger LOG = LoggerFactory.getLogger(ReduceStep.class);
    private final QvarnClient qvarn;
    private final HandlerBindings bindings;
    private final KeyedLocks locks;
    private final SourceCache sources;
    private final ReduceRowStore store;
    private final ReduceRowWriter writer;
    private final VersionRepair repair;

    /**
     * @param keyRows         the map rows of keys, shared with the map step
     * @param conflictRetries see {@link ReduceRowWriter}
     */
    public ReduceStep(QvarnClient qvarn, HandlerBindings bindings, KeyedLocks locks, int pageSize, Clock clock,
                      SourceCache sources, int cacheSize, int conflictRetries, KeyRowsCache keyRows,
                      VersionRepair repair) {
        this.qvarn = qvarn;
        this.bindings = bindings;
        this.locks = locks;
        this.sources = sources;
        this.store = new ReduceRowStore(qvarn, pageSize, keyRows, new KeyRowsCache(cacheSize, pageSize));
        this.writer = new ReduceRowWriter(qvarn, store, clock, conflictRetries);
        this.repair = repair;
    }

    void onWrite(DerivedWriteListener listener) {
        writer.onWrite(listener);
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
        KeyRows rows = store.mapRows(ref.mapTarget(), ref.key());
        RowCheck check = RowCheck.of(rows.singlePage() ? rows.firstPage() : rows, mapVersions(ref.mapTarget()));
        if (!check.strays.isEmpty()) {
            LOG.debug("{}: {} map rows of another version than their handler's", ref, check.strays.size());
            return new Reduced(ReduceOutcome.POSTPONED, check.strays);
        }
        List<ObjectNode> existing = store.reduceRows(binding.target(), ref.key());
        JsonNode result = check.live == 0 ? null : runHandler(binding, ref, rows);
        boolean wrote = writer.write(binding, ref.key(), result, existing);
        writer.deleteMarked(ref.mapTarget(), ref.key(), check.markedIds);
        return new Reduced(wrote || !check.markedIds.isEmpty() ? ReduceOutcome.DONE : ReduceOutcome.UNCHANGED,
                List.of());
    }

    private JsonNode runHandler(HandlerBinding binding, KeyRef ref, KeyRows rows) {
        return ReduceResults.run(binding, ref.key(), rows.where(row -> !QvarnValues.isTrue(row.get(MrFields.DELETED))),
                new HandlerContext(qvarn, binding.source(), binding.target(), sources));
    }

    /** Forgets every remembered row (reconciliation must see what Qvarn really holds). */
    public void forgetRows() {
        store.forget();
    }

    /** See {@link ReduceRowStore#learnForWalk}. */
    void learnForWalk(HandlerBinding reduce) {
        store.learnForWalk(reduce);
    }

    /** See {@link ReduceRowStore#learnedKeys}. */
    SortedMap<String, Integer> learnedKeys(String mapTarget) {
        return store.learnedKeys(mapTarget);
    }

    /** See {@link ReduceRowStore#keysAtVersion}. */
    Set<String> keysAtVersion(HandlerBinding reduce) {
        return store.keysAtVersion(reduce);
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
