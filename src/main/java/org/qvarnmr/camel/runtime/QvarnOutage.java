package org.qvarnmr.camel.runtime;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelExecutionException;
import org.qvarnmr.camel.config.Backoff;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.engine.state.OwnershipLostException;
import org.qvarnmr.camel.qvarn.client.QvarnException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a run on the command line waits while Qvarn cannot be reached, on the worker's one {@link Backoff}: what
 * counts as an outage ({@link #outageOf}), when it gives up, and what it says. The wait is on the run's stop
 * signal (on the runner's thread, not Camel's), so a stop ends it at once. Anything but an outage ends the run
 * at once. Two windows:
 * <ul>
 *   <li>{@link #atStartup}: a one-shot run gives up once {@code qvarnmr.startup-timeout} (10 s) has passed since
 *       the run began ({@link Launch#startNanos()}: for {@code java -jar} the process's start, so the JVM's and
 *       Camel's start-up are inside the window, not added to it), with one line,
 *       {@code cannot reach Qvarn at URL: connection refused}, and exit 3. It tries at least once, and the last
 *       wait ends at the window's end, so the run ends within the window plus one attempt (bounded by
 *       {@code qvarn.connect-timeout} and {@code qvarn.response-timeout}). With {@code -f} the worker keeps trying
 *       and logs that same line once per back-off step.</li>
 *   <li>{@link #midRun}: a one-shot run rides out an outage between passes for up to
 *       {@code qvarnmr.keep-alive-timeout} since its first failure (past that, another worker could take over
 *       anyway), then the failure ends the run. Nothing is lost: unfinished changes keep their notifications.</li>
 * </ul>
 */
public final class QvarnOutage implements Backoff.Failures {
    private static final Logger LOG = LoggerFactory.getLogger(QvarnOutage.class);

    private final WorkerSettings settings;
    private final Backoff backoff;
    private final Backoff.Pause pause;
    /** At start-up: the user's one line when it gives up, a status line per step with {@code -f}. */
    private final boolean startup;
    private final boolean forever;

    private QvarnOutage(WorkerSettings settings, Backoff backoff, CountDownLatch stopped, boolean startup,
                        boolean forever) {
        this.settings = settings;
        this.backoff = backoff;
        this.pause = Backoff.on(stopped);
        this.startup = startup;
        this.forever = forever;
    }

    /** @param since when the window began ({@link System#nanoTime()}) */
    public static QvarnOutage atStartup(WorkerSettings settings, boolean forever, CountDownLatch stopped, long since) {
        Backoff backoff = forever ? Backoff.forever(settings.retry(), System::nanoTime)
                : Backoff.until(settings.retry(), System::nanoTime,
                        since + settings.operations().startupTimeout().toNanos());
        return new QvarnOutage(settings, backoff, stopped, true, forever);
    }

    /** Between the passes of a one-shot run. */
    static QvarnOutage midRun(WorkerSettings settings, CountDownLatch stopped) {
        return new QvarnOutage(settings, Backoff.within(settings.retry(), System::nanoTime,
                settings.keepAliveTimeout()), stopped, false, false);
    }

    /**
     * Runs {@code step} until it succeeds (true) or the run is stopped while waiting (false); throws as
     * {@link #waitOrGiveUp} does.
     */
    public boolean ride(Runnable step) throws InterruptedException {
        return backoff.retry(step, this, pause);
    }

    /**
     * Waits one back-off step: false when the run was stopped meanwhile. Throws when its time is up
     * ({@link QvarnUnreachableException} at start-up, the outage itself mid-run), and {@code failure} itself
     * when it is not an outage.
     */
    public boolean waitOrGiveUp(RuntimeException failure) throws InterruptedException {
        return backoff.waitAfter(failure, this, pause);
    }

    /** Qvarn answered: the next outage starts a new window and the first delay again. */
    void over() {
        backoff.succeeded();
    }

    @Override
    public void check(RuntimeException failure) {
        outageOf(failure);
    }

    @Override
    public RuntimeException giveUp(RuntimeException failure) {
        QvarnException q = outageOf(failure);
        return startup ? new QvarnUnreachableException(line(settings.qvarn().baseUrl().toString(), q), q) : q;
    }

    @Override
    public void retrying(RuntimeException failure, long waitNanos) {
        QvarnException q = outageOf(failure);
        if (!startup) {
            LOG.warn("Qvarn unavailable ({}); retrying in {} ms", q.getMessage(), TimeUnit.NANOSECONDS.toMillis(waitNanos));
            return;
        }
        String retrying = line(settings.qvarn().baseUrl().toString(), q) + "; retrying in "
                + Duration.ofMillis(TimeUnit.NANOSECONDS.toMillis(waitNanos)).toString().substring(2).toLowerCase();
        if (forever) {
            LOG.warn(retrying); // one status line per step: the worker waits for Qvarn, it is not stuck
        } else {
            LOG.debug(retrying); // a one-shot run says it once, when it gives up
        }
    }

    /**
     * The passing Qvarn outage behind a failure; anything else (ownership lost, a refusal, a bug) is thrown,
     * because waiting would not help: a Qvarn refusal (e.g. of the worker's credentials) unwrapped, so the
     * command line names it with its exit code, the rest as it is.
     */
    static QvarnException outageOf(RuntimeException failure) {
        Throwable cause = failure instanceof CamelExecutionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof OwnershipLostException lost) {
            throw lost;
        }
        if (!(cause instanceof QvarnException q)) {
            throw failure;
        }
        if (!q.isRetryable()) {
            throw q;
        }
        return q;
    }

    /** {@code cannot reach Qvarn at http://qvarn:9080: connection refused}. */
    static String line(String baseUrl, QvarnException failure) {
        return "cannot reach Qvarn at " + baseUrl + ": " + reason(failure);
    }

    private static String reason(QvarnException failure) {
        if (failure.status() > 0) {
            return "it answers " + failure.status() + (failure.errorCode() == null ? "" : " " + failure.errorCode())
                    + " (" + failure.method() + " " + failure.requestPath() + ")";
        }
        for (Throwable t = failure.getCause(); t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (t instanceof SocketTimeoutException) {
                return "no answer within " + "the connect or response timeout (qvarn.connect-timeout, "
                        + "qvarn.response-timeout)";
            }
        }
        Throwable root = failure.getCause() == null ? failure : failure.getCause();
        return "no response (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
