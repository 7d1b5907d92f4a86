package org.qvarnmr.camel.metrics;

import java.time.Duration;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Liveness ({@code /observe/health/live}): UP while passes keep beginning. Passes run one after another, so
 * when none has begun for {@code qvarnmr.health.max-pass-age}, either the pass under way has taken that long
 * (stuck: a request that never ends, a lock, a handler in a loop) or none runs any more (the poll timer's
 * thread died); restarting the worker is the cure, and a liveness probe does it. A pass that fails counts
 * as begun like any other: during a Qvarn outage the worker is alive and waiting (readiness, the
 * {@link WorkerHealthCheck}, is DOWN then). UP until the worker owns its instance (a standby is alive).
 */
public final class PassLiveness extends AbstractHealthCheck {
    private final Duration maxAge;
    private volatile long lastBeganNanos;
    private volatile boolean running;

    public PassLiveness(Duration maxAge) {
        super("qvarnmr", "qvarnmr-passes");
        this.maxAge = maxAge;
    }

    @Override
    public boolean isLiveness() {
        return true;
    }

    @Override
    public boolean isReadiness() {
        return false;
    }

    /** The worker owns its instance and starts passing: the first pass has {@code maxAge} to begin. */
    public void started() {
        passBegins();
    }

    public void passBegins() {
        lastBeganNanos = System.nanoTime();
        running = true;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (!running) {
            builder.message("not passing yet (starting, or standing by)").up();
            return;
        }
        Duration age = Duration.ofNanos(System.nanoTime() - lastBeganNanos);
        builder.detail("last.pass.begin.age.ms", age.toMillis());
        if (age.compareTo(maxAge) > 0) {
            builder.message("no pass has begun for " + age.toSeconds() + " s (qvarnmr.health.max-pass-age: "
                    + maxAge.toSeconds() + " s): the pass under way is stuck, or passes stopped; restart the worker")
                    .down();
        } else {
            builder.up();
        }
    }
}
