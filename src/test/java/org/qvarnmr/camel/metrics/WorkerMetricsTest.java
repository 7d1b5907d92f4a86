package org.qvarnmr.camel.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;

/** The request timers and write counters are looked up once per tag set and keep counting everywhere. */
class WorkerMetricsTest {
    private static final String ROUTE = "GET /orgs/{id}";

    @Test
    void shouldCountRequestsByRouteAndStatusAlsoInARegistryPublishedToLater() {
        WorkerMetrics metrics = new WorkerMetrics();
        metrics.onRequest("GET", ROUTE, 200, 1_000);
        SimpleMeterRegistry later = new SimpleMeterRegistry();
        metrics.publishTo(later);

        metrics.onRequest("GET", ROUTE, 200, 1_000);
        metrics.onRequest("GET", ROUTE, 404, 1_000);

        assertThat(requests(metrics.prometheusRegistry(), "200")).isEqualTo(2);
        assertThat(requests(metrics.prometheusRegistry(), "404")).isEqualTo(1);
        assertThat(requests(later, "200")).isEqualTo(1);
    }

    @Test
    void shouldCountDerivedWritesByTypeAndOperation() {
        WorkerMetrics metrics = new WorkerMetrics();
        metrics.derivedWrite("reports_counts", "create");
        metrics.derivedWrite("reports_counts", "create");
        metrics.derivedWrite("reports_counts", "update");

        MeterRegistry registry = metrics.prometheusRegistry();
        assertThat(registry.get("qvarnmr.derived.writes").tag("type", "reports_counts").tag("operation", "create")
                .counter().count()).isEqualTo(2);
        assertThat(registry.get("qvarnmr.derived.writes").tag("operation", "update").counter().count()).isEqualTo(1);
    }

    private static long requests(MeterRegistry registry, String status) {
        return registry.get("qvarnmr.qvarn.requests").tag("route", ROUTE).tag("status", status).timer().count();
    }
}
