package org.qvarnmr.camel.engine;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.engine.state.HandlerVersionStore;
import org.qvarnmr.camel.engine.state.ListenerRegistry;
import org.qvarnmr.camel.engine.state.ListenerState;
import org.qvarnmr.camel.engine.state.MapTargetListeners;
import org.qvarnmr.camel.engine.state.Ownership;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnException;

/**
 * The map/reduce engine of one worker instance, free of Camel: the routes call these operations. It is given
 * a small I/O pool (notification reads and deletes, resync pages) sized by {@code qvarn.threads}.
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
    private final PassSettler settler;
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
    private final DeadLetterWrites deadLetterWrites = new DeadLetterWrites();

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
        this.settler = new PassSettler(failures, settings.retry(), settings.keepAliveTimeout(), clock);
        this.poller = new NotificationPoller(qvarn, pool, failures, settings.notFoundAttempts());
        this.registry = new ListenerRegistry(qvarn, settings.instance());
        this.versions = new HandlerVersionStore(qvarn, settings.instance());
        this.ownership = new Ownership(qvarn, signature, settings.keepAliveUpdateInterval(),
                settings.keepAliveTimeout(), clock);
    }

    /** The types the worker listens on: the sources of its map handlers. */
    public Set<String> listenedTypes() {
        return bindings.mapSources();
    }

    /**
     * Runs the {@link StartupChecks}, gets or creates the listeners and takes ownership (throws
     * {@link org.qvarnmr.camel.engine.state.OwnedElsewhereException} when another worker is alive), plans
     * the resync of handlers whose version is not synchronised, then drains the original's map-target
     * listeners (their keys' reduce knows which resync is due).
     */
    public void start() {
        new StartupChecks(qvarn, bindings, settings).run(); // unknown types and missing scopes stop here
        List<ListenerState> states = registry.ensure(listenedTypes());
        ownership.acquire(states);
        listeners = states;
        versions.load();
        resync = new Resync(qvarn, bindings, versions, mapStep, reduceStep, pool, settings.pageSize(),
                ownership::ensureOwner, this::resyncDeadLetter);
        resync.unrecordPending(); // before a live change writes a row at a new version
        new MapTargetListeners(qvarn, bindings, reduceStep::reduce).adopt(registry.records(), listenedTypes());
    }

    /** Whether the automatic resync has yet to map (again) the sources of {@code mapTarget}. */
    private boolean mapResyncPending(String mapTarget) {
        Resync r = resync;
        return r != null && r.mapsPending(mapTarget);
    }

    public List<ListenerState> listeners() {
        return listeners;
    }

    public Batch poll() {
        ownership.ensureOwner();
        return poller.poll(listeners, settings.batchSize());
    }

    /**
     * Maps one change completely, as a batch of its own: its rows leaving their key are written at once,
     * anchored only by its own rows. The caller must reduce every touched key before it considers the change
     * done (the replay command does).
     */
    public MapResult map(Change change) {
        MapResult result = map(change, false);
        return result.deferred().isEmpty() ? result : writeDeferred(result, result.anchors(), false);
    }

    /**
     * Maps a change of a batch; {@code retry} when this exchange tried it before (a redelivery). Rows leaving
     * their key in a reduced target are not written yet: the batch passes its results to {@link #writeDeferred}.
     */
    public MapResult map(Change change, boolean retry) {
        ownership.ensureOwner();
        try {
            return mapStep.apply(change, retry);
        } catch (QvarnException e) {
            throw refusedOutput(e, change.sourceType());
        }
    }

    /**
     * Writes the rows of one mapped change that leave their key, after the whole batch was mapped:
     * {@code anchors} are {@link MapPhase#anchors()} of that batch. {@code retry} as in {@link #map}.
     */
    public MapResult writeDeferred(MapResult result, Set<KeyRef> anchors, boolean retry) {
        ownership.ensureOwner();
        try {
            return mapStep.writeDeferred(result, anchors, retry);
        } catch (QvarnException e) {
            throw refusedOutput(e, result.change().sourceType());
        }
    }

    public ReduceOutcome reduce(KeyRef key) {
        ownership.ensureOwner();
        try {
            return reduceStep.reduce(key);
        } catch (QvarnException e) {
            throw refusedOutput(e, key.mapTarget());
        }
    }

    /**
     * A write Qvarn refuses for good is the handler's output being wrong for the target type: the failure
     * names the binding that wrote to that type from {@code source} (file:line); anything else as it is.
     */
    private RuntimeException refusedOutput(QvarnException failure, String source) {
        if (FailureDescription.permanentRefusal(failure) == null) {
            return failure;
        }
        String type = FailureDescription.typeOf(failure);
        for (HandlerBinding b : bindings.all()) {
            if (b.source().equals(source) && b.target().equals(type)) {
                return new HandlerException(b.where(), failure);
            }
        }
        return failure;
    }

    /**
     * Decides how a pass ends (see {@link PassSettler}): records the failures and their back-off, and
     * returns what to dead-letter and what to acknowledge. Throws {@link
     * org.qvarnmr.camel.engine.state.OwnershipLostException} when a change failed because another worker
     * took over. Call once per pass: every call counts the failures again.
     */
    public Settlement settle(Batch batch, MapPhase map, ReducePhase reduce) {
        return settler.settle(batch, map, reduce);
    }

    /** Deletes the notifications of changes that are settled; call after their dead letters are written. */
    public void acknowledge(List<Change> changes) {
        ownership.ensureOwner();
        try {
            poller.acknowledge(changes);
        } finally {
            // The one place failure entries are cleared, also when a DELETE failed half way: those already
            // deleted are never polled again, and a kept entry would keep a one-shot run waiting for a retry
            // forever. A notification left in Qvarn is simply processed again (idempotent) with fresh attempts.
            changes.forEach(failures::clear);
        }
    }

    /** Whether dead letters can be written; the dead-letter route reports each letter here. */
    public DeadLetterWrites deadLetterWrites() {
        return deadLetterWrites;
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

    private void resyncDeadLetter(String sourceType, String resourceId, boolean gone, String error) {
        Consumer<DeadLetter> writer = deadLetters;
        if (writer == null) {
            throw new IllegalStateException("this worker has no dead-letter endpoint");
        }
        writer.accept(new DeadLetter(sourceType, resourceId, (gone ? ChangeKind.DELETE : ChangeKind.UPSERT).name(),
                List.of(), error, 1, clock.instant().toString()));
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
            Reconciliation check = new Reconciliation(qvarn, bindings, versions, mapStep, reduceStep, pool,
                    settings.pageSize(), ownership::ensureOwner);
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
