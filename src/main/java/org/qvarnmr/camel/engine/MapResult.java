package org.qvarnmr.camel.engine;

import java.util.Set;

/**
 * What the map step did for one change: the reduce keys it touched (the keys of rows it wrote, and of
 * rows it replaced or removed, so a key a resource moved away from is reduced too) and how many rows it
 * wrote (0 when everything already matched).
 */
public record MapResult(Change change, Set<KeyRef> touchedKeys, int writes) {
    public MapResult {
        touchedKeys = Set.copyOf(touchedKeys);
    }

    public MapResult(Change change, Set<KeyRef> touchedKeys) {
        this(change, touchedKeys, 0);
    }
}
