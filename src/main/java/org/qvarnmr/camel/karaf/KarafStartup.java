package org.qvarnmr.camel.karaf;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.qvarnmr.camel.config.Backoff;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.engine.state.OwnedElsewhereException;
import org.qvarnmr.camel.qvarn.client.QvarnException;
import org.qvarnmr.camel.route.KeepAlive;
import org.qvarnmr.camel.worker.QvarnMr;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's start-up under Karaf, for both ways it runs there (the Blueprint bean and the standalone
 * bundle): the attempts run on one daemon thread of the worker's own, never on ConfigAdmin's or Blueprint's.
 * When waiting may help the next attempt is scheduled there: after the worker's {@link Backoff} while Qvarn is
 * unreachable (without end: a container's worker waits for its Qvarn), and every half keep-alive update
 * interval while another live worker owns the instance and {@code qvarnmr.standby = yes}.
 */
public final class KarafStartup implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KarafStartup.class);

    private final WorkerSettings settings;
    private final String origin;
    private final ScheduledExecutorService starter;
    /** Touched on the starter thread only. */
    private final Backoff outage;

    /**
     * @param origin        where the settings came from, named in the log ({@link ConfigAdminSettings#origin()})
     * @param contextLoader the starter thread's context class loader (the bundle's), or null to inherit it
     */
    public KarafStartup(WorkerSettings settings, String origin, ClassLoader contextLoader) {
        this.settings = settings;
        this.origin = origin;
        this.outage = Backoff.forever(settings.retry(), System::nanoTime);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "qvarnmr-start-" + settings.instance());
            t.setDaemon(true);
            if (contextLoader != null) {
                t.setContextClassLoader(contextLoader); // Camel's threads are made here and inherit it
            }
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // close() ends a back-off wait
        this.starter = executor;
    }

    /** Runs {@code task} on the starter thread; false when {@link #close()} has begun. */
    public boolean execute(Runnable task) {
        return schedule(task, 0);
    }

    /**
     * Takes ownership of the instance for {@code worker} ({@link QvarnMr#start()}): true when taken. False when
     * waiting may help: {@code again} is then scheduled on the starter thread after the wait. Throws what waiting
     * would not help with: {@link OwnedElsewhereException} (without standby), the {@link QvarnException} of a
     * refusal (credentials, scopes), or any other start-up failure.
     */
    public boolean take(QvarnMr worker, Runnable again) {
        try {
            worker.start(); // authenticates and takes ownership of the instance
            outage.succeeded();
            return true;
        } catch (OwnedElsewhereException e) {
            if (!settings.operations().standby()) {
                throw e;
            }
            long period = KeepAlive.periodMillis(settings);
            LOG.info("qvarnmr: standing by: map/reduce engine is running on {} ({}); trying again in {} ms",
                    e.owner(), origin, period);
            schedule(again, period);
            return false;
        } catch (QvarnException e) {
            if (!e.isRetryable()) {
                throw e;
            }
            long delay = TimeUnit.NANOSECONDS.toMillis(outage.failed());
            LOG.warn("qvarnmr: Qvarn unavailable ({}); retrying in {} ms", e.getMessage(), delay);
            schedule(again, delay);
            return false;
        }
    }

    private boolean schedule(Runnable task, long millis) {
        try {
            starter.schedule(task, millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException closing) {
            return false; // close() has begun: no more attempts
        }
    }

    /**
     * Ends a back-off wait and any further attempt. An attempt under way is not interrupted: cut short after it
     * took ownership (in Camel's start, or in the release of a failed start), it left the ownership records
     * set until they lapsed; the caller stops the worker once the attempt is over.
     */
    @Override
    public void close() {
        starter.shutdown();
    }
}
