package org.qvarnmr.camel.metrics;

import java.time.Duration;
import org.apache.camel.CamelContext;
import org.qvarnmr.camel.engine.PassSummary;
import org.qvarnmr.camel.engine.QvarnMrEngine;
import org.qvarnmr.camel.qvarn.client.QvarnRequestListener;

/**
 * What the worker counts: Micrometer meters ({@link WorkerMetrics}) when Micrometer is on the class path,
 * else only the time of the last poll, which the health check needs ({@link PollAge}: under Karaf, whose
 * Camel feature brings no Micrometer). This type names no Micrometer class, so the worker loads without it.
 */
public interface WorkerMeters extends QvarnRequestListener {
    /** {@link WorkerMetrics} when Micrometer can be loaded, else {@link PollAge}. */
    static WorkerMeters create() {
        try {
            Class.forName("io.micrometer.prometheusmetrics.PrometheusMeterRegistry", false,
                    WorkerMeters.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError absent) {
            return new PollAge();
        }
        return new WorkerMetrics();
    }

    /** The meters that read the engine's state on each scrape. */
    void watch(QvarnMrEngine engine);

    /** Makes the meters part of the registry camel-micrometer scrapes, when there is one. */
    void bindTo(CamelContext camel);

    /** A poll of every listener succeeded. */
    void polled();

    /** Time since the last successful poll, or null before the first. */
    Duration lastPollAge();

    void passDone(PassSummary pass);

    void derivedWrite(String type, String operation);
}
