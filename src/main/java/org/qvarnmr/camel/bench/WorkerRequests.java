package org.qvarnmr.camel.bench;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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

    /** Makes the worker built on {@code camel} count into this registry. */
    void bindTo(CamelContext camel) {
        camel.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, meters);
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
