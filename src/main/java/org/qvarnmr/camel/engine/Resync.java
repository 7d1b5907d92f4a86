package org.qvarnmr.camel.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.binding.HandlerKind;
import org.qvarnmr.camel.engine.state.HandlerVersionStore;
import org.qvarnmr.camel.engine.state.OwnershipLostException;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.Search;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resync of handlers whose version is not recorded as synchronised (section 5 of the original's
 * semantics). {@link Reconciliation} is the same walk over every handler, repairing whatever drifted.
 *
 * <p>Done in small steps so live changes flow between them. Every read is a paged bulk search, keyed by
 * id so pages stay right while rows come and go: a page of sources ({@code show_all}) and, in one more
 * search, the map rows of exactly that id range. A source whose rows already say what its handler says
 * costs nothing more, so a resync killed half way resumes where it was at the price of two reads per
 * page. Map handlers go first, reduce handlers after (their keys would otherwise see mixed versions);
 * a reduce resync skips keys whose reduce row already has the version. A version is recorded only when
 * its whole resync succeeded, counting a source its handler can never map (the handler fails on it, or
 * Qvarn refuses its output for good) as done once it is in a dead letter: one bad source would otherwise
 * keep the version unrecorded, and every start resyncing, until the source changes; {@code replay} maps
 * it again once the cause is fixed. A record of another version is cleared before anything is written at
 * the new version ({@link #unrecordPending}), so a resync that fails or is interrupted is done again at
 * the next start whatever version that start has (a bump rolled back included). Memory is bounded by the
 * page size, plus the keys of the reduce resync and, while they fit {@code qvarnmr.cache-size}, the rows
 * of its reduce and map targets.
 */
public final class Resync {
    private static final Logger LOG = LoggerFactory.getLogger(Resync.class);

    private final QvarnClient qvarn;
    private final HandlerBindings bindings;
    private final HandlerVersionStore versions;
    private final MapStep mapStep;
    private final ReduceStep reduceStep;
    private final ExecutorService pool;
    private final int pageSize;
    private final boolean reconcile;
    private final Deque<HandlerBinding> mapQueue = new ArrayDeque<>();
    private final Deque<HandlerBinding> reduceQueue = new ArrayDeque<>();
    /** The map targets some map walk has yet to finish: read from reducing threads, hence concurrent. */
    private final Set<String> mapTargetsPending = ConcurrentHashMap.newKeySet();
    /** Counted from the pool's threads while step() holds this object's lock: hence atomic, not synchronized. */
    private final AtomicInteger failures = new AtomicInteger();
    /** Failures of every handler finished so far: a one-shot run's summary and exit code report them. */
    private final AtomicInteger failedInAll = new AtomicInteger();
    private final AtomicLong repaired = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private volatile long total;
    private volatile long startedAt;
    private volatile String current = "";
    /** Keyset paging: the last id read (offsets would skip rows when others are deleted meanwhile). */
    private String lastId;
    /**
     * Reduce walks queued because their map target was resynced (the reduce handler's own version did not
     * change): they recompute every key, and the map handlers' versions are recorded only when they end,
     * so a walk killed half way is done again at the next start.
     */
    private final Map<HandlerBinding, List<HandlerBinding>> recordAfter = new HashMap<>();
    private final Runnable fence;
    private final DeadLetters deadLetters;
    /** Reduce resync: keys already reduced in this walk, or found at the version. */
    private Set<String> keysDone;

    /** Where the resync sends a source it can never map; throws when the letter cannot be written. */
    @FunctionalInterface
    public interface DeadLetters {
        void write(String sourceType, String resourceId, boolean gone, String error);
    }

    /** The resync of the handlers whose version is not recorded as synchronised. */
    public Resync(QvarnClient qvarn, HandlerBindings bindings, HandlerVersionStore versions, MapStep mapStep,
                  ReduceStep reduceStep, ExecutorService pool, int pageSize, Runnable fence, DeadLetters deadLetters) {
        this(qvarn, bindings, versions, mapStep, reduceStep, pool, pageSize, false, fence, deadLetters);
    }

    /**
     * The walk itself; {@link Reconciliation} runs it over every handler, recording nothing.
     *
     * @param reconcile false: only handlers whose version is not recorded; true: every handler, and
     *                  nothing is recorded (a check of the derived data against the sources)
     * @param fence     run before each source's map and each key's reduce ({@code Ownership.ensureOwner}):
     *                  a worker paused in the middle of a page stops at its next source, not after the page
     */
    Resync(QvarnClient qvarn, HandlerBindings bindings, HandlerVersionStore versions, MapStep mapStep,
           ReduceStep reduceStep, ExecutorService pool, int pageSize, boolean reconcile, Runnable fence,
           DeadLetters deadLetters) {
        this.fence = fence;
        this.deadLetters = deadLetters;
        this.qvarn = qvarn;
        this.bindings = bindings;
        this.versions = versions;
        this.mapStep = mapStep;
        this.reduceStep = reduceStep;
        this.pool = pool;
        this.pageSize = pageSize;
        this.reconcile = reconcile;
        for (HandlerBinding b : bindings.all()) {
            if (reconcile || !versions.isSynced(b)) {
                (b.kind() == HandlerKind.MAP ? mapQueue : reduceQueue).add(b);
            }
        }
        for (HandlerBinding map : mapQueue) {
            mapTargetsPending.add(map.target());
            bindings.reduceHandlerOf(map.target()).ifPresent(reduce -> {
                if (!reduceQueue.contains(reduce)) {
                    reduceQueue.add(reduce);
                }
                recordAfter.computeIfAbsent(reduce, k -> new ArrayList<>()).add(map);
            });
        }
        if (!isDone()) {
            LOG.info("{} needed for {}", reconcile ? "reconciliation" : "resync", describe());
        }
    }

    /**
     * Clears the records of the handlers this resync walks that name another version (see {@link
     * HandlerVersionStore#unrecordOther}); call before any change is mapped at the new versions, since live
     * changes write rows of the new version too.
     */
    public synchronized void unrecordPending() {
        if (!reconcile) {
            mapQueue.forEach(versions::unrecordOther);
            reduceQueue.stream().filter(b -> !versions.isSynced(b)).forEach(versions::unrecordOther);
        }
    }

    public synchronized boolean isDone() {
        return mapQueue.isEmpty() && reduceQueue.isEmpty();
    }

    /**
     * Whether a map walk of {@code mapTarget} is still to run or running: until it ends, rows of the old and
     * the new version meet under a key, which is postponed; the reduce walk queued after it reduces every key.
     */
    public boolean mapsPending(String mapTarget) {
        return mapTargetsPending.contains(mapTarget);
    }

    /** Rows written (map and reduce) so far: for a reconciliation, the rows it repaired. */
    public long repaired() {
        return repaired.get();
    }

    public ResyncProgress progress() {
        int left;
        synchronized (this) {
            left = mapQueue.size() + reduceQueue.size();
        }
        if (left == 0) {
            return new ResyncProgress("", done.get(), total, 0, Duration.ZERO, repaired.get(), 0);
        }
        double seconds = Math.max(0.001, (System.nanoTime() - startedAt) / 1e9);
        double rate = done.get() / seconds;
        long remaining = Math.max(0, total - done.get());
        Duration eta = rate > 0 ? Duration.ofSeconds((long) (remaining / rate)) : Duration.ZERO;
        return new ResyncProgress(current, done.get(), total, rate, eta, repaired.get(), left);
    }

    /** Does one page of work; returns whether work is left. */
    public synchronized boolean step() {
        if (!mapQueue.isEmpty()) {
            HandlerBinding b = mapQueue.peek();
            begin(b);
            mapPage(b);
        } else if (!reduceQueue.isEmpty()) {
            HandlerBinding b = reduceQueue.peek();
            begin(b);
            reducePage(b);
        }
        return !isDone();
    }

    private void begin(HandlerBinding b) {
        String name = b.target() + " <- " + b.source();
        if (!name.equals(current)) {
            // One listing gives the total for progress (ids only; the walk itself reads pages).
            total = qvarn.listIds(b.source()).size();
            current = name;
            done.set(0);
            startedAt = System.nanoTime();
        }
    }

    private void mapPage(HandlerBinding binding) {
        long readAt = System.nanoTime();
        List<ObjectNode> page = qvarn.search(after(Search.on(binding.source()), "id").showAll().sort("id")
                .limit(pageSize));
        String low = lastId;
        String high = page.size() < pageSize ? null : IdPages.lastId(page);
        Map<String, List<ObjectNode>> rows = IdPages.rowsBySource(qvarn, binding, low, high, pageSize);
        List<Runnable> work = new ArrayList<>();
        for (ObjectNode resource : page) {
            String id = resource.get("id").asText();
            List<ObjectNode> known = rows.remove(id);
            work.add(() -> resyncOne(binding, id, resource, known == null ? List.of() : known, readAt));
        }
        // Rows in this id range whose source is gone: orphans (a delete notification that never came).
        rows.forEach((id, known) -> work.add(() -> resyncOne(binding, id, null, known, readAt)));
        Parallel.map(pool, work, r -> {
            r.run();
            return r;
        });
        done.addAndGet(page.size());
        // The keys these rows touch are reduced by the reduce walk queued after the map walks (none are touched when no
        // reduce reads the target): once each, not once per page a key appears in, and only when no map row
        // of the key is left at an older version.
        if (!page.isEmpty()) {
            lastId = IdPages.lastId(page);
        }
        mapStep.forgetMappedBefore(readAt);
        if (high == null) {
            finish(mapQueue);
        }
    }

    private void resyncOne(HandlerBinding binding, String id, ObjectNode resource, List<ObjectNode> known,
                           long readAt) {
        try {
            fence.run();
            MapResult result = mapStep.resync(binding, id, resource, known, readAt);
            if (result != null) {
                repaired.addAndGet(result.writes());
            }
        } catch (OwnershipLostException e) {
            throw e;
        } catch (RuntimeException e) {
            if (deadLettered(binding, id, resource == null, e)) {
                return;
            }
            LOG.error("{} of {} failed on {}/{}: {}", reconcile ? "reconciliation" : "resync", binding.target(),
                    binding.source(), id, e.getMessage());
            failures.incrementAndGet();
        }
    }

    /**
     * Sends a source its handler can never map (it fails on it, or Qvarn refuses its output for good; not
     * when Qvarn was unavailable or refused the worker) to a dead letter; false when it is no such failure
     * or the letter could not be written (then it counts as a failure: never in the void). A reconciliation
     * records nothing, so it only logs.
     */
    private boolean deadLettered(HandlerBinding binding, String id, boolean gone, RuntimeException e) {
        boolean handlers = e instanceof HandlerException || FailureDescription.permanentRefusal(e) != null;
        if (reconcile || !handlers || FailureDescription.retryableQvarnCause(e) != null
                || FailureDescription.credentialsRefusal(e) != null) {
            return false;
        }
        String error = "resync of " + binding.target() + " <- " + binding.source() + " (version " + binding.version()
                + "): " + (e instanceof HandlerException ? "" : binding.where() + ": ")
                + FailureDescription.describe(e);
        try {
            deadLetters.write(binding.source(), id, gone, error);
        } catch (RuntimeException notWritten) {
            LOG.error("cannot write the dead letter of {}/{} ({}): {}", binding.source(), id, notWritten.getMessage(),
                    error);
            return false;
        }
        LOG.error("{}; sent to the dead-letter endpoint, replay it once the cause is fixed", error);
        return true;
    }

    private void reducePage(HandlerBinding binding) {
        if (keysDone == null) {
            boolean everyKey = reconcile || recordAfter.containsKey(binding);
            reduceStep.learnForWalk(binding);
            keysDone = everyKey ? new HashSet<>() : reduceStep.keysAtVersion(binding);
            if (reconcile) {
                reduceOrphans(binding);
            }
        }
        List<ObjectNode> page = qvarn.search(after(Search.on(binding.source()), "id").show(MrFields.KEY).sort("id")
                .limit(pageSize));
        List<KeyRef> keys = new ArrayList<>();
        for (ObjectNode row : page) {
            String key = MrFields.text(row, MrFields.KEY);
            if (key != null && !key.isEmpty() && keysDone.add(key)) {
                keys.add(new KeyRef(binding.source(), key));
            }
        }
        done.addAndGet(page.size());
        reduceAll(keys);
        if (!page.isEmpty()) {
            lastId = IdPages.lastId(page);
        }
        if (page.size() < pageSize) {
            keysDone = null;
            finish(reduceQueue);
        }
    }

    /** Reconciliation: reduce rows whose key has no map row at all are reduced (and so deleted). */
    private void reduceOrphans(HandlerBinding binding) {
        Set<String> mapKeys = new HashSet<>();
        forEachPage(binding.source(), List.of(MrFields.KEY), row -> mapKeys.add(MrFields.text(row, MrFields.KEY)));
        Set<String> orphanKeys = new LinkedHashSet<>();
        forEachPage(binding.target(), List.of(MrFields.KEY), row -> {
            String key = MrFields.text(row, MrFields.KEY);
            if (key != null && !key.isEmpty() && !mapKeys.contains(key)) {
                orphanKeys.add(key);
            }
        });
        reduceAll(orphanKeys.stream().map(k -> new KeyRef(binding.source(), k)).toList());
    }

    private void forEachPage(String type, List<String> fields, java.util.function.Consumer<ObjectNode> each) {
        Search s = Search.on(type);
        for (String f : fields) {
            s = s.show(f);
        }
        TypeListing.forEachPage(qvarn, s, pageSize, row -> {
            each.accept(row);
            return true;
        });
    }

    private void reduceAll(List<KeyRef> keys) {
        List<KeyRef> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
        List<ReduceOutcome> outcomes = Parallel.map(pool, distinct, key -> {
            try {
                fence.run();
                return reduceStep.reduce(key);
            } catch (OwnershipLostException e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.error("{} reduce of {} failed: {}", reconcile ? "reconciliation" : "resync", key, e.getMessage());
                failures.incrementAndGet();
                return ReduceOutcome.UNCHANGED;
            }
        });
        for (int i = 0; i < distinct.size(); i++) {
            // POSTPONED only meets a reconciliation beside the automatic resync's map walk: that resync
            // reduces the key after its walk. A resync's own reduce walk runs after its map walks, so the
            // reduce step repairs rows of another version instead (see VersionRepair).
            if (outcomes.get(i) == ReduceOutcome.DONE) {
                repaired.incrementAndGet();
            }
        }
    }

    private boolean hasReduce(String mapTarget) {
        return recordAfter.keySet().stream().anyMatch(b -> b.source().equals(mapTarget))
                || reduceQueue.stream().anyMatch(b -> b.source().equals(mapTarget));
    }

    private Search after(Search search, String field) {
        return lastId == null ? search : search.gt(field, lastId);
    }

    private void finish(Deque<HandlerBinding> queue) {
        HandlerBinding finished = queue.poll();
        lastId = null;
        current = "";
        if (finished.kind() == HandlerKind.MAP
                && mapQueue.stream().noneMatch(b -> b.target().equals(finished.target()))) {
            mapTargetsPending.remove(finished.target());
        }
        if (reconcile) {
            LOG.info("reconciliation of {} <- {} checked; {} rows repaired so far", finished.target(),
                    finished.source(), repaired.get());
        } else if (failures.get() == 0) {
            if (finished.kind() == HandlerKind.MAP && hasReduce(finished.target())) {
                LOG.info("resync of {} <- {} (version {}) mapped; recorded once its keys are reduced",
                        finished.target(), finished.source(), finished.version());
            } else {
                versions.record(finished);
                recordAfter.getOrDefault(finished, List.of()).forEach(versions::record);
                LOG.info("resync of {} <- {} (version {}) finished", finished.target(), finished.source(),
                        finished.version());
            }
        } else {
            recordAfter.values().forEach(maps -> maps.remove(finished)); // not recorded after the reduce walk either
            LOG.error("resync of {} <- {} had {} failures; version {} not recorded, it will be retried at the next "
                    + "start", finished.target(), finished.source(), failures.get(), finished.version());
        }
        failedInAll.addAndGet(failures.getAndSet(0));
    }

    /** Resources and keys that failed to resync in the handlers finished so far. */
    int failures() {
        return failedInAll.get();
    }

    private String describe() {
        List<String> names = new ArrayList<>();
        mapQueue.forEach(b -> names.add(b.target() + " <- " + b.source() + " v" + b.version()));
        reduceQueue.forEach(b -> names.add(b.target() + " <- " + b.source() + " v" + b.version()));
        return String.join(", ", names);
    }
}
