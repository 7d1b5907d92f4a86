package org.qvarnmr.camel.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.Executor;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.qvarn.client.IdPages;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.Search;

/**
 * A resync's walk of one reduce handler: per step, a page of its map rows' keys, each key not reduced yet in
 * this walk reduced once ({@link BatchApplication#reduce(List, ApplyMode)}). It skips the keys whose reduce
 * row already has the version, unless the {@link ResyncPlan} says every key (its map target was resynced,
 * or a reconciliation); a reconciliation first reduces (and so deletes) the reduce rows whose key has no map row.
 *
 * <p>The walk starts by learning its map and reduce targets ({@link ReduceStep#learnForWalk}); while the map
 * target fits the cache, its keys come from what was learned, a page of keys per step, else from a paged
 * listing of the keys. That start can be read ahead ({@link #readAhead()}) while the walk before ends.
 */
final class ReduceWalk implements ResyncWalk {
    private final QvarnClient qvarn;
    private final BatchApplication application;
    private final ReduceStep reduceStep;
    private final HandlerBinding binding;
    private final ResyncMode resyncMode;
    private final ApplyMode mode;
    private final boolean everyKey;
    private final int pageSize;
    private final ReadAhead<Start> start;
    private final Runnable beforeLastPage;
    private final IdPages.Cursor cursor;
    /** Keys already reduced in this walk, or found at the version; null until the walk started. */
    private Set<String> keysDone;
    /** The learned keys not walked yet, with their row counts; null: the keys are paged from Qvarn. */
    private Iterator<Map.Entry<String, Integer>> learnedKeys;

    /** What the walk starts from: the keys at the version (to skip), and the learned keys (null: not learned). */
    private record Start(Set<String> atVersion, SortedMap<String, Integer> learned) {
    }

    /**
     * @param readAhead      where the start is read ahead (null: when the first step needs it)
     * @param beforeLastPage run once the last page is read and before it is applied
     */
    ReduceWalk(QvarnClient qvarn, BatchApplication application, ReduceStep reduceStep, HandlerBinding binding,
               ResyncMode mode, boolean everyKey, int pageSize, Executor readAhead, Runnable beforeLastPage) {
        this.qvarn = qvarn;
        this.application = application;
        this.reduceStep = reduceStep;
        this.binding = binding;
        this.resyncMode = mode;
        this.mode = mode.settler(binding, null);
        this.everyKey = everyKey;
        this.pageSize = pageSize;
        this.start = new ReadAhead<>(this::readStart, readAhead);
        this.beforeLastPage = beforeLastPage;
        this.cursor = new IdPages.Cursor(Search.on(binding.source()).show(MrFields.KEY), pageSize);
    }

    @Override
    public HandlerBinding binding() {
        return binding;
    }

    @Override
    public void readAhead() {
        if (keysDone == null) {
            start.start();
        }
    }

    private Start readStart() {
        reduceStep.learnForWalk(binding);
        Set<String> atVersion = everyKey ? Set.of() : reduceStep.keysAtVersion(binding);
        return new Start(atVersion, reduceStep.learnedKeys(binding.source()));
    }

    @Override
    public Page step() {
        List<BatchApplication.Applied> applied = new ArrayList<>();
        if (keysDone == null) {
            Start s = start.take();
            List<KeyRef> orphans = resyncMode == ResyncMode.RECONCILE ? orphanKeys(s.learned()) : null;
            keysDone = new HashSet<>(s.atVersion());
            learnedKeys = s.learned() == null ? null : s.learned().entrySet().iterator();
            if (orphans != null) {
                applied.add(application.reduce(orphans, mode));
            }
        }
        List<KeyRef> keys = new ArrayList<>();
        int read = 0;
        boolean last;
        if (learnedKeys != null) {
            for (int taken = 0; taken < pageSize && learnedKeys.hasNext(); taken++) {
                Map.Entry<String, Integer> key = learnedKeys.next();
                read += key.getValue();
                if (keysDone.add(key.getKey())) {
                    keys.add(new KeyRef(binding.source(), key.getKey()));
                }
            }
            last = !learnedKeys.hasNext();
        } else {
            List<ObjectNode> page = cursor.next(qvarn);
            for (ObjectNode row : page) {
                String key = MrFields.text(row, MrFields.KEY);
                if (key != null && !key.isEmpty() && keysDone.add(key)) {
                    keys.add(new KeyRef(binding.source(), key));
                }
            }
            read = page.size();
            last = cursor.isDone();
        }
        if (last) {
            beforeLastPage.run();
        }
        // POSTPONED only meets a reconciliation beside the automatic resync's map walk: that resync reduces
        // the key after its walk. A resync's own reduce walk runs after its map walks, so the reduce step
        // repairs rows of another version instead (see VersionRepair).
        applied.add(application.reduce(keys, mode));
        return new Page(read, applied, last);
    }

    /**
     * The keys of reduce rows that have no map row at all: reducing them deletes those rows. {@code learned}:
     * the map target's keys when learned (null: listed here).
     */
    private List<KeyRef> orphanKeys(SortedMap<String, Integer> learned) {
        Set<String> mapKeys = new HashSet<>();
        if (learned != null) {
            mapKeys.addAll(learned.keySet());
        } else {
            IdPages.each(qvarn, Search.on(binding.source()).show(MrFields.KEY), pageSize,
                    page -> page.forEach(row -> mapKeys.add(MrFields.text(row, MrFields.KEY))));
        }
        Set<String> orphans = new LinkedHashSet<>();
        IdPages.forEach(qvarn, Search.on(binding.target()).show(MrFields.KEY), pageSize, row -> {
            String key = MrFields.text(row, MrFields.KEY);
            if (key != null && !key.isEmpty() && !mapKeys.contains(key)) {
                orphans.add(key);
            }
            return true;
        });
        return orphans.stream().map(k -> new KeyRef(binding.source(), k)).toList();
    }
}
