package org.qvarnmr.camel.runtime;

import java.time.Duration;
import java.time.Instant;
import org.apache.camel.CamelExecutionException;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.engine.state.OwnershipLostException;
import org.qvarnmr.camel.qvarn.client.QvarnException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a one-shot run rides out Qvarn being unreachable between passes: exponential back-off for up to
 * {@code qvarnmr.keep-alive-timeout} in all (past that, another worker could take over anyway), then the
 * failure ends the run. Nothing is lost: unfinished changes keep their notifications in Qvarn.
 */
final class Outage {
    private static final Logger LOG = LoggerFactory.getLogger(Outage.class);

    private final WorkerSettings settings;
    private Instant since;
    private int attempts;

    Outage(WorkerSettings settings) {
        this.settings = settings;
    }

    void over() {
        since = null;
        attempts = 0;
    }

    void waitOrGiveUp(RuntimeException failure) throws InterruptedException {
        Throwable cause = failure instanceof CamelExecutionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof OwnershipLostException lost) {
            throw lost;
        }
        if (!(cause instanceof QvarnException q) || !q.isRetryable()) {
            throw failure;
        }
        Instant now = Instant.now();
        if (since == null) {
            since = now;
        }
        if (Duration.between(since, now).compareTo(settings.keepAliveTimeout()) > 0) {
            throw q;
        }
        attempts++;
        long delay = Math.min(settings.retryMaxDelay().toMillis(),
                settings.retryDelay().toMillis() * (1L << Math.min(attempts - 1, 16)));
        LOG.warn("Qvarn unavailable ({}); retrying in {} ms", q.getMessage(), delay);
        Thread.sleep(delay);
    }
}
