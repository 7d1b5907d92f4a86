package org.qvarnmr.camel.engine;

import java.util.List;
import org.qvarnmr.camel.binding.HandlerBinding;

/** The walk of one handler by a {@link Resync}, one page per step: {@link MapWalk} or {@link ReduceWalk}. */
interface ResyncWalk {
    HandlerBinding binding();

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
