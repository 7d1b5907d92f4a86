package org.qvarnmr.camel.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The state of one batch application, from the changes to map to the outcome of every touched key: what
 * {@link BatchApplication} and the pass routes carry from step to step. Every transition returns a new
 * pass. The order is: {@link #mapped}/{@link #mapFailed} per change; while {@link #hasPending()}, {@link
 * #startWave()} then {@link #moved}/{@link #moveFailed} per change of the {@link #wave()}; {@link
 * #startReduce()} then {@link #reduced}/{@link #reduceFailed} per key of {@link #keys()}; then an {@link
 * ApplyMode} settles it.
 *
 * @param batch       the changes, as polled (or as a resync page or a replay made them)
 * @param done        changes mapped with every row written
 * @param pending     changes mapped whose rows leaving their key (see {@link MapRowPlan}) are not written yet
 * @param wave        the changes whose rows leaving their key are being written now
 * @param failed      changes whose map (or row moves) failed, with why, in order
 * @param keys        each key the done changes touched, once: the keys to reduce
 * @param outcomes    the keys reduced (or postponed)
 * @param keyFailures the keys whose reduce failed, with why
 * @param left        changes not mapped because the worker is stopping: neither acknowledged nor failed, they are
 *                    the next worker's, so a stop waits for the changes in flight and not for the whole batch
 */
public record Pass(Batch batch, List<MapResult> done, List<MapResult> pending, List<MapResult> wave,
                   Map<Change, Exception> failed, List<KeyRef> keys, Map<KeyRef, ReduceOutcome> outcomes,
                   Map<KeyRef, Exception> keyFailures, List<Change> left) {
    public static final Pass EMPTY = of(new Batch(List.of(), false));

    public Pass {
        done = List.copyOf(done);
        pending = List.copyOf(pending);
        wave = List.copyOf(wave);
        failed = unmodifiable(failed);
        keys = List.copyOf(keys);
        outcomes = unmodifiable(outcomes);
        keyFailures = unmodifiable(keyFailures);
        left = List.copyOf(left);
    }

    /** What a map step answers instead of a {@link MapResult} once the worker is stopping. */
    public enum NotMapped {
        STOPPING
    }

    /** A pass about to map {@code batch}'s changes. */
    public static Pass of(Batch batch) {
        return new Pass(batch, List.of(), List.of(), List.of(), Map.of(), List.of(), Map.of(), Map.of(), List.of());
    }

    /** A pass that only reduces {@code keys} (a resync's reduce walk). */
    public static Pass reducing(List<KeyRef> keys) {
        return new Pass(new Batch(List.of(), false), List.of(), List.of(), List.of(), Map.of(),
                List.copyOf(new LinkedHashSet<>(keys)), Map.of(), Map.of(), List.of());
    }

    public List<Change> changes() {
        return batch.changes();
    }

    /** Whether a listener had more notifications than the batch held: drain again at once. */
    public boolean more() {
        return batch.more();
    }

    /** A change mapped: done, or pending when it has rows leaving their key. */
    public Pass mapped(MapResult result) {
        return result.deferred().isEmpty() ? withDone(result, pending)
                : new Pass(batch, done, plus(pending, result), wave, failed, keys, outcomes, keyFailures, left);
    }

    public Pass mapFailed(Change change, Exception error) {
        Map<Change, Exception> bad = new LinkedHashMap<>(failed);
        bad.put(change, error);
        return new Pass(batch, done, pending, wave, bad, keys, outcomes, keyFailures, left);
    }

    /** The {@code index}-th change of the batch was not mapped: the worker is stopping. */
    public Pass left(int index) {
        return new Pass(batch, done, pending, wave, failed, keys, outcomes, keyFailures, plus(left, changes().get(index)));
    }

    /** Whether some mapped change still has rows leaving their key to write. */
    public boolean hasPending() {
        return !pending.isEmpty();
    }

    /**
     * Takes the next wave out of {@link #pending()}: the changes whose old keys the done changes all anchor,
     * or, when none is, all of them (their unanchored rows fall back to create and mark). A change is written
     * whole in one wave, so a redelivery that maps it again never meets half of its moves done by an earlier
     * wave; a row a wave moved anchors its new key for the next. Every wave takes at least one change, so
     * there are at most as many waves as pending changes.
     */
    public Pass startWave() {
        Set<KeyRef> held = anchors();
        List<MapResult> next = pending.stream()
                .filter(r -> r.deferred().stream().allMatch(m -> held.contains(m.oldKeyRef()))).toList();
        if (next.isEmpty()) {
            next = pending;
        }
        List<MapResult> rest = new ArrayList<>(pending);
        rest.removeAll(next);
        return new Pass(batch, done, rest, next, failed, keys, outcomes, keyFailures, left);
    }

    /** The wave's changes with the anchors they are written knowing: the split parts of a wave. */
    public List<RowMoves> waveMoves() {
        Set<KeyRef> held = anchors();
        return wave.stream().map(r -> new RowMoves(r, held)).toList();
    }

    /** The keys some done change holds a durable row under (see {@link MapRowPlan}). */
    public Set<KeyRef> anchors() {
        Set<KeyRef> held = new LinkedHashSet<>();
        done.forEach(r -> held.addAll(r.anchors()));
        return held;
    }

    /** A change of the wave with its rows leaving their key written. */
    public Pass moved(MapResult result) {
        return withDone(result, pending);
    }

    /** The {@code index}-th change of the wave failed writing its rows leaving their key. */
    public Pass moveFailed(int index, Exception error) {
        return mapFailed(wave.get(index).change(), error);
    }

    /** The {@code index}-th change of the batch failed its map. */
    public Pass mapFailed(int index, Exception error) {
        return mapFailed(changes().get(index), error);
    }

    /** Every change is mapped and its rows written: the keys they touched, each once, are to be reduced. */
    public Pass startReduce() {
        Set<KeyRef> touched = new LinkedHashSet<>();
        done.forEach(r -> touched.addAll(r.touchedKeys()));
        return new Pass(batch, done, pending, List.of(), failed, List.copyOf(touched), outcomes, keyFailures, left);
    }

    public Pass reduced(KeyRef key, ReduceOutcome outcome) {
        Map<KeyRef, ReduceOutcome> o = new HashMap<>(outcomes);
        o.put(key, outcome);
        return new Pass(batch, done, pending, wave, failed, keys, o, keyFailures, left);
    }

    public Pass reduceFailed(KeyRef key, Exception error) {
        Map<KeyRef, Exception> f = new LinkedHashMap<>(keyFailures);
        f.put(key, error);
        return new Pass(batch, done, pending, wave, failed, keys, outcomes, f, left);
    }

    /** The {@code index}-th key of {@link #keys()} failed its reduce. */
    public Pass reduceFailed(int index, Exception error) {
        return reduceFailed(keys.get(index), error);
    }

    /** Keys reduced (written or found right), not postponed. */
    public int reducedKeys() {
        return (int) outcomes.values().stream().filter(o -> o != ReduceOutcome.POSTPONED).count();
    }

    /** Rows written: the map rows of the done changes and the reduce rows. */
    public long writes() {
        return done.stream().mapToLong(MapResult::writes).sum()
                + outcomes.values().stream().filter(o -> o == ReduceOutcome.DONE).count();
    }

    /** The first failure of the pass, a change's before a key's. */
    public Optional<Exception> firstFailure() {
        return failed.values().stream().findFirst().or(() -> keyFailures.values().stream().findFirst());
    }

    /** The wave keeps its changes until the next one starts: a failed part is found by its index in it. */
    private Pass withDone(MapResult result, List<MapResult> stillPending) {
        return new Pass(batch, plus(done, result), stillPending, wave, failed, keys, outcomes, keyFailures, left);
    }

    private static <T> List<T> plus(List<T> list, T item) {
        List<T> more = new ArrayList<>(list);
        more.add(item);
        return more;
    }

    private static <K, V> Map<K, V> unmodifiable(Map<K, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map)); // in order, unlike Map.copyOf
    }

    /** One change of a wave: its rows leaving their key, written knowing {@code anchors}. */
    public record RowMoves(MapResult result, Set<KeyRef> anchors) {
        public RowMoves {
            anchors = Set.copyOf(anchors);
        }
    }
}
