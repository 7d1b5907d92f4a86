package org.qvarnmr.camel;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.model.ModelCamelContext;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.engine.Batch;
import org.qvarnmr.camel.engine.QvarnMrEngine;
import org.qvarnmr.camel.metrics.WorkerHealthCheck;
import org.qvarnmr.camel.metrics.WorkerMetrics;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.route.ErrorPolicy;
import org.qvarnmr.camel.route.KeepAlive;
import org.qvarnmr.camel.route.MaintenanceRouteBuilder;
import org.qvarnmr.camel.route.PassSummary;
import org.qvarnmr.camel.route.QvarnMrConstants;
import org.qvarnmr.camel.route.QvarnMrRouteBuilder;
import org.qvarnmr.camel.route.WorkerListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker as part of any CamelContext: {@link #addTo(CamelContext)} adds its routes, binds its
 * keep-alive bean, registers its health check and metrics, and ties the engine to the context's life:
 * the engine takes ownership of the instance when the context starts (before the routes) and releases
 * it when the context has stopped (after the batch in flight). One worker per context.
 *
 * <pre>{@code
 * QvarnMr.builder(bindings, settings).build().addTo(camelContext);
 * camelContext.start();
 * }</pre>
 */
public final class QvarnMr implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QvarnMr.class);
    /** The registry name under which camel-micrometer looks up its MeterRegistry. */
    static final String METER_REGISTRY = "metricsRegistry";

    private final WorkerSettings settings;
    private final boolean forever;
    private final WorkerMetrics metrics = new WorkerMetrics();
    private final QvarnClient qvarn;
    private final QvarnMrEngine engine;
    private final WorkerListener listener;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final DerivedAnnouncer announcer;

    private QvarnMr(Builder b) {
        this.settings = b.settings;
        this.forever = b.forever;
        this.qvarn = new QvarnClient(settings.qvarn(), metrics);
        this.engine = new QvarnMrEngine(qvarn, b.bindings, settings, b.signature, b.clock);
        this.metrics.watch(engine);
        this.announcer = new DerivedAnnouncer(settings.instance(), metrics);
        this.engine.onDerivedWrite(announcer);
        Consumer<String> onLost = b.onOwnershipLost;
        AtomicBoolean lost = new AtomicBoolean();
        this.listener = new WorkerListener() {
            @Override
            public void ownershipLost(String newOwner) {
                if (lost.compareAndSet(false, true)) {
                    onLost.accept(newOwner);
                }
            }

            @Override
            public void polled(Batch batch) {
                metrics.polled();
            }

            @Override
            public void passDone(PassSummary pass) {
                metrics.passDone(pass);
            }
        };
    }

    public static Builder builder(HandlerBindings bindings, WorkerSettings settings) {
        return new Builder(bindings, settings);
    }

    /** {@code host/pid}, the original's signature of a worker in the ownership records. */
    public static String signature() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "/" + ProcessHandle.current().pid();
    }

    /**
     * Adds the worker to {@code camel}: call once, before or after the context starts. A route with id
     * {@value QvarnMrConstants#KEEP_ALIVE_ROUTE} already defined (e.g. from {@code routes/keep-alive.yaml})
     * replaces the built-in keep-alive route.
     */
    public QvarnMr addTo(CamelContext camel) throws Exception {
        if (camel.getRegistry().lookupByName(QvarnMrConstants.KEEP_ALIVE_BEAN) == null) {
            camel.getRegistry().bind(QvarnMrConstants.KEEP_ALIVE_BEAN, new KeepAlive(engine, listener));
        }
        bindMeterRegistry(camel);
        HealthCheckRegistry health = HealthCheckRegistry.get(camel);
        if (health != null) {
            health.register(new WorkerHealthCheck(engine, metrics, settings.operations().healthMaxPollAge()));
        }
        camel.addLifecycleStrategy(new WorkerLifecycle(this, announcer));
        if (camel.isStarted()) {
            start();
            announcer.attach(camel);
        }
        boolean yamlKeepAlive = camel instanceof ModelCamelContext model
                && model.getRouteDefinition(QvarnMrConstants.KEEP_ALIVE_ROUTE) != null;
        camel.addRoutes(new ErrorPolicy(3, 250));
        if (forever) {
            camel.addRoutes(new MaintenanceRouteBuilder(engine));
        }
        camel.addRoutes(new QvarnMrRouteBuilder(engine, forever, listener, forever && !yamlKeepAlive));
        return this;
    }

    /**
     * Makes the worker's meters part of the registry camel-micrometer uses ({@code metricsRegistry}): the
     * worker's own Prometheus registry when the context has none yet, else the context's. Done by
     * {@link #addTo}; a runner calls it earlier when Camel Main's metrics are configured before that.
     */
    public void bindMeterRegistry(CamelContext camel) {
        MeterRegistry meters = camel.getRegistry().lookupByNameAndType(METER_REGISTRY, MeterRegistry.class);
        if (meters == null) {
            camel.getRegistry().bind(METER_REGISTRY, metrics.prometheusRegistry());
        } else if (meters != metrics.prometheusRegistry()) {
            metrics.publishTo(meters);
        }
    }

    /**
     * Authenticates and takes ownership of the instance (throws
     * {@link org.qvarnmr.camel.engine.state.OwnedElsewhereException} while another worker is alive). Done
     * when the context starts; a runner may call it earlier to handle start-up failures itself.
     */
    public void start() {
        if (started.get()) {
            return;
        }
        synchronized (started) {
            if (!started.get()) {
                qvarn.authenticate(); // bad credentials or missing scopes fail here, with their names
                engine.start();
                started.set(true);
            }
        }
    }

    public QvarnMrEngine engine() {
        return engine;
    }

    public WorkerMetrics metrics() {
        return metrics;
    }

    /** The listener the routes report to (ownership lost, polls, passes). */
    public WorkerListener listener() {
        return listener;
    }

    /** Releases ownership (so another worker may start at once) and closes the Qvarn client. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                engine.close();
            } finally {
                qvarn.close();
            }
        }
    }

    /** Options of the worker. */
    public static final class Builder {
        private final HandlerBindings bindings;
        private final WorkerSettings settings;
        private boolean forever = true;
        private String signature = QvarnMr.signature();
        private Clock clock = Clock.systemUTC();
        private Consumer<String> onOwnershipLost = owner ->
                LOG.error("instance taken over by {}: this worker writes nothing more; stop it", owner);

        private Builder(HandlerBindings bindings, WorkerSettings settings) {
            this.bindings = bindings;
            this.settings = settings;
        }

        /** true (default): timers drive the passes; false: the caller sends to {@code direct:qvarnmr-pass}. */
        public Builder forever(boolean forever) {
            this.forever = forever;
            return this;
        }

        /** The worker's name in the ownership records (default {@code host/pid}). */
        public Builder signature(String signature) {
            this.signature = signature;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Called once when another worker takes the instance over (default: log an error). */
        public Builder onOwnershipLost(Consumer<String> onOwnershipLost) {
            this.onOwnershipLost = onOwnershipLost;
            return this;
        }

        public QvarnMr build() {
            return new QvarnMr(this);
        }
    }
}
