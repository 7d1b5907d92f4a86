package org.qvarnmr.camel.runtime;

import java.io.PrintStream;
import org.qvarnmr.camel.engine.ResyncProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows resync progress in a one-shot run: a bar redrawn in place when stderr is a terminal, otherwise a
 * log line at the configured interval.
 */
final class ProgressBar {
    private static final Logger LOG = LoggerFactory.getLogger("org.qvarnmr.camel.progress");
    private static final int WIDTH = 30;

    private final boolean terminal = System.console() != null;
    private final long intervalNanos;
    private final PrintStream err;
    private long lastShown = System.nanoTime();
    private boolean drawn;

    ProgressBar(long intervalMillis, PrintStream err) {
        this.intervalNanos = intervalMillis * 1_000_000L;
        this.err = err;
    }

    void show(ResyncProgress p) {
        if (!p.running()) {
            done();
            return;
        }
        long now = System.nanoTime();
        if (terminal) {
            int filled = p.total() == 0 ? 0 : (int) Math.min(WIDTH, WIDTH * p.done() / p.total());
            err.printf("\r%-40.40s [%s%s] %d/%d %.0f/s ETA %ds   ", p.handler(), "#".repeat(filled),
                    " ".repeat(WIDTH - filled), p.done(), p.total(), p.perSecond(), p.eta().toSeconds());
            err.flush();
            drawn = true;
        } else if (now - lastShown >= intervalNanos) {
            LOG.info("resync {}", p);
            lastShown = now;
        }
    }

    void done() {
        if (drawn) {
            err.println();
            drawn = false;
        }
    }
}
