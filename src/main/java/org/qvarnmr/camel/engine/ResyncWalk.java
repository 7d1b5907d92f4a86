package org.qvarnmr.camel.engine;

import java.util.List;
import org.qvarnmr.camel.binding.HandlerBinding;

/** The walk of one handler by a {@link Resync}, one page per step: {@link MapWalk} or {@link ReduceWalk}. */
interface ResyncWalk {
    HandlerBinding binding();

    /**
     * Starts reading what the first step needs, on the walk's executor, while the walk before it ends (see
     * {@link Resync}); a walk without an executor reads it in its first step.
     */
    void readAhead();

    /** Applies the next page. */
    Page step();

    /**
     * What one page did.
     *
     * @param read    rows of the walked type read (the progress)
     * @param applied how each application of the page went (a reduce walk's first page also reduces orphans)
     * @param last    whether the walk is over
     */
    record Page(int read, List<BatchApplication.Applied> applied, boolean last) {
        public Page {
            applied = List.copyOf(applied);
        }
    }
}
