package org.qvarnmr.camel.engine;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.binding.HandlerKind;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.engine.state.HandlerVersionStore;
import org.qvarnmr.camel.engine.state.ListenerRegistry;
import org.qvarnmr.camel.engine.state.ListenerState;
import org.qvarnmr.camel.engine.state.Ownership;
import org.qvarnmr.camel.qvarn.client.QvarnClient;

/**
 * The map/reduce engine of one worker instance, free of Camel: the routes call these operations. It owns
 * a small I/O pool (notification reads and deletes, resync pages) sized by {@code qvarn.threads}.
 */
public final class QvarnMrEngine implements AutoCloseable {
    private final QvarnClient qvarn;
    private final HandlerBindings bindings;
    private final WorkerSettings settings;
    private final ExecutorService pool;
    private final MapStep mapStep;
    private final ReduceStep reduceStep;
    private final FailureTracker failures;
    private final NotificationPoller poller;
    private final ListenerRegistry registry;
    private final HandlerVersionStore versions;
    private final Ownership ownership;
    private volatile List<ListenerState> listeners = List.of();
    private volatile Resync resync;

    public QvarnMrEngine(QvarnClient qvarn, HandlerBindings bindings, WorkerSettings settings, String signature,
                         Clock clock) {
        this.qvarn = qvarn;
        this.bindings = bindings;
        this.settings = settings;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, "qvarnmr-io-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        KeyedLocks locks = new KeyedLocks(1024);
        this.mapStep = new MapStep(qvarn, bindings, locks);
        this.reduceStep = new ReduceStep(qvarn, bindings, locks, settings.pageSize(), clock);
        this.failures = new FailureTracker(settings.retryDelay(), settings.retryMaxDelay(), clock);
        this.poller = new NotificationPoller(qvarn, pool, failures, settings.notFoundAttempts());
        this.registry = new ListenerRegistry(qvarn, settings.instance());
        this.versions = new HandlerVersionStore(qvarn, settings.instance());
        this.ownership = new Ownership(qvarn, signature, settings.keepAliveUpdateInterval(),
                settings.keepAliveTimeout(), clock);
    }

    /** The types the worker listens on: the sources of its map handlers. */
    public Set<String> listenedTypes() {
        Set<String> types = new LinkedHashSet<>();
        for (HandlerBinding b : bindings.all()) {
            if (b.kind() == HandlerKind.MAP) {
                types.add(b.source());
            }
        }
        return types;
    }

    /**
     * Runs the {@link StartupChecks}, gets or creates the listeners and takes ownership (throws
     * {@link org.qvarnmr.camel.engine.state.OwnedElsewhereException} when another worker is alive), then
     * plans the resync of handlers whose version is not synchronised.
     */
    public void start() {
        new StartupChecks(qvarn, bindings, settings).run(); // unknown types and missing scopes stop here
        List<ListenerState> states = registry.ensure(listenedTypes());
        ownership.acquire(states);
        listeners = states;
        versions.load();
        resync = new Resync(qvarn, bindings, versions, mapStep, reduceStep, pool, settings.pageSize());
    }

    public List<ListenerState> listeners() {
        return listeners;
    }

    public Batch poll() {
        ownership.ensureOwner();
        return poller.poll(listeners, settings.batchSize());
    }

    public MapResult map(Change change) {
        ownership.ensureOwner();
        return mapStep.apply(change);
    }

    public ReduceOutcome reduce(KeyRef key) {
        ownership.ensureOwner();
        return reduceStep.reduce(key);
    }

    public void acknowledge(List<Change> changes) {
        ownership.ensureOwner();
        try {
            poller.acknowledge(changes);
        } finally {
            // Also when a DELETE failed half way: those already deleted are never polled again, and a kept
            // entry would keep a one-shot run waiting for a retry forever. A notification left in Qvarn is
            // simply processed again (idempotent) with fresh attempts.
            changes.forEach(failures::clear);
        }
    }

    /** Counts a failed attempt; returns whether the change has now used all its attempts. */
    public boolean failedAndExhausted(Change change) {
        return failures.failed(change) >= settings.maxAttempts();
    }

    /** Backs a change off after Qvarn was unreachable; this never uses up its attempts. */
    public void outage(Change change) {
        failures.outage(change);
    }

    public int attempts(Change change) {
        return failures.attempts(change);
    }

    /** Whether some failed change waits for a retry. */
    public boolean hasRetriesPending() {
        return failures.size() > 0;
    }

    /** One step of the automatic resync; returns whether more is left. */
    public boolean resyncStep() {
        Resync r = resync;
        if (r == null || r.isDone()) {
            return false;
        }
        ownership.ensureOwner();
        return r.step();
    }

    public boolean resyncDone() {
        Resync r = resync;
        return r == null || r.isDone();
    }

    public void keepAlive() {
        ownership.keepAlive();
    }

    public Ownership ownership() {
        return ownership;
    }

    public HandlerBindings bindings() {
        return bindings;
    }

    public QvarnClient qvarn() {
        return qvarn;
    }

    public WorkerSettings settings() {
        return settings;
    }

    /** Releases ownership (so another worker may start at once) and stops the I/O pool. */
    @Override
    public void close() {
        try {
            ownership.release();
        } finally {
            pool.shutdownNow();
        }
    }

}
