package org.qvarnmr.camel.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.handler.HandlerContext;
import org.qvarnmr.camel.handler.KeyValue;
import org.qvarnmr.camel.qvarn.client.ExactText;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The map step for one changed source resource: runs every map handler of its type, then brings each
 * target's rows for this resource up to date. All handlers run before anything is written, so a failing
 * handler leaves the previous results in place. Rows leaving their key in a target a reduce reads are
 * written by {@link #writeDeferred} once the whole batch is mapped (see {@link MapRowPlan}).
 */
public final class MapStep {
    private static final Logger LOG = LoggerFactory.getLogger(MapStep.class);

    private final QvarnClient qvarn;
    private final HandlerBindings bindings;
    private final KeyedLocks locks;
    /** When each source was last mapped from a fresh read (nanoTime), so a resync never overwrites fresher work. */
    private final Map<String, Long> mappedAt = new ConcurrentHashMap<>();
    private final MapRowWriter writer;
    private final OldRows oldRows;
    /**
     * Sources a resync or reconciliation wrote rows for: a later "created" notification of one of them is
     * not fresh. Bounded; past the bound, fresh changes are no longer trusted at all in this process.
     */
    private final Set<String> resyncWrote = ConcurrentHashMap.newKeySet();
    private volatile boolean resyncWroteOverflow;
    private static final int RESYNC_WROTE_LIMIT = 1_000_000;

    private final SourceCache sources;
    private final KeyRowsCache keyRows;
    private final int pageSize;

    public MapStep(QvarnClient qvarn, HandlerBindings bindings, KeyedLocks locks, SourceCache sources,
                   KeyRowsCache keyRows, int pageSize) {
        this.qvarn = qvarn;
        this.bindings = bindings;
        this.locks = locks;
        this.sources = sources;
        this.keyRows = keyRows;
        this.pageSize = pageSize;
        this.writer = new MapRowWriter(qvarn, keyRows);
        this.oldRows = new OldRows(qvarn, bindings, pageSize);
    }

    /** Reads the rows {@code changes}' sources hold before their pass where listing beats searching ({@link OldRows}). */
    public void prefetchOldRows(List<Change> changes) {
        oldRows.prefetch(changes);
    }

    /** Maps a change from a notification; {@code retry} as in {@link #apply(Change, ObjectNode, List, boolean)}. */
    public MapResult apply(Change change, boolean retry) {
        return apply(change, null, bindings.mapHandlersOf(change.sourceType()), retry);
    }

    /**
     * @param retry true when this change was tried before in this exchange (a redelivery): an earlier try
     *              may have written rows, so they are looked for even for a fresh change
     */
    public MapResult apply(Change change, ObjectNode prefetched, List<HandlerBinding> handlers, boolean retry) {
        return locks.withLock("map:" + change.sourceType() + "/" + change.resourceId(),
                () -> applyLocked(change, prefetched, handlers, retry));
    }

    /**
     * The resync's variant: maps one source resource read in a page at {@code readAt} (System.nanoTime),
     * against its rows read in bulk. Returns null, doing nothing, when a live change mapped this resource
     * after the page was read (the live result is fresher). {@code resource} null means the source is
     * gone and its rows are orphans.
     */
    public MapResult resync(HandlerBinding binding, String sourceId, ObjectNode resource, List<ObjectNode> knownRows,
                            long readAt) {
        String lockKey = "map:" + binding.source() + "/" + sourceId;
        return locks.withLock(lockKey, () -> {
            oldRows.drop(binding.target(), binding.source(), sourceId); // a live change searches its rows afresh
            Long mapped = mappedAt.get(lockKey);
            if (mapped != null && mapped - readAt > 0) {
                return null;
            }
            Change change = resource == null
                    ? new Change(binding.source(), sourceId, ChangeKind.DELETE, List.of(), true)
                    : Change.resync(binding.source(), sourceId);
            if (resource != null) {
                sources.put(binding.source(), resource);
            }
            List<KeyValue> pairs = resource == null ? List.of() : runHandler(binding, resource, change);
            boolean reduced = bindings.reduceHandlerOf(binding.target()).isPresent();
            MapRowPlan plan = MapRowPlanner.plan(binding, sourceId, knownRows, pairs, reduced);
            if (plan.writes() > 0) {
                rememberResyncWrite(binding.source() + "/" + sourceId);
            }
            writer.write(binding.target(), plan, knownRows);
            // A resync maps sources one by one, with no batch to anchor a key: rows leaving theirs are marked.
            int writes = plan.writes() - plan.deferred().size()
                    + writeLeaving(plan.deferred(), Set.of(), new LinkedHashSet<>());
            Set<KeyRef> touched = new LinkedHashSet<>();
            boolean crashedBefore = knownRows.stream().anyMatch(r -> QvarnValues.isTrue(r.get(MrFields.DELETED)));
            if (plan.writes() > 0 || resource == null || crashedBefore) {
                plan.touchedKeys().forEach(k -> touched.add(new KeyRef(binding.target(), k)));
            }
            return new MapResult(change, touched, writes);
        });
    }

    /**
     * Maps one source again as {@link #resync} does, reading it and its rows now; a source that is gone has
     * its rows removed. Null when a live change mapped it meanwhile (its rows are fresher).
     */
    public MapResult remap(HandlerBinding binding, String sourceId) {
        long readAt = System.nanoTime();
        ObjectNode resource = qvarn.find(binding.source(), sourceId).orElse(null);
        return resync(binding, sourceId, resource, existingRows(binding, sourceId), readAt);
    }

    private void rememberResyncWrite(String source) {
        if (resyncWrote.size() >= RESYNC_WROTE_LIMIT) {
            resyncWroteOverflow = true;
            resyncWrote.clear();
        } else if (!resyncWroteOverflow) {
            resyncWrote.add(source);
        }
    }

    /** Forgets old entries of the fresher-work map; called between resync pages. */
    public void forgetMappedBefore(long nanoTime) {
        mappedAt.values().removeIf(t -> t - nanoTime < 0);
    }

    private MapResult applyLocked(Change change, ObjectNode prefetched, List<HandlerBinding> handlers,
                                  boolean retry) {
        boolean noRowsYet = change.fresh() && !retry && !resyncWroteOverflow
                && !resyncWrote.contains(change.sourceType() + "/" + change.resourceId());
        if (handlers.isEmpty()) {
            return new MapResult(change, Set.of());
        }
        ObjectNode resource = null;
        if (change.kind() == ChangeKind.UPSERT) {
            resource = prefetched != null ? prefetched
                    : qvarn.find(change.sourceType(), change.resourceId())
                            .orElseThrow(() -> new SourceNotVisibleException(change));
            sources.put(change.sourceType(), resource);
        } else {
            sources.forget(change.sourceType(), change.resourceId());
        }
        List<List<KeyValue>> outputs = new ArrayList<>(handlers.size());
        for (HandlerBinding binding : handlers) {
            outputs.add(resource == null ? List.of() : runHandler(binding, resource, change));
        }
        Set<KeyRef> touched = new LinkedHashSet<>();
        Set<KeyRef> anchors = new LinkedHashSet<>();
        List<RowMove> deferred = new ArrayList<>();
        int writes = 0;
        boolean sameAsCreated = !retry && resource != null && change.createdRevision() != null
                && change.createdRevision().equals(MrFields.text(resource, "revision"));
        for (int i = 0; i < handlers.size(); i++) {
            HandlerBinding binding = handlers.get(i);
            boolean reduced = bindings.reduceHandlerOf(binding.target()).isPresent();
            // A fresh resource has no rows anywhere: one search per target saved for every new resource. One
            // still at its created revision can only have rows under the keys it emits now: those keys' rows
            // are read once for all their sources (and kept for the reduce) instead of a search per source.
            List<ObjectNode> existing = noRowsYet ? List.of()
                    : sameAsCreated ? rowsUnderKeys(binding, change.resourceId(), outputs.get(i)) : null;
            if (existing == null && !retry) {
                existing = oldRows.take(binding, change.resourceId());
            }
            if (existing == null) {
                existing = existingRows(binding, change.resourceId());
            }
            MapRowPlan plan = MapRowPlanner.plan(binding, change.resourceId(), existing, outputs.get(i), reduced);
            writer.write(binding.target(), plan, existing);
            writes += plan.writes();
            deferred.addAll(plan.deferred());
            plan.touchedKeys().forEach(k -> touched.add(new KeyRef(binding.target(), k)));
            plan.anchorKeys().forEach(k -> anchors.add(new KeyRef(binding.target(), k)));
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} -> {}: {} created, {} updated, {} moved, {} deleted, {} leaving their key later",
                        change, binding.target(), plan.creates().size(), plan.updates().size(), plan.moves().size(),
                        plan.deletes().size(), plan.deferred().size());
            }
        }
        if (!change.resync()) {
            mappedAt.put("map:" + change.sourceType() + "/" + change.resourceId(), System.nanoTime());
        }
        return new MapResult(change, touched, writes, deferred, anchors);
    }

    /**
     * Writes the rows of {@code result} that leave their key (see {@link MapRowPlan}), under the source's
     * lock; {@code anchors}: the anchor keys of every change of the batch that was mapped. {@code retry}
     * when this was tried before in this exchange: the source is mapped again from fresh reads first (an
     * earlier try may have moved rows), still reducing the keys the first try touched.
     */
    public MapResult writeDeferred(MapResult result, Set<KeyRef> anchors, boolean retry) {
        Change change = result.change();
        return locks.withLock("map:" + change.sourceType() + "/" + change.resourceId(), () -> {
            MapResult current = retry
                    ? applyLocked(change, null, bindings.mapHandlersOf(change.sourceType()), true) : result;
            Set<KeyRef> arrived = new LinkedHashSet<>();
            int written = writeLeaving(current.deferred(), anchors, arrived);
            return current.settled(written, result.touchedKeys(), arrived);
        });
    }

    /**
     * Writes rows leaving their key, in place where {@code anchors} hold the old key; adds the keys moved rows
     * arrived under to {@code arrived}; returns how many requests that took.
     */
    private int writeLeaving(List<RowMove> moves, Set<KeyRef> anchors, Set<KeyRef> arrived) {
        int written = 0;
        for (RowMove move : moves) {
            written += writer.writeLeaving(move, anchors.contains(move.oldKeyRef()));
            if (!move.removal()) {
                arrived.add(new KeyRef(move.target(), MrFields.text(move.to(), MrFields.KEY)));
            }
        }
        return written;
    }

    private List<KeyValue> runHandler(HandlerBinding binding, ObjectNode resource, Change change) {
        try {
            List<KeyValue> pairs = binding.mapHandler().map(resource,
                    new HandlerContext(qvarn, binding.source(), binding.target(), sources));
            return pairs == null ? List.of() : pairs;
        } catch (Exception e) {
            throw new HandlerException(binding.where() + " failed on resource " + change.resourceId() + ": " + e, e);
        }
    }

    private List<ObjectNode> existingRows(HandlerBinding binding, String sourceId) {
        // Qvarn's exact match ignores case, and one id could in theory appear under two source types: only this
        // handler's rows of exactly this id count.
        return qvarn.search(ExactText.exact(binding.target(), MrFields.SOURCE_ID, sourceId).showAll()).stream()
                .filter(row -> MrFields.isRowOf(row, binding.source(), sourceId)).toList();
    }

    /**
     * The rows of {@code sourceId} under the keys in {@code pairs}, from the key cache or one search per key
     * not cached; null when a key has more rows than one page (then searching by source is cheaper).
     */
    private List<ObjectNode> rowsUnderKeys(HandlerBinding binding, String sourceId, List<KeyValue> pairs) {
        Set<String> keys = new LinkedHashSet<>();
        for (KeyValue pair : pairs) {
            String key = MapRowPlanner.keyText(binding, sourceId, pair.key());
            if (key != null) {
                keys.add(key);
            }
        }
        List<ObjectNode> mine = new ArrayList<>();
        for (String key : keys) {
            KeyRows rows = KeyRows.knownOrRead(keyRows, qvarn, binding.target(), key, pageSize);
            if (!rows.singlePage()) {
                return null;
            }
            for (ObjectNode row : rows.firstPage()) {
                if (MrFields.isRowOf(row, binding.source(), sourceId)) {
                    mine.add(row);
                }
            }
        }
        return mine;
    }

    void onWrite(DerivedWriteListener listener) {
        writer.onWrite(listener);
    }
}
