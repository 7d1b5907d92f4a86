package org.qvarnmr.camel.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The map phase of one batch: the changes mapped, the changes that failed, and the keys to reduce once each. */
public record MapPhase(List<MapResult> succeeded, List<FailedChange> failed) {
    public static final MapPhase EMPTY = new MapPhase(List.of(), List.of());

    /** A change whose map step failed, with why. */
    public record FailedChange(Change change, Exception error) {
    }

    public MapPhase {
        succeeded = List.copyOf(succeeded);
        failed = List.copyOf(failed);
    }

    public MapPhase with(MapResult result) {
        List<MapResult> ok = new ArrayList<>(succeeded);
        ok.add(result);
        return new MapPhase(ok, failed);
    }

    public MapPhase withFailure(Change change, Exception error) {
        List<FailedChange> bad = new ArrayList<>(failed);
        bad.add(new FailedChange(change, error));
        return new MapPhase(succeeded, bad);
    }

    /** The keys some mapped change of this batch holds a durable row under (see {@link MapRowPlan}). */
    public Set<KeyRef> anchors() {
        Set<KeyRef> keys = new LinkedHashSet<>();
        succeeded.forEach(r -> keys.addAll(r.anchors()));
        return keys;
    }

    /** The mapped changes that still have rows leaving their key to write. */
    public List<MapResult> deferred() {
        return succeeded.stream().filter(r -> !r.deferred().isEmpty()).toList();
    }

    /**
     * The next wave of {@code pending} (mapped changes with rows leaving their key, not written yet), this
     * phase being what is written so far: the changes whose old keys this phase all anchors, or, when none
     * is, all of them (the unanchored rows fall back to create and mark). A change is written whole in one
     * wave, so a redelivery that maps it again never meets half of its moves done by an earlier wave.
     * Every wave takes at least one change, so there are at most as many waves as pending changes.
     */
    public List<MapResult> nextWave(List<MapResult> pending) {
        Set<KeyRef> held = anchors();
        List<MapResult> wave = pending.stream()
                .filter(r -> r.deferred().stream().allMatch(m -> held.contains(m.oldKeyRef()))).toList();
        return wave.isEmpty() ? List.copyOf(pending) : wave;
    }

    /** This phase without the changes of {@link #deferred()}. */
    public MapPhase withoutDeferred() {
        return new MapPhase(succeeded.stream().filter(r -> r.deferred().isEmpty()).toList(), failed);
    }

    /** Both phases' changes together (a change is in one of them only). */
    public MapPhase plus(MapPhase other) {
        List<MapResult> ok = new ArrayList<>(succeeded);
        ok.addAll(other.succeeded);
        List<FailedChange> bad = new ArrayList<>(failed);
        bad.addAll(other.failed);
        return new MapPhase(ok, bad);
    }

    /** Each touched key once, however many changes touched it: the aggregation by key. */
    public List<KeyRef> keysToReduce() {
        Set<KeyRef> keys = new LinkedHashSet<>();
        succeeded.forEach(r -> keys.addAll(r.touchedKeys()));
        return List.copyOf(keys);
    }
}
