package org.qvarnmr.camel.engine;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the map step did for one change: the reduce keys it touched (the keys of rows it wrote, and of
 * rows it replaced or removed, so a key a resource moved away from is reduced too), how many rows it
 * wrote (0 when everything already matched), the rows leaving their key that {@link MapStep#writeDeferred} still has
 * to write, and the keys under which the change holds a durable row (its anchors, see {@link MapRowPlan}).
 */
public record MapResult(Change change, Set<KeyRef> touchedKeys, int writes, List<RowMove> deferred,
                        Set<KeyRef> anchors) {
    public MapResult {
        touchedKeys = Set.copyOf(touchedKeys);
        deferred = List.copyOf(deferred);
        anchors = Set.copyOf(anchors);
    }

    public MapResult(Change change, Set<KeyRef> touchedKeys, int writes) {
        this(change, touchedKeys, writes, List.of(), Set.of());
    }

    public MapResult(Change change, Set<KeyRef> touchedKeys) {
        this(change, touchedKeys, 0);
    }

    /**
     * This result once its deferred rows took {@code written} writes, also touching {@code earlier}; the keys
     * its rows moved to ({@code arrived}) anchor too: those rows are live, and the change is acknowledged only
     * after their keys are reduced.
     */
    MapResult settled(int written, Set<KeyRef> earlier, Set<KeyRef> arrived) {
        Set<KeyRef> keys = new LinkedHashSet<>(earlier);
        keys.addAll(touchedKeys);
        Set<KeyRef> held = new LinkedHashSet<>(anchors);
        held.addAll(arrived);
        return new MapResult(change, keys, writes - deferred.size() + written, List.of(), held);
    }
}
