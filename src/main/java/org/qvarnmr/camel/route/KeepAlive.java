package org.qvarnmr.camel.route;

import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.engine.QvarnMrEngine;

/**
 * The keep-alive: refreshes the ownership timestamps when due and reports a takeover. Bound in the
 * registry as {@value QvarnMrConstants#KEEP_ALIVE_BEAN}, so the keep-alive route can live in
 * {@code routes/keep-alive.yaml} ({@code bean: {ref: qvarnmrKeepAlive, method: refresh}}).
 */
public final class KeepAlive {
    private final QvarnMrEngine engine;
    private final WorkerListener listener;

    public KeepAlive(QvarnMrEngine engine, WorkerListener listener) {
        this.engine = engine;
        this.listener = listener;
    }

    public void refresh() {
        engine.keepAlive();
        String lostTo = engine.ownership().lostTo();
        if (lostTo != null) {
            listener.ownershipLost(lostTo);
        }
    }

    /** The timer period that refreshes well inside the update interval, so a slow tick never looks stale. */
    public static long periodMillis(QvarnMrEngine engine) {
        return periodMillis(engine.settings());
    }

    public static long periodMillis(WorkerSettings settings) {
        return Math.max(100, settings.keepAliveUpdateInterval().toMillis() / 2);
    }
}
