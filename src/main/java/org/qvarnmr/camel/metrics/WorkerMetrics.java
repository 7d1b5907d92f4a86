package org.qvarnmr.camel.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.qvarnmr.camel.engine.QvarnMrEngine;
import org.qvarnmr.camel.engine.PassSummary;

/**
 * The worker's Micrometer meters (scraped as Prometheus text on {@code /observe/metrics}). Names and tags
 * never carry secrets: routes are Qvarn path templates ({@code GET /orgs/{id}}), types are type names.
 *
 * <table>
 * <caption>Meters (Prometheus names)</caption>
 * <tr><td>qvarnmr_changes_processed_total</td><td>changes fully processed (notifications deleted)</td></tr>
 * <tr><td>qvarnmr_changes_failed_total</td><td>failed attempts of changes that will be retried</td></tr>
 * <tr><td>qvarnmr_dead_letters_total</td><td>changes sent to the dead-letter endpoint</td></tr>
 * <tr><td>qvarnmr_keys_reduced_total</td><td>keys reduced</td></tr>
 * <tr><td>qvarnmr_derived_writes_total{type,operation}</td><td>derived rows created, updated, deleted</td></tr>
 * <tr><td>qvarnmr_notifications_pending{listener}</td><td>notification ids listed at the last poll</td></tr>
 * <tr><td>qvarnmr_last_poll_age_seconds</td><td>since the last successful poll (NaN before the first)</td></tr>
 * <tr><td>qvarnmr_owner</td><td>1 while this worker owns its instance</td></tr>
 * <tr><td>qvarnmr_resync_resources_done / _expected</td><td>the automatic resync's progress on its handler</td></tr>
 * <tr><td>qvarnmr_resync_handlers_pending</td><td>handlers the resync has still to do</td></tr>
 * <tr><td>qvarnmr_qvarn_requests_seconds{route,status}</td><td>HTTP requests to Qvarn (status -1: no answer)</td></tr>
 * </table>
 */
public final class WorkerMetrics implements WorkerMeters {
    /** The registry name under which camel-micrometer looks up its MeterRegistry. */
    static final String METER_REGISTRY = "metricsRegistry";

    private final CompositeMeterRegistry registry = new CompositeMeterRegistry();
    /** Holds every value from the start; the registry to scrape unless the context brings its own. */
    private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter processed;
    private final Counter failed;
    private final Counter deadLetters;
    private final Counter keysReduced;
    private final PollAge pollAge = new PollAge();
    /**
     * The tagged meters by their tag values, so a request or a write looks one up instead of building and
     * registering a meter id each time (the registry's lookup sorts and hashes the tags, per request).
     */
    private final Map<String, Timer> requestTimers = new ConcurrentHashMap<>();
    private final Map<String, Counter> writeCounters = new ConcurrentHashMap<>();

    public WorkerMetrics() {
        registry.add(prometheus);
        processed = Counter.builder("qvarnmr.changes.processed")
                .description("changes fully processed (their notifications deleted)").register(registry);
        failed = Counter.builder("qvarnmr.changes.failed")
                .description("failed attempts of changes that will be retried").register(registry);
        deadLetters = Counter.builder("qvarnmr.dead.letters")
                .description("changes sent to the dead-letter endpoint after their last attempt").register(registry);
        keysReduced = Counter.builder("qvarnmr.keys.reduced").description("keys reduced").register(registry);
        TimeGauge.builder("qvarnmr.last.poll.age", this, TimeUnit.SECONDS, WorkerMetrics::lastPollAgeSeconds)
                .description("time since the last successful poll of Qvarn (NaN before the first)")
                .register(registry);
    }

    /** The worker's own Prometheus registry, which has counted from the start. */
    public PrometheusMeterRegistry prometheusRegistry() {
        return prometheus;
    }

    /** Publishes the meters to {@code target} too (counting from now on), e.g. a registry the context has. */
    public void publishTo(MeterRegistry target) {
        if (!registry.getRegistries().contains(target)) {
            registry.add(target);
        }
    }

    /**
     * Makes the worker's meters part of the registry camel-micrometer uses ({@code metricsRegistry}): the
     * worker's own Prometheus registry when the context has none yet, else the context's.
     */
    @Override
    public void bindTo(CamelContext camel) {
        MeterRegistry meters = camel.getRegistry().lookupByNameAndType(METER_REGISTRY, MeterRegistry.class);
        if (meters == null) {
            camel.getRegistry().bind(METER_REGISTRY, prometheus);
        } else if (meters != prometheus) {
            publishTo(meters);
        }
    }

    @Override
    public void watch(QvarnMrEngine engine) {
        for (String type : engine.listenedTypes()) {
            Gauge.builder("qvarnmr.notifications.pending", engine, e -> {
                Integer n = e.pendingNotifications().get(type);
                return n == null ? Double.NaN : n;
            }).tag("listener", type).description("notification ids the listener listed at the last poll")
                    .register(registry);
        }
        Gauge.builder("qvarnmr.owner", engine, e -> e.ownership().isOwner() ? 1 : 0)
                .description("1 while this worker owns its instance").register(registry);
        Gauge.builder("qvarnmr.resync.resources.done", engine, e -> e.resyncProgress().done())
                .description("resources the automatic resync has done on its current handler").register(registry);
        Gauge.builder("qvarnmr.resync.resources.expected", engine, e -> e.resyncProgress().total())
                .description("resources of the automatic resync's current handler").register(registry);
        Gauge.builder("qvarnmr.resync.handlers.pending", engine, e -> e.resyncProgress().handlersLeft())
                .description("handler bindings the automatic resync has still to do").register(registry);
    }

    @Override
    public void polled() {
        pollAge.polled();
    }

    @Override
    public Duration lastPollAge() {
        return pollAge.lastPollAge();
    }

    @Override
    public void passDone(PassSummary pass) {
        processed.increment(pass.acknowledged());
        failed.increment(pass.failed());
        deadLetters.increment(pass.deadLettered());
        keysReduced.increment(pass.reducedKeys());
    }

    @Override
    public void derivedWrite(String type, String operation) {
        writeCounters.computeIfAbsent(type + ' ' + operation, k -> Counter.builder("qvarnmr.derived.writes")
                .tag("type", type).tag("operation", operation)
                .description("derived rows written").register(registry)).increment();
    }

    @Override
    public void onRequest(String method, String route, int status, long nanos) {
        requestTimers.computeIfAbsent(status + " " + route, k -> Timer.builder("qvarnmr.qvarn.requests")
                .tag("route", route).tag("status", Integer.toString(status))
                .description("HTTP requests to Qvarn by route template and status (-1: no answer)")
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    private double lastPollAgeSeconds() {
        Duration age = lastPollAge();
        return age == null ? Double.NaN : age.toNanos() / 1e9;
    }
}
