package org.qvarnmr.camel.runtime;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.qvarn.client.QvarnException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up while Qvarn cannot be reached: a one-shot run gives up once {@code qvarnmr.startup-timeout}
 * (10 s) has passed since the run began ({@link Launch#startNanos()}: for {@code java -jar} the process's
 * start, so the JVM's and Camel's start-up are inside the window, not added to it), with one line,
 * {@code cannot reach Qvarn at URL: connection refused}, and exit 3. It tries at least once, and the last
 * wait ends at the window's end, so the run ends within the window plus one attempt (bounded by
 * {@code qvarn.connect-timeout} and {@code qvarn.response-timeout}). With {@code -f} the worker keeps trying
 * and logs that same line once per back-off step. Anything but an outage ends the run at once, as before.
 */
public final class StartupWait {
    private static final Logger LOG = LoggerFactory.getLogger(StartupWait.class);

    private final WorkerSettings settings;
    private final boolean forever;
    private final CountDownLatch stopped;
    private final long since;
    private int attempts;

    /** @param since when the window began ({@link System#nanoTime()}) */
    public StartupWait(WorkerSettings settings, boolean forever, CountDownLatch stopped, long since) {
        this.settings = settings;
        this.forever = forever;
        this.stopped = stopped;
        this.since = since;
    }

    /**
     * Waits one back-off step: false when the run was stopped meanwhile. Throws {@link QvarnUnreachableException}
     * when a one-shot run's time is up, and {@code failure} itself when it is not an outage.
     */
    public boolean waitOrGiveUp(RuntimeException failure) throws InterruptedException {
        QvarnException q = Outage.outageOf(failure);
        long now = System.nanoTime();
        String line = line(settings.qvarn().baseUrl().toString(), q);
        long left = settings.operations().startupTimeout().toNanos() - (now - since);
        if (!forever && left <= 0) {
            throw new QvarnUnreachableException(line, q);
        }
        attempts++;
        long delay = settings.retry().delay(attempts).toMillis();
        if (!forever) {
            delay = Math.max(1, Math.min(delay, TimeUnit.NANOSECONDS.toMillis(left)));
        }
        String retrying = line + "; retrying in " + Duration.ofMillis(delay).toString().substring(2).toLowerCase();
        if (forever) {
            LOG.warn(retrying); // one status line per step: the worker waits for Qvarn, it is not stuck
        } else {
            LOG.debug(retrying); // a one-shot run says it once, when it gives up
        }
        return !stopped.await(delay, TimeUnit.MILLISECONDS);
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
