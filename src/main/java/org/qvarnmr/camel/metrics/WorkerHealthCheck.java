package org.qvarnmr.camel.metrics;

import java.time.Duration;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.qvarnmr.camel.engine.QvarnMrEngine;

/**
 * UP while this worker owns its instance, its last successful poll of Qvarn is recent and dead letters can be
 * written (DOWN from a letter that could not be written until one is). A readiness
 * check only: a hot standby is DOWN here (it is not serving) but alive, so a liveness probe must not
 * restart it.
 */
public final class WorkerHealthCheck extends AbstractHealthCheck {
    private final QvarnMrEngine engine;
    private final WorkerMeters metrics;
    private final Duration maxPollAge;

    public WorkerHealthCheck(QvarnMrEngine engine, WorkerMeters metrics, Duration maxPollAge) {
        super("qvarnmr", "qvarnmr-worker");
        this.engine = engine;
        this.metrics = metrics;
        this.maxPollAge = maxPollAge;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("instance", engine.settings().instance());
        builder.detail("worker", engine.ownership().signature());
        Duration age = metrics.lastPollAge();
        if (age != null) {
            builder.detail("last.poll.age.ms", age.toMillis());
        }
        if (!engine.ownership().isOwner()) {
            String lostTo = engine.ownership().lostTo();
            builder.message(lostTo != null ? "instance taken over by " + lostTo
                    : "not the owner of instance '" + engine.settings().instance() + "'").down();
        } else if (engine.deadLetterWrites().failure().isPresent()) {
            builder.message(engine.deadLetterWrites().failure().get()).down();
        } else if (age == null || age.compareTo(maxPollAge) > 0) {
            builder.message(age == null ? "no successful poll of Qvarn yet"
                    : "no successful poll of Qvarn for " + age.toSeconds() + " s").down();
        } else {
            builder.up();
        }
    }
}
