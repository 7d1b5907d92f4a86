package org.qvarnmr.camel.metrics;

import java.time.Duration;
import org.apache.camel.CamelContext;
import org.qvarnmr.camel.engine.PassSummary;
import org.qvarnmr.camel.engine.QvarnMrEngine;

/** The meters without Micrometer: only the age of the last successful poll, for the health check. */
public final class PollAge implements WorkerMeters {
    private volatile long lastPollNanos;
    private volatile boolean polledOnce;

    @Override
    public void polled() {
        lastPollNanos = System.nanoTime();
        polledOnce = true;
    }

    @Override
    public Duration lastPollAge() {
        return polledOnce ? Duration.ofNanos(System.nanoTime() - lastPollNanos) : null;
    }

    @Override
    public void watch(QvarnMrEngine engine) {
        // nothing to watch without a meter registry
    }

    @Override
    public void bindTo(CamelContext camel) {
        // no registry to bind
    }

    @Override
    public void passDone(PassSummary pass) {
        // not counted without Micrometer
    }

    @Override
    public void derivedWrite(String type, String operation) {
        // not counted without Micrometer
    }

    @Override
    public void onRequest(String method, String route, int status, long nanos) {
        // not timed without Micrometer
    }
}
