package org.qvarnmr.camel.engine;

import java.util.concurrent.ExecutorService;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.engine.state.HandlerVersionStore;
import org.qvarnmr.camel.qvarn.client.QvarnClient;

/**
 * A check of every derived row against its sources, repairing what drifted (a notification Qvarn failed
 * to write, a derived row edited or deleted behind the worker's back): the {@link Resync} walk over
 * every handler, recording no version.
 */
public final class Reconciliation {
    private final Resync walk;

    public Reconciliation(QvarnClient qvarn, HandlerBindings bindings, HandlerVersionStore versions, MapStep mapStep,
                          ReduceStep reduceStep, ExecutorService pool, int pageSize, Runnable fence) {
        this.walk = new Resync(qvarn, bindings, versions, mapStep, reduceStep, pool, pageSize, true, fence, null);
    }

    /** One page of the walk; returns whether more is left. */
    public boolean step() {
        return walk.step();
    }

    public boolean isDone() {
        return walk.isDone();
    }

    /** Rows written so far: each one had drifted. */
    public long repaired() {
        return walk.repaired();
    }

    public ResyncProgress progress() {
        return walk.progress();
    }
}
