package org.qvarnmr.camel.engine;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The reduce phase of one batch: which keys were reduced, postponed or failed. */
public record ReducePhase(Set<KeyRef> done, Set<KeyRef> postponed, Map<KeyRef, Exception> failed) {
    public static final ReducePhase EMPTY = new ReducePhase(Set.of(), Set.of(), Map.of());

    public ReducePhase {
        done = Set.copyOf(done);
        postponed = Set.copyOf(postponed);
        failed = Map.copyOf(failed);
    }

    public ReducePhase withDone(KeyRef key) {
        Set<KeyRef> d = new HashSet<>(done);
        d.add(key);
        return new ReducePhase(d, postponed, failed);
    }

    public ReducePhase withPostponed(KeyRef key) {
        Set<KeyRef> p = new HashSet<>(postponed);
        p.add(key);
        return new ReducePhase(done, p, failed);
    }

    public ReducePhase withFailure(KeyRef key, Exception error) {
        Map<KeyRef, Exception> f = new HashMap<>(failed);
        f.put(key, error);
        return new ReducePhase(done, postponed, f);
    }
}
