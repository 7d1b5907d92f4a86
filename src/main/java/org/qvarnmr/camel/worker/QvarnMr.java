package org.qvarnmr.camel.worker;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.support.LRUCacheFactory;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.component.QvarnComponent;
import org.qvarnmr.camel.config.ConfigException;
import org.qvarnmr.camel.config.Settings;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.engine.Batch;
import org.qvarnmr.camel.engine.DeadLetter;
import org.qvarnmr.camel.engine.PassSummary;
import org.qvarnmr.camel.engine.QvarnMrEngine;
import org.qvarnmr.camel.metrics.PassLiveness;
import org.qvarnmr.camel.metrics.WorkerHealthCheck;
import org.qvarnmr.camel.metrics.WorkerMeters;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.route.DeadLetterFolder;
import org.qvarnmr.camel.route.ErrorPolicy;
import org.qvarnmr.camel.route.KeepAlive;
import org.qvarnmr.camel.route.KeepAliveRouteBuilder;
import org.qvarnmr.camel.route.MaintenanceRouteBuilder;
import org.qvarnmr.camel.route.QvarnMrConstants;
import org.qvarnmr.camel.route.QvarnMrRouteBuilder;
import org.qvarnmr.camel.route.TimerRouteBuilder;
import org.qvarnmr.camel.route.WorkerListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one assembly of a worker: the Qvarn client, the engine, the routes with their error policy, the
 * maintenance routes, the meters, the health checks (readiness and liveness) and the derived-change
 * announcer. Every runner builds its worker here: {@code java -jar} ({@code runtime/WorkerRuntime}), an
 * application embedding it, Karaf ({@code karaf/QvarnMrBlueprintSupport}), the JUnit kit and {@code replay}
 * (which uses {@link #engine()} and adds no routes). Runners differ only in where the settings come from ({@link Host}) and how they
 * ride out the start-up.
 *
 * <p>{@link #addTo(CamelContext)} adds the routes and ties the engine to the context's life: the engine
 * takes ownership of the instance when the context starts (before the routes) and releases it when the
 * context has stopped (after the batch in flight). One worker per context.
 *
 * <pre>{@code
 * QvarnMr.builder(bindings, settings).camel(camelContext).build().addTo(camelContext);
 * camelContext.start();
 * }</pre>
 */
public final class QvarnMr implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QvarnMr.class);

    /** Who runs the worker: decides which settings it can honour (the others are refused at {@link Builder#build()}). */
    public enum Host {
        /** {@code java -jar}: Camel Main serves the management server ({@code qvarnmr.management.*},
         * {@code camel.*}) and waits as a standby ({@code qvarnmr.standby}). */
        CAMEL_MAIN,
        /** Karaf: its start-up retry waits as a standby; the container owns management and Camel's settings. */
        KARAF,
        /** A CamelContext someone else owns and configures; {@link #start()} throws while another worker is alive. */
        EMBEDDED
    }

    private final WorkerSettings settings;
    private final boolean forever;
    private final Clock clock;
    private final WorkerMeters metrics;
    private final QvarnClient qvarn;
    private final QvarnMrEngine engine;
    private final WorkerThreads threads;
    private final RunTotals totals = new RunTotals();
    private final WorkerListener listener;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final DerivedAnnouncer announcer;
    private final PassLiveness liveness;
    private final WorkerHealthCheck readiness;
    private final List<String> routeIds = new ArrayList<>();

    private QvarnMr(Builder b) {
        this.settings = b.settings;
        this.forever = b.forever;
        this.clock = b.clock;
        this.metrics = WorkerMeters.create();
        this.threads = WorkerThreads.of(b.camel, settings);
        this.qvarn = new QvarnClient(settings.qvarn(), metrics, threads.client());
        this.engine = new QvarnMrEngine(qvarn, b.bindings, settings,
                b.signature != null ? b.signature : b.process.newSignature(), b.clock, threads.io(),
                LRUCacheFactory::newLRUCache);
        this.metrics.watch(engine);
        this.announcer = new DerivedAnnouncer(settings.instance(), metrics);
        this.engine.onDerivedWrite((type, id, key, operation) -> {
            totals.derivedWrite();
            announcer.written(type, id, key, operation);
        });
        this.liveness = new PassLiveness(settings.operations().healthMaxPassAge());
        this.readiness = new WorkerHealthCheck(engine, metrics, settings.operations().healthMaxPollAge());
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
            public void passBegins() {
                liveness.passBegins();
            }

            @Override
            public void polled(Batch batch) {
                metrics.polled();
            }

            @Override
            public void passDone(PassSummary pass) {
                metrics.passDone(pass);
                totals.passDone(pass);
            }
        };
    }

    /** The entry point of every runner: a worker of these bindings and settings. */
    public static Builder builder(HandlerBindings bindings, WorkerSettings settings) {
        return new Builder(bindings, settings);
    }

    /**
     * Adds the worker to {@code camel}: call once, before or after the context starts. A route with id
     * {@value QvarnMrConstants#KEEP_ALIVE_ROUTE} already defined (e.g. from {@code routes/keep-alive.yaml})
     * replaces the built-in keep-alive route. Throws {@link ConfigException} when dead letters cannot be
     * written ({@link DeadLetterFolder#check}), or the scheduled reconciliation is configured and the context
     * has no {@code quartz} component.
     */
    public QvarnMr addTo(CamelContext camel) throws Exception {
        DeadLetterFolder.check(settings.deadLetterUri());
        String cron = settings.reconcileCron();
        if (forever && !cron.isEmpty() && camel.getComponent("quartz") == null) {
            throw new ConfigException(Settings.RECONCILE_CRON.name() + " is set ('" + cron + "') but this Camel has no "
                    + "quartz component (camel-quartz); add it (under Karaf: feature:install camel-quartz) or clear "
                    + "the setting");
        }
        if (camel.getRegistry().lookupByName(QvarnMrConstants.KEEP_ALIVE_BEAN) == null) {
            camel.getRegistry().bind(QvarnMrConstants.KEEP_ALIVE_BEAN, new KeepAlive(engine, listener));
        }
        bindMeterRegistry(camel);
        qvarnComponent(camel).useWhenUnset(settings.qvarn());
        HealthCheckRegistry health = HealthCheckRegistry.get(camel);
        if (health != null) {
            health.register(readiness);
            health.register(liveness);
        }
        camel.addLifecycleStrategy(new WorkerLifecycle(this, announcer));
        if (camel.isStarted()) {
            start();
            announcer.attach(camel);
        }
        boolean yamlKeepAlive = camel instanceof ModelCamelContext model
                && model.getRouteDefinition(QvarnMrConstants.KEEP_ALIVE_ROUTE) != null;
        List<String> before = camel.getRoutes().stream().map(Route::getRouteId).toList();
        camel.addRoutes(new ErrorPolicy(settings.retry()));
        camel.addRoutes(new QvarnMrRouteBuilder(engine, listener));
        engine.onDeadLetter(resyncDeadLetters(camel));
        if (forever) {
            camel.addRoutes(new TimerRouteBuilder(engine, clock));
            camel.addRoutes(new MaintenanceRouteBuilder(engine));
            if (!yamlKeepAlive) {
                camel.addRoutes(new KeepAliveRouteBuilder(new KeepAlive(engine, listener),
                        KeepAlive.periodMillis(settings)));
            }
        }
        synchronized (routeIds) {
            camel.getRoutes().stream().map(Route::getRouteId).filter(id -> !before.contains(id)).forEach(routeIds::add);
        }
        return this;
    }

    /** The context's {@code qvarn:} component, added when the context cannot find it (e.g. under OSGi). */
    private static QvarnComponent qvarnComponent(CamelContext camel) {
        if (camel.getComponent("qvarn") instanceof QvarnComponent found) {
            return found;
        }
        QvarnComponent added = new QvarnComponent();
        camel.addComponent("qvarn", added);
        return added;
    }

    /**
     * The resync's dead letters go the way of the passes' (route {@code qvarnmr-dead-letter}) and count alike.
     * The route catches a letter it cannot write and puts it in the exchange's {@code UNWRITTEN} set, as it does
     * for a pass; here that throws, so the resync counts the source as a failure and records no version.
     */
    private Consumer<DeadLetter> resyncDeadLetters(CamelContext camel) {
        AtomicReference<ProducerTemplate> template = new AtomicReference<>();
        return letter -> {
            Set<DeadLetter> unwritten = ConcurrentHashMap.newKeySet();
            Exchange sent = template.updateAndGet(t -> t != null ? t : camel.createProducerTemplate())
                    .send(QvarnMrConstants.DEAD_LETTER, exchange -> {
                        exchange.setProperty(QvarnMrConstants.UNWRITTEN, unwritten);
                        exchange.getIn().setBody(letter);
                    });
            if (sent.getException() != null) {
                throw new IllegalStateException(sent.getException().getMessage(), sent.getException());
            }
            if (!unwritten.isEmpty()) {
                throw new IllegalStateException(engine.deadLetterWrites().failure().orElse("the letter was not written"));
            }
            listener.passDone(new PassSummary(0, 0, 0, 1, 0, false));
        };
    }

    /**
     * Stops and removes the routes {@link #addTo} added, newest first: the timer routes stop before the
     * routes they feed (so no exchange finds a route gone), and each lets its exchange in flight finish.
     * For a runner whose context lives on (Karaf); ownership is released by {@link #close()}.
     */
    public void removeFrom(CamelContext camel) {
        List<String> newestFirst;
        synchronized (routeIds) {
            newestFirst = new ArrayList<>(routeIds);
            routeIds.clear();
        }
        Collections.reverse(newestFirst);
        for (String id : newestFirst) {
            try {
                camel.getRouteController().stopRoute(id);
                camel.removeRoute(id);
            } catch (Exception e) {
                LOG.warn("qvarnmr: could not remove route {}: {}", id, e.toString());
            }
        }
    }

    /**
     * Makes the worker's meters part of the registry camel-micrometer uses ({@code metricsRegistry}): the
     * worker's own Prometheus registry when the context has none yet, else the context's. Done by
     * {@link #addTo}; a runner calls it earlier when Camel Main's metrics are configured before that.
     */
    public void bindMeterRegistry(CamelContext camel) {
        metrics.bindTo(camel);
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
                liveness.started();
                started.set(true);
            }
        }
    }

    public QvarnMrEngine engine() {
        return engine;
    }

    public WorkerMeters metrics() {
        return metrics;
    }

    /** The readiness check {@link #addTo} registers with Camel, for a host that reports health its own way (Spring Boot). */
    public WorkerHealthCheck healthCheck() {
        return readiness;
    }

    /** What the worker did so far, counted without meters (a one-shot run's summary line). */
    public RunTotals totals() {
        return totals;
    }

    public WorkerSettings settings() {
        return settings;
    }

    /** The listener the routes report to (ownership lost, polls, passes). */
    public WorkerListener listener() {
        return listener;
    }

    /**
     * Releases ownership (so another worker may start at once), closes the Qvarn client and stops the worker's
     * thread pools. Idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                engine.close();
            } finally {
                try {
                    qvarn.close();
                } finally {
                    threads.close();
                }
            }
        }
    }

    /** Options of the worker. */
    public static final class Builder {
        private final HandlerBindings bindings;
        private final WorkerSettings settings;
        private boolean forever = true;
        private Host host = Host.EMBEDDED;
        private ProcessIdentity process = ProcessIdentity.current();
        private String signature;
        private Clock clock = Clock.systemUTC();
        private CamelContext camel;
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

        /** Who runs the worker (default {@link Host#EMBEDDED}). */
        public Builder host(Host host) {
            this.host = host;
            return this;
        }

        /** The host and pid the worker's signature names (default: this process's). */
        public Builder process(ProcessIdentity process) {
            this.process = process;
            return this;
        }

        /** The worker's whole name in the ownership records (default: a new one of {@link #process}). */
        public Builder signature(String signature) {
            this.signature = signature;
            return this;
        }

        /**
         * The context the worker runs in: its {@link org.apache.camel.spi.ExecutorServiceManager} makes the
         * worker's thread pools (see {@link WorkerThreads}). Without one (default) they are plain pools.
         */
        public Builder camel(CamelContext camel) {
            this.camel = camel;
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

        /**
         * The worker, or a {@link ConfigException} for a setting its {@link Host} cannot honour: a setting
         * accepted under one runner either works under all of them or is refused, never silently ignored.
         */
        public QvarnMr build() {
            HostedSettings.check(settings, host);
            return new QvarnMr(this);
        }
    }
}
