package org.qvarnmr.camel.engine;

import java.time.Duration;

/**
 * Where a resync (or reconciliation) stands: the handler being synchronised, resources done of the
 * total, rate and estimated time left, rows repaired (written) so far.
 */
public record ResyncProgress(String handler, long done, long total, double perSecond, Duration eta, long repaired,
                             int handlersLeft) {
    public static final ResyncProgress IDLE = new ResyncProgress("", 0, 0, 0, Duration.ZERO, 0, 0);

    public boolean running() {
        return handlersLeft > 0;
    }

    @Override
    public String toString() {
        if (!running()) {
            return "idle";
        }
        return String.format("%s: %d/%d (%.0f/s, %s left), %d rows repaired, %d handlers to go", handler, done, total,
                perSecond, eta.toSeconds() + " s", repaired, handlersLeft);
    }
}
