package org.qvarnmr.camel.bench;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;

/**
 * The worker's requests as its own Qvarn client counted them (the {@code qvarnmr.qvarn.requests} timer
 * by route and status), so the figure is the same against any server, embedded or real. A fresh
 * registry per worker run is bound in that run's context, where the worker publishes its meters.
 */
final class WorkerRequests {
    private static final String TIMER = "qvarnmr.qvarn.requests";

    // Prometheus, since a forever worker's management server scrapes the registry it finds bound.
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /** Null for a forever worker, whose management server scrapes the bound registry: it must be Prometheus. */
    private final InFlight inFlight;

    /** @param byPhase whether to time the requests by phase too (one-shot runs, which serve no scrapes) */
    WorkerRequests(boolean byPhase) {
        this.inFlight = byPhase ? new InFlight() : null;
    }

    /** Makes the worker built on {@code camel} count into this registry (and time its requests by phase). */
    void bindTo(CamelContext camel) {
        if (inFlight == null) {
            camel.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, meters);
            return;
        }
        CompositeMeterRegistry both = new CompositeMeterRegistry();
        both.add(meters);
        both.add(inFlight.registry());
        camel.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, both);
    }

    /** Mean requests in flight by phase, over the requests so far. */
    List<InFlight.Row> inFlight() {
        return inFlight == null ? List.of() : inFlight.rows();
    }

    /** Requests by {@code "METHOD /route/template"}; a status other than 2xx is added, e.g. {@code [409]}. */
    RequestCounts snapshot() {
        SortedMap<String, Long> counts = new TreeMap<>();
        for (Timer timer : meters.find(TIMER).timers()) {
            String route = timer.getId().getTag("route");
            String status = timer.getId().getTag("status");
            String key = status != null && status.startsWith("2") ? route : route + " [" + status + "]";
            counts.merge(key, timer.count(), Long::sum);
        }
        return new RequestCounts(counts);
    }
}
