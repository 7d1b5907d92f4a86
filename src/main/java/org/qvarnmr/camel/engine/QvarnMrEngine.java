package org.qvarnmr.camel.engine;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.engine.state.HandlerVersionStore;
import org.qvarnmr.camel.engine.state.ListenerRegistry;
import org.qvarnmr.camel.engine.state.ListenerState;
import org.qvarnmr.camel.engine.MapTargetListeners;
import org.qvarnmr.camel.engine.state.Ownership;
import org.qvarnmr.camel.qvarn.client.QvarnClient;

/**
 * The map/reduce engine of one worker instance, free of Camel: start-up, ownership, the automatic resync and
 * reconciliation; the routes call the steps of a pass on its {@link BatchApplication}. It uses a small I/O
 * pool (notification reads and deletes, resync pages) sized by {@code qvarn.threads}, given by its owner.
 */
public final class QvarnMrEngine implements AutoCloseable {
    private final QvarnClient qvarn;
    private final HandlerBindings bindings;
    private final WorkerSettings settings;
    private final ExecutorService pool;
    private final MapStep mapStep;
    private final ReduceStep reduceStep;
    private final SourceCache sources;
    private final FailureTracker failures;
    private final BatchApplication application;
    private final NotificationPoller poller;
    private final ListenerRegistry registry;
    private final HandlerVersionStore versions;
    private final Ownership ownership;
    private final Clock clock;
    private volatile List<ListenerState> listeners = List.of();
    private volatile Consumer<DeadLetter> deadLetters;
    private volatile Resync resync;
    private volatile Reconciliation reconciliation;
    private final AtomicBoolean reconciling = new AtomicBoolean();
    private final AtomicBoolean adopted = new AtomicBoolean();

    /**
     * @param pool   the I/O pool ({@code qvarn.threads} threads); its owner shuts it down after {@link #close()}
     * @param caches makes the bounded caches ({@code qvarnmr.cache-size} entries)
     */
    public QvarnMrEngine(QvarnClient qvarn, HandlerBindings bindings, WorkerSettings settings, String signature,
                         Clock clock, ExecutorService pool, LruCaches caches) {
        this.qvarn = qvarn;
        this.bindings = bindings;
        this.settings = settings;
        this.clock = clock;
        this.pool = pool;
        KeyedLocks locks = new KeyedLocks(1024);
        this.sources = new SourceCache(qvarn, caches, settings.cacheSize());
        KeyRowsCache keyRows = new KeyRowsCache(settings.cacheSize(), settings.pageSize());
        this.mapStep = new MapStep(qvarn, bindings, locks, sources, keyRows, settings.pageSize());
        this.reduceStep = new ReduceStep(qvarn, bindings, locks, settings.pageSize(), clock, sources,
                settings.cacheSize(), settings.retry().redeliveries(), keyRows,
                new VersionRepair(bindings, mapStep, this::mapResyncPending));
        this.failures = new FailureTracker(settings.retry(), clock);
        this.poller = new NotificationPoller(qvarn, pool, failures, settings.notFoundAttempts());
        this.registry = new ListenerRegistry(qvarn, settings.instance());
        this.versions = new HandlerVersionStore(qvarn, settings.instance());
        this.ownership = new Ownership(qvarn, signature, settings.keepAliveUpdateInterval(),
                settings.keepAliveTimeout(), clock);
        this.application = new BatchApplication(mapStep, reduceStep, bindings, poller, failures,
                new PassSettler(failures, settings.retry(), settings.keepAliveTimeout(), clock), ownership, pool,
                this::listeners, this::adoptOriginalListeners, settings.batchSize());
    }

    /** The types the worker listens on: the sources of its map handlers. */
    public Set<String> listenedTypes() {
        return bindings.mapSources();
    }

    /**
     * Runs the {@link StartupChecks}, gets or creates the listeners and takes ownership (throws
     * {@link org.qvarnmr.camel.engine.state.OwnedElsewhereException} when another worker is alive), plans
     * the resync of handlers whose version is not synchronised.
     */
    public void start() {
        new StartupChecks(qvarn, bindings, settings).run(); // unknown types and missing scopes stop here
        List<ListenerState> states = registry.ensure(listenedTypes());
        ownership.acquire(states);
        listeners = states;
        versions.load();
        resync = new Resync(qvarn, bindings, versions, application, mapStep, reduceStep, settings.pageSize(),
                ResyncMode.RESYNC, clock, this::resyncDeadLetter, pool);
        resync.unrecordPending(); // before a live change writes a row at a new version
    }

    /**
     * Drains the original's map-target listeners (their keys' reduce knows which resync is due), once, at the
     * first poll rather than in {@link #start}: a runner starts the engine before its routes run, and a reduce
     * handler written as a route can only be called once they do.
     */
    private void adoptOriginalListeners() {
        if (adopted.compareAndSet(false, true)) {
            new MapTargetListeners(qvarn, bindings, reduceStep::reduce).adopt(registry.records(), listenedTypes());
        }
    }

    /** Whether the automatic resync has yet to map (again) the sources of {@code mapTarget}. */
    private boolean mapResyncPending(String mapTarget) {
        Resync r = resync;
        return r != null && r.mapsPending(mapTarget);
    }

    public List<ListenerState> listeners() {
        return listeners;
    }

    /** The steps of a pass, and the one application of a batch for callers without routes. */
    public BatchApplication application() {
        return application;
    }

    /** Whether dead letters can be written; the dead-letter route reports each letter here. */
    public DeadLetterWrites deadLetterWrites() {
        return application.deadLetterWrites();
    }

    /** Whether some failed change waits for a retry. */
    public boolean hasRetriesPending() {
        return failures.size() > 0;
    }

    /**
     * Where the resync's dead letters go (the routes' dead-letter endpoint); {@code writer} throws when a
     * letter cannot be written. Without one, a source the resync can never map counts as a resync failure.
     */
    public void onDeadLetter(Consumer<DeadLetter> writer) {
        this.deadLetters = writer;
    }

    private void resyncDeadLetter(DeadLetter letter) {
        Consumer<DeadLetter> writer = deadLetters;
        if (writer == null) {
            throw new IllegalStateException("this worker has no dead-letter endpoint");
        }
        writer.accept(letter);
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

    /** Resources and keys the automatic resync failed on (its handlers' versions stay unrecorded). */
    public int resyncFailures() {
        Resync r = resync;
        return r == null ? 0 : r.failures();
    }

    /** Where the automatic resync stands (idle when none is due). */
    public ResyncProgress resyncProgress() {
        Resync r = resync;
        return r == null ? ResyncProgress.IDLE : r.progress();
    }

    /**
     * Checks every derived row against its sources and repairs what drifted (a notification Qvarn failed
     * to write, a derived row edited or deleted behind the worker's back). Runs in steps like a resync,
     * beside live changes; returns how many rows it wrote and how many sources and keys failed. One at a
     * time: a call while another runs returns empty at once.
     */
    public Optional<Reconciliation.Outcome> reconcile() {
        if (!reconciling.compareAndSet(false, true)) {
            return Optional.empty();
        }
        try {
            // Look at what Qvarn really holds, not at what this worker remembers writing.
            sources.clear();
            reduceStep.forgetRows();
            Reconciliation check = new Reconciliation(qvarn, bindings, versions, application, mapStep, reduceStep,
                    settings.pageSize(), clock, ownership::ensureOwner, pool);
            reconciliation = check;
            while (!check.isDone()) {
                ownership.ensureOwner();
                check.step();
            }
            return Optional.of(new Reconciliation.Outcome(check.repaired(), check.failures()));
        } finally {
            reconciliation = null;
            reconciling.set(false);
        }
    }

    /** Where a running reconciliation stands (idle when none runs). */
    public ResyncProgress reconcileProgress() {
        Reconciliation r = reconciliation;
        return r == null ? ResyncProgress.IDLE : r.progress();
    }

    public boolean resyncDone() {
        Resync r = resync;
        return r == null || r.isDone();
    }

    public void keepAlive() {
        ownership.keepAlive();
    }

    /** Notifications pending per source type, as listed at the last poll (for metrics). */
    public Map<String, Integer> pendingNotifications() {
        return poller.listedAtLastPoll();
    }

    /** Tells {@code listener} of every derived row written from now on (map rows and reduce results). */
    public void onDerivedWrite(DerivedWriteListener listener) {
        mapStep.onWrite(listener);
        reduceStep.onWrite(listener);
    }

    public Ownership ownership() {
        return ownership;
    }

    public QvarnClient qvarn() {
        return qvarn;
    }

    public WorkerSettings settings() {
        return settings;
    }

    /** Releases ownership (so another worker may start at once); the I/O pool is its owner's to stop. */
    @Override
    public void close() {
        ownership.release();
    }

}
