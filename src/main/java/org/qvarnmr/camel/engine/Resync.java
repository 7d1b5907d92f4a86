package org.qvarnmr.camel.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.binding.HandlerKind;
import org.qvarnmr.camel.engine.state.HandlerVersionStore;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.Search;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Automatic resync of handlers whose version is not recorded as synchronised (section 5 of the original's
 * semantics), done in small steps so live changes are processed between them. Sources are read in pages
 * of full resources ({@code show_all} + sort + limit + offset), never one GET per resource; map handlers
 * are resynced first, reduce handlers after (their keys would otherwise see mixed versions). A version
 * is recorded only when its whole resync succeeded.
 */
public final class Resync {
    private static final Logger LOG = LoggerFactory.getLogger(Resync.class);

    private final QvarnClient qvarn;
    private final HandlerVersionStore versions;
    private final MapStep mapStep;
    private final ReduceStep reduceStep;
    private final ExecutorService pool;
    private final int pageSize;
    private final Deque<HandlerBinding> mapQueue = new ArrayDeque<>();
    private final Deque<HandlerBinding> reduceQueue = new ArrayDeque<>();
    private final Set<KeyRef> postponed = new LinkedHashSet<>();
    private final Set<String> reducedKeys = new HashSet<>();
    /** Keyset paging: the last id read (offsets would skip rows when others are deleted meanwhile). */
    private String lastId;
    /** Counted from the pool's threads while step() holds this object's lock: hence atomic, not synchronized. */
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger resourcesDone = new AtomicInteger();

    public Resync(QvarnClient qvarn, HandlerBindings bindings, HandlerVersionStore versions, MapStep mapStep,
                  ReduceStep reduceStep, ExecutorService pool, int pageSize) {
        this.qvarn = qvarn;
        this.versions = versions;
        this.mapStep = mapStep;
        this.reduceStep = reduceStep;
        this.pool = pool;
        this.pageSize = pageSize;
        for (HandlerBinding b : bindings.all()) {
            if (!versions.isSynced(b)) {
                (b.kind() == HandlerKind.MAP ? mapQueue : reduceQueue).add(b);
            }
        }
        if (!isDone()) {
            LOG.info("resync needed for {}", describe());
        }
    }

    public synchronized boolean isDone() {
        return mapQueue.isEmpty() && reduceQueue.isEmpty() && postponed.isEmpty();
    }

    public int resourcesDone() {
        return resourcesDone.get();
    }

    /** Does one page of work; returns whether work is left. */
    public synchronized boolean step() {
        if (!mapQueue.isEmpty()) {
            mapPage(mapQueue.peek());
        } else if (!postponed.isEmpty()) {
            retryPostponed();
        } else if (!reduceQueue.isEmpty()) {
            reducePage(reduceQueue.peek());
        }
        return !isDone();
    }

    private void mapPage(HandlerBinding binding) {
        List<ObjectNode> page = qvarn.search(after(Search.on(binding.source())).showAll().sort("id").limit(pageSize));
        List<KeyRef> touched = new ArrayList<>();
        List<MapResult> results = Parallel.map(pool, page, resource -> {
            String id = resource.get("id").asText();
            try {
                return mapStep.apply(Change.resync(binding.source(), id), resource, List.of(binding));
            } catch (RuntimeException e) {
                LOG.error("resync of {} failed on {}/{}: {}", binding.target(), binding.source(), id, e.getMessage());
                failures.incrementAndGet();
                return null;
            }
        });
        results.stream().filter(r -> r != null).forEach(r -> touched.addAll(r.touchedKeys()));
        resourcesDone.addAndGet(page.size());
        reduceAll(touched);
        advance(page);
        if (page.size() < pageSize) {
            finish(mapQueue);
        }
    }

    private void reducePage(HandlerBinding binding) {
        List<ObjectNode> page = qvarn.search(after(Search.on(binding.source())).show(MrFields.KEY).sort("id")
                .limit(pageSize));
        List<KeyRef> keys = new ArrayList<>();
        for (ObjectNode row : page) {
            String key = MrFields.text(row, MrFields.KEY);
            if (key != null && !key.isEmpty() && reducedKeys.add(key)) {
                keys.add(new KeyRef(binding.source(), key));
            }
        }
        reduceAll(keys);
        advance(page);
        if (page.size() < pageSize) {
            reducedKeys.clear();
            finish(reduceQueue);
        }
    }

    private Search after(Search search) {
        return lastId == null ? search : search.gt("id", lastId);
    }

    private void advance(List<ObjectNode> page) {
        if (!page.isEmpty()) {
            lastId = page.get(page.size() - 1).get("id").asText();
        }
    }

    private void reduceAll(List<KeyRef> keys) {
        List<KeyRef> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
        List<ReduceOutcome> outcomes = Parallel.map(pool, distinct, key -> {
            try {
                return reduceStep.reduce(key);
            } catch (RuntimeException e) {
                LOG.error("resync reduce of {} failed: {}", key, e.getMessage());
                failures.incrementAndGet();
                return ReduceOutcome.DONE;
            }
        });
        for (int i = 0; i < distinct.size(); i++) {
            if (outcomes.get(i) == ReduceOutcome.POSTPONED) {
                postponed.add(distinct.get(i));
            }
        }
    }

    private void retryPostponed() {
        List<KeyRef> keys = new ArrayList<>(postponed);
        postponed.clear();
        reduceAll(keys);
        if (postponed.size() == keys.size()) {
            // No progress after every map resync ran: those rows failed to resync; later changes retry them.
            LOG.warn("{} keys keep map rows of mixed versions after the resync; they are reduced when their "
                    + "sources change again: {}", postponed.size(), postponed.stream().limit(10).toList());
            postponed.clear();
        }
    }

    private void finish(Deque<HandlerBinding> queue) {
        HandlerBinding done = queue.poll();
        lastId = null;
        if (failures.get() == 0) {
            versions.record(done);
            LOG.info("resync of {} <- {} (version {}) finished", done.target(), done.source(), done.version());
        } else {
            LOG.error("resync of {} <- {} had {} failures; version {} not recorded, it will be retried at the next "
                    + "start", done.target(), done.source(), failures.get(), done.version());
        }
        failures.set(0);
    }

    private String describe() {
        List<String> names = new ArrayList<>();
        mapQueue.forEach(b -> names.add(b.target() + " <- " + b.source() + " v" + b.version()));
        reduceQueue.forEach(b -> names.add(b.target() + " <- " + b.source() + " v" + b.version()));
        return String.join(", ", names);
    }
}
