package org.qvarnmr.camel.route;

import org.qvarnmr.camel.engine.Batch;
import org.qvarnmr.camel.engine.PassSummary;

/** What the routes tell whoever runs them. */
public interface WorkerListener {
    /** Another worker took over the instance: stop at once. */
    void ownershipLost(String newOwner);

    /** A pass begins (for the liveness check). */
    default void passBegins() {
    }

    /** A poll of every listener succeeded (for the health check and metrics). */
    default void polled(Batch batch) {
    }

    /** A pass ended (for metrics). */
    default void passDone(PassSummary pass) {
    }
}
