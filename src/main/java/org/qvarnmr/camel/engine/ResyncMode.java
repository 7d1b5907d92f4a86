package org.qvarnmr.camel.engine;

import java.time.Clock;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.engine.state.HandlerVersionStore;

/** What a {@link Resync} walk is for: the resync of unrecorded versions, or a reconciliation of everything. */
public enum ResyncMode {
    /** The handlers whose version is not recorded; a version is recorded once its walk succeeded. */
    RESYNC("resync"),
    /**
     * Every handler, every key of every reduce, and the reduce rows whose key has no map row; nothing is
     * recorded and nothing dead-lettered (a check of the derived data against the sources).
     */
    RECONCILE("reconciliation");

    private final String noun;

    ResyncMode(String noun) {
        this.noun = noun;
    }

    /** How the log names it. */
    public String noun() {
        return noun;
    }

    boolean walks(HandlerBinding binding, HandlerVersionStore versions) {
        return this == RECONCILE || !versions.isSynced(binding);
    }

    boolean records() {
        return this == RESYNC;
    }

    /** The failure rules of a page of {@code binding}'s walk. */
    WalkSettler settler(HandlerBinding binding, Clock clock) {
        return this == RESYNC ? WalkSettler.resync(binding, clock) : WalkSettler.reconcile(binding);
    }
}
