package org.qvarnmr.camel.engine;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.engine.state.ListenerState;
import org.qvarnmr.camel.engine.state.Ownership;
import org.qvarnmr.camel.qvarn.client.QvarnException;

/**
 * The one way a batch of changes is applied: map each change, write the rows that leave their key in
 * waves ({@link Pass#startWave()}), reduce every touched key once, and let an {@link ApplyMode} settle the
 * failures. The pass routes call the steps one by one (poll, {@link #map}, {@link #moveRows}, {@link
 * #reduce}, {@link #settle}, {@link #acknowledge}), Camel splitting and aggregating a {@link Pass}; a
 * resync page, a reconciliation, and {@code replay} call {@link #apply}, which runs the same steps on the
 * engine's I/O pool. Every step first checks the worker still owns the instance.
 */
public final class BatchApplication {
    private final MapStep mapStep;
    private final ReduceStep reduceStep;
    private final HandlerBindings bindings;
    private final NotificationPoller poller;
    private final FailureTracker failures;
    private final PassSettler live;
    private final Ownership ownership;
    private final ExecutorService pool;
    private final Supplier<List<ListenerState>> listeners;
    private final Runnable beforePoll;
    private final int batchSize;
    private final DeadLetterWrites deadLetterWrites = new DeadLetterWrites();

    BatchApplication(MapStep mapStep, ReduceStep reduceStep, HandlerBindings bindings, NotificationPoller poller,
                     FailureTracker failures, PassSettler live, Ownership ownership, ExecutorService pool,
                     Supplier<List<ListenerState>> listeners, Runnable beforePoll, int batchSize) {
        this.mapStep = mapStep;
        this.reduceStep = reduceStep;
        this.bindings = bindings;
        this.poller = poller;
        this.failures = failures;
        this.live = live;
        this.ownership = ownership;
        this.pool = pool;
        this.listeners = listeners;
        this.beforePoll = beforePoll;
        this.batchSize = batchSize;
    }

    /** Maps one change; returns what it did. The resync's mapper maps a source read in its page instead. */
    @FunctionalInterface
    public interface Mapper {
        MapResult map(Change change);
    }

    /** What {@link #apply} did: the pass as it ended, and how its mode settled it. */
    public record Applied(Pass pass, Settlement settlement) {
    }

    /**
     * Reads one batch of notifications from every listener, coalesced per resource: a pass to apply. Where many
     * of its sources map to one target, the rows they hold are read by listing that target ({@link OldRows}).
     */
    public Pass poll() {
        ownership.ensureOwner();
        beforePoll.run();
        Pass pass = Pass.of(poller.poll(listeners.get(), batchSize));
        mapStep.prefetchOldRows(pass.changes());
        return pass;
    }

    /**
     * Maps a change of a batch; {@code retry} when this exchange tried it before (a redelivery: an earlier try
     * may have written rows). Rows leaving their key in a reduced target are not written yet: see {@link #moveRows}.
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
     * Writes the rows of one mapped change that leave their key, knowing the anchors of the batch so far
     * ({@link Pass#waveMoves()}). {@code retry} as in {@link #map}: the change is mapped again from fresh reads.
     */
    public MapResult moveRows(Pass.RowMoves moves, boolean retry) {
        ownership.ensureOwner();
        try {
            return mapStep.writeDeferred(moves.result(), moves.anchors(), retry);
        } catch (QvarnException e) {
            throw refusedOutput(e, moves.result().change().sourceType());
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
     * How a live pass ends (see {@link PassSettler}): records the failures and their back-off, returns what to
     * dead-letter and what to acknowledge. Call once per pass: every call counts the failures again.
     */
    public Settlement settle(Pass pass) {
        return live.settle(pass);
    }

    /**
     * Deletes the notifications of the changes {@code settlement} settled, but for those whose dead letter
     * ({@code unwritten}) could not be written: they keep their notifications and write it again at their next
     * attempt. Returns the pass's summary. Call after the dead letters are written.
     */
    public PassSummary acknowledge(Settlement settlement, Collection<DeadLetter> unwritten) {
        Settlement settled = settlement.without(unwritten);
        ownership.ensureOwner();
        try {
            poller.acknowledge(settled.acknowledge());
        } finally {
            // The one place failure entries are cleared, also when a DELETE failed half way: those already
            // deleted are never polled again, and a kept entry would keep a one-shot run waiting for a retry
            // forever. A notification left in Qvarn is simply processed again (idempotent) with fresh attempts.
            settled.acknowledge().forEach(failures::clear);
        }
        if (unwritten.isEmpty() && failures.size() == 0) {
            deadLetterWrites.written(); // no change waits to write its letter any more
        }
        return settled.summary();
    }

    /** Whether dead letters can be written; the dead-letter route reports each letter here. */
    public DeadLetterWrites deadLetterWrites() {
        return deadLetterWrites;
    }

    /**
     * Applies {@code pass}'s changes with the steps of a live pass, on the engine's I/O pool: maps each with
     * {@code mapper}, writes their rows leaving their key in waves, reduces the touched keys when {@code reduce}
     * (a resync's map walk leaves them to its reduce walk), and settles by {@code mode}.
     */
    public Applied apply(Pass pass, Mapper mapper, boolean reduce, ApplyMode mode) {
        List<Change> changes = pass.changes();
        List<Attempt<MapResult>> mapped = each(changes, change -> mapper.map(change));
        for (int i = 0; i < changes.size(); i++) {
            Attempt<MapResult> a = mapped.get(i);
            pass = a.failure() == null ? pass.mapped(a.result()) : pass.mapFailed(changes.get(i), a.failure());
        }
        while (pass.hasPending()) {
            pass = pass.startWave();
            List<Pass.RowMoves> wave = pass.waveMoves();
            List<Attempt<MapResult>> moved = each(wave, moves -> moveRows(moves, false));
            for (int i = 0; i < wave.size(); i++) {
                Attempt<MapResult> a = moved.get(i);
                pass = a.failure() == null ? pass.moved(a.result()) : pass.moveFailed(i, a.failure());
            }
        }
        return reduce ? reduceAll(pass.startReduce(), mode) : new Applied(pass, mode.settle(pass));
    }

    /** Reduces {@code keys}, each once, on the engine's I/O pool, and settles by {@code mode}. */
    public Applied reduce(List<KeyRef> keys, ApplyMode mode) {
        return reduceAll(Pass.reducing(keys), mode);
    }

    private Applied reduceAll(Pass pass, ApplyMode mode) {
        List<KeyRef> keys = pass.keys();
        List<Attempt<ReduceOutcome>> reduced = each(keys, this::reduce);
        for (int i = 0; i < keys.size(); i++) {
            Attempt<ReduceOutcome> a = reduced.get(i);
            pass = a.failure() == null ? pass.reduced(keys.get(i), a.result()) : pass.reduceFailed(i, a.failure());
        }
        return new Applied(pass, mode.settle(pass));
    }

    /** One step's result or failure: a failed step is recorded in the pass, not thrown (the mode decides). */
    private record Attempt<R>(R result, Exception failure) {
    }

    private <T, R> List<Attempt<R>> each(List<T> items, Function<T, R> step) {
        return Parallel.map(pool, items, item -> {
            try {
                ownership.ensureOwner();
                return new Attempt<>(step.apply(item), null);
            } catch (RuntimeException e) {
                return new Attempt<>(null, e);
            }
        });
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
}
