package org.qvarnmr.camel.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.binding.HandlerKind;
import org.qvarnmr.camel.engine.state.HandlerVersionStore;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resync of handlers whose version is not recorded as synchronised (section 5 of the original's
 * semantics). {@link Reconciliation} is the same walk over every handler, repairing whatever drifted
 * ({@link ResyncMode}). Which handlers are walked in which order, and which versions are recorded when, is
 * the {@link ResyncPlan}; one handler's walk is a {@link MapWalk} or a {@link ReduceWalk}, each page one
 * {@link BatchApplication} with the {@link WalkSettler} failure rules.
 *
 * <p>Done in small steps so live changes flow between them. Every read is a paged bulk search, keyed by
 * id so pages stay right while rows come and go: a page of sources ({@code show_all}) and, in one more
 * search, the map rows of exactly that id range. A source whose rows already say what its handler says
 * costs nothing more, so a resync killed half way resumes where it was at the price of two reads per
 * page. Map handlers go first, reduce handlers after (their keys would otherwise see mixed versions);
 * a reduce resync skips keys whose reduce row already has the version. A version is recorded only when
 * its whole resync succeeded, counting a source its handler can never map (the handler fails on it, or
 * Qvarn refuses its output for good) as done once it is in a dead letter: one bad source would otherwise
 * keep the version unrecorded, and every start resyncing, until the source changes; {@code replay} maps
 * it again once the cause is fixed. A record of another version is cleared before anything is written at
 * the new version ({@link #unrecordPending}), so a resync that fails or is interrupted is done again at
 * the next start whatever version that start has (a bump rolled back included). Walks read ahead: the
 * next page while one is written, and the next walk's first page while a walk's last is written (see
 * {@link #readAheadNext}). Memory is bounded by the page size (at most three pages: the one written, the
 * next and the next walk's first), plus the keys of the reduce resync and, while they fit
 * {@code qvarnmr.cache-size}, the rows of its reduce and map targets.
 */
public final class Resync {
    private static final Logger LOG = LoggerFactory.getLogger(Resync.class);

    private final QvarnClient qvarn;
    private final BatchApplication application;
    private final MapStep mapStep;
    private final ReduceStep reduceStep;
    private final int pageSize;
    private final ResyncMode mode;
    private final Clock clock;
    private final Consumer<DeadLetter> deadLetters;
    private final ResyncPlan plan;
    /** Where walks read ahead (the engine's I/O pool); null: each read when it is due. */
    private final Executor readAhead;
    /** The walk of the plan's current handler; null between handlers. */
    private ResyncWalk walk;
    /** The walk of the handler after it, once it started reading ahead; null before. */
    private ResyncWalk upcoming;
    /** Failures of the handler walked now. */
    private final AtomicInteger failures = new AtomicInteger();
    /** Failures of every handler finished so far: a one-shot run's summary and exit code report them. */
    private final AtomicInteger failedInAll = new AtomicInteger();
    private final AtomicLong repaired = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private volatile long total;
    private volatile long startedAt;
    private volatile String current = "";

    /**
     * @param mode        the resync of unrecorded versions, or a reconciliation of every handler
     * @param deadLetters where the resync sends a source it can never map; throws when the letter cannot be
     *                    written (a reconciliation writes none)
     * @param readAhead   where walks read their next page while they apply one (null: when it is due)
     */
    Resync(QvarnClient qvarn, HandlerBindings bindings, HandlerVersionStore versions, BatchApplication application,
           MapStep mapStep, ReduceStep reduceStep, int pageSize, ResyncMode mode, Clock clock,
           Consumer<DeadLetter> deadLetters, Executor readAhead) {
        this.qvarn = qvarn;
        this.application = application;
        this.mapStep = mapStep;
        this.reduceStep = reduceStep;
        this.pageSize = pageSize;
        this.mode = mode;
        this.clock = clock;
        this.deadLetters = deadLetters;
        this.readAhead = readAhead;
        this.plan = new ResyncPlan(bindings, versions, mode);
    }

    /**
     * Clears the records of the handlers this resync walks that name another version (see {@link
     * HandlerVersionStore#unrecordOther}); call before any change is mapped at the new versions, since live
     * changes write rows of the new version too.
     */
    public void unrecordPending() {
        plan.unrecordPending();
    }

    public boolean isDone() {
        return plan.isDone();
    }

    /**
     * Whether a map walk of {@code mapTarget} is still to run or running: until it ends, rows of the old and
     * the new version meet under a key, which is postponed; the reduce walk queued after it reduces every key.
     */
    public boolean mapsPending(String mapTarget) {
        return plan.mapsPending(mapTarget);
    }

    /** Rows written (map and reduce) so far: for a reconciliation, the rows it repaired. */
    public long repaired() {
        return repaired.get();
    }

    public ResyncProgress progress() {
        int left = plan.handlersLeft();
        if (left == 0) {
            return new ResyncProgress("", done.get(), total, 0, Duration.ZERO, repaired.get(), 0);
        }
        double seconds = Math.max(0.001, (System.nanoTime() - startedAt) / 1e9);
        double rate = done.get() / seconds;
        long remaining = Math.max(0, total - done.get());
        Duration eta = rate > 0 ? Duration.ofSeconds((long) (remaining / rate)) : Duration.ZERO;
        return new ResyncProgress(current, done.get(), total, rate, eta, repaired.get(), left);
    }

    /** Does one page of work; returns whether work is left. */
    public synchronized boolean step() {
        HandlerBinding b = plan.current();
        if (b == null) {
            return false;
        }
        if (walk == null || !walk.binding().equals(b)) {
            begin(b);
        }
        ResyncWalk.Page page = walk.step();
        done.addAndGet(page.read());
        for (BatchApplication.Applied applied : page.applied()) {
            repaired.addAndGet(applied.pass().writes());
            failures.addAndGet(applied.settlement().summary().failed());
            applied.settlement().deadLetters().forEach(this::deadLetter);
        }
        if (page.last()) {
            plan.finish(failures.get(), repaired.get());
            failedInAll.addAndGet(failures.getAndSet(0));
            walk = null;
            current = "";
        }
        return !isDone();
    }

    private void begin(HandlerBinding b) {
        walk = upcoming != null && upcoming.binding().equals(b) ? upcoming : walkOf(b);
        upcoming = null;
        // One listing gives the total for progress (ids only; the walk itself reads pages).
        total = qvarn.listIds(b.source()).size();
        current = b.target() + " <- " + b.source();
        done.set(0);
        startedAt = System.nanoTime();
    }

    private ResyncWalk walkOf(HandlerBinding b) {
        return b.kind() == HandlerKind.MAP
                ? new MapWalk(qvarn, application, mapStep, b, mode, clock, pageSize, readAhead, this::readAheadNext)
                : new ReduceWalk(qvarn, application, reduceStep, b, mode, plan.everyKey(b), pageSize, readAhead,
                        this::readAheadNext);
    }

    /**
     * Called by a walk once it read its last page, before applying it: the next handler's walk starts reading
     * its first page meanwhile. A map walk reads sources and rows no other walk writes; a reduce walk reads
     * its map target, so only once no map walk of that target is left (they run in the plan's order).
     */
    private void readAheadNext() {
        HandlerBinding next = plan.next();
        if (upcoming != null || next == null
                || (next.kind() == HandlerKind.REDUCE && plan.mapsPending(next.source()))) {
            return;
        }
        upcoming = walkOf(next);
        upcoming.readAhead();
    }

    /** Writes a letter of a source the walk can never map; one that cannot be written counts as a failure. */
    private void deadLetter(DeadLetter letter) {
        try {
            deadLetters.accept(letter);
        } catch (RuntimeException notWritten) {
            LOG.error("cannot write the dead letter of {}/{} ({}): {}", letter.sourceType(), letter.resourceId(),
                    notWritten.getMessage(), letter.error());
            failures.incrementAndGet();
            return;
        }
        LOG.error("{}; sent to the dead-letter endpoint, replay it once the cause is fixed", letter.error());
    }

    /** Resources and keys that failed to resync in the handlers finished so far. */
    int failures() {
        return failedInAll.get();
    }
}
