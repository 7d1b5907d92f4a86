package org.qvarnmr.camel.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.binding.HandlerKind;
import org.qvarnmr.camel.engine.state.HandlerVersionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which handlers a {@link Resync} walks, in which order, and which versions are recorded after which walk:
 * map handlers first, reduce handlers after (their keys would otherwise see mixed versions); a reduce
 * handler whose map target is resynced is walked too, over every key, and the map handlers' versions are
 * recorded only when that walk ends, so a walk killed half way is done again at the next start.
 */
final class ResyncPlan {
    private static final Logger LOG = LoggerFactory.getLogger(ResyncPlan.class);

    private final HandlerVersionStore versions;
    private final ResyncMode mode;
    private final Deque<HandlerBinding> mapQueue = new ArrayDeque<>();
    private final Deque<HandlerBinding> reduceQueue = new ArrayDeque<>();
    /** The map targets some map walk has yet to finish: read from reducing threads, hence concurrent. */
    private final Set<String> mapTargetsPending = ConcurrentHashMap.newKeySet();
    /** Reduce walks queued because their map target was resynced: the map versions recorded when they end. */
    private final Map<HandlerBinding, List<HandlerBinding>> recordAfter = new HashMap<>();

    ResyncPlan(HandlerBindings bindings, HandlerVersionStore versions, ResyncMode mode) {
        this.versions = versions;
        this.mode = mode;
        for (HandlerBinding b : bindings.all()) {
            if (mode.walks(b, versions)) {
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
            LOG.info("{} needed for {}", mode.noun(), describe());
        }
    }

    /** Clears the records of the walked handlers that name another version (see {@link Resync#unrecordPending}). */
    synchronized void unrecordPending() {
        if (mode.records()) {
            mapQueue.forEach(versions::unrecordOther);
            reduceQueue.stream().filter(b -> !versions.isSynced(b)).forEach(versions::unrecordOther);
        }
    }

    synchronized boolean isDone() {
        return mapQueue.isEmpty() && reduceQueue.isEmpty();
    }

    synchronized int handlersLeft() {
        return mapQueue.size() + reduceQueue.size();
    }

    /** The handler walked now: the first map handler, else the first reduce handler; null when done. */
    synchronized HandlerBinding current() {
        return !mapQueue.isEmpty() ? mapQueue.peek() : reduceQueue.peek();
    }

    /** The handler walked after {@link #current()}; null when there is none. */
    synchronized HandlerBinding next() {
        List<HandlerBinding> order = new ArrayList<>(mapQueue);
        order.addAll(reduceQueue);
        return order.size() > 1 ? order.get(1) : null;
    }

    /** Whether a map walk of {@code mapTarget} is still to run or running. */
    boolean mapsPending(String mapTarget) {
        return mapTargetsPending.contains(mapTarget);
    }

    /** Whether the reduce walk of {@code reduce} recomputes every key (not only those at another version). */
    boolean everyKey(HandlerBinding reduce) {
        return mode == ResyncMode.RECONCILE || recordAfter.containsKey(reduce);
    }

    /** Ends the walk of {@link #current()}, recording its version (and those waiting for it) when it had no failures. */
    synchronized void finish(int failures, long repaired) {
        HandlerBinding finished = !mapQueue.isEmpty() ? mapQueue.poll() : reduceQueue.poll();
        if (finished.kind() == HandlerKind.MAP
                && mapQueue.stream().noneMatch(b -> b.target().equals(finished.target()))) {
            mapTargetsPending.remove(finished.target());
        }
        if (!mode.records()) {
            LOG.info("reconciliation of {} <- {} checked; {} rows repaired so far", finished.target(),
                    finished.source(), repaired);
        } else if (failures == 0) {
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
                    + "start", finished.target(), finished.source(), failures, finished.version());
        }
    }

    private boolean hasReduce(String mapTarget) {
        return recordAfter.keySet().stream().anyMatch(b -> b.source().equals(mapTarget))
                || reduceQueue.stream().anyMatch(b -> b.source().equals(mapTarget));
    }

    private String describe() {
        List<String> names = new ArrayList<>();
        mapQueue.forEach(b -> names.add(b.target() + " <- " + b.source() + " v" + b.version()));
        reduceQueue.forEach(b -> names.add(b.target() + " <- " + b.source() + " v" + b.version()));
        return String.join(", ", names);
    }
}
