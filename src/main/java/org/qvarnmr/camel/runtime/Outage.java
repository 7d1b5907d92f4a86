package org.qvarnmr.camel.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelExecutionException;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.engine.state.OwnershipLostException;
import org.qvarnmr.camel.qvarn.client.QvarnException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a one-shot run rides out Qvarn being unreachable between passes: the worker's retry back-off
 * ({@code qvarnmr.retry.*}) for up to {@code qvarnmr.keep-alive-timeout} in all (past that, another worker
 * could take over anyway), then the failure ends the run. Nothing is lost: unfinished changes keep their
 * notifications in Qvarn. The wait is on the run's stop signal (on the runner's thread, not Camel's), so
 * a stop ends it at once.
 */
final class Outage {
    private static final Logger LOG = LoggerFactory.getLogger(Outage.class);

    private final WorkerSettings settings;
    private final CountDownLatch stopped;
    private Instant since;
    private int attempts;

    Outage(WorkerSettings settings, CountDownLatch stopped) {
        this.settings = settings;
        this.stopped = stopped;
    }

    void over() {
        since = null;
        attempts = 0;
    }

    void waitOrGiveUp(RuntimeException failure) throws InterruptedException {
        QvarnException q = outageOf(failure);
        Instant now = Instant.now();
        if (since == null) {
            since = now;
        }
        if (Duration.between(since, now).compareTo(settings.keepAliveTimeout()) > 0) {
            throw q;
        }
        attempts++;
        long delay = settings.retry().delay(attempts).toMillis();
        LOG.warn("Qvarn unavailable ({}); retrying in {} ms", q.getMessage(), delay);
        stopped.await(delay, TimeUnit.MILLISECONDS);
    }

    /**
     * The passing Qvarn outage behind a failure; anything else (ownership lost, a refusal, a bug) is thrown
     * as it is, because waiting would not help.
     */
    static QvarnException outageOf(RuntimeException failure) {
        Throwable cause = failure instanceof CamelExecutionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof OwnershipLostException lost) {
            throw lost;
        }
        if (cause instanceof QvarnException q && !q.isRetryable()) {
            throw q; // not Camel's wrapper: the Qvarn failure is what the user is told (exit 3), not a bug (70)
        }
        if (!(cause instanceof QvarnException q)) {
            throw failure;
        }
        return q;
    }
}
