package org.qvarnmr.camel.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.qvarn.client.IdPages;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.Search;

/**
 * A resync's walk of one reduce handler: per step, a page of its map rows' keys, each key not reduced yet in
 * this walk reduced once ({@link BatchApplication#reduce(List, ApplyMode)}). It skips the keys whose reduce
 * row already has the version, unless the {@link ResyncPlan} says every key (its map target was resynced,
 * or a reconciliation); a reconciliation first reduces (and so deletes) the reduce rows whose key has no map row.
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
    private final IdPages.Cursor cursor;
    /** Keys already reduced in this walk, or found at the version. */
    private Set<String> keysDone;

    ReduceWalk(QvarnClient qvarn, BatchApplication application, ReduceStep reduceStep, HandlerBinding binding,
               ResyncMode mode, boolean everyKey, int pageSize) {
        this.qvarn = qvarn;
        this.application = application;
        this.reduceStep = reduceStep;
        this.binding = binding;
        this.resyncMode = mode;
        this.mode = mode.settler(binding, null);
        this.everyKey = everyKey;
        this.pageSize = pageSize;
        this.cursor = new IdPages.Cursor(Search.on(binding.source()).show(MrFields.KEY), pageSize);
    }

    @Override
    public HandlerBinding binding() {
        return binding;
    }

    @Override
    public Page step() {
        List<BatchApplication.Applied> applied = new ArrayList<>();
        if (keysDone == null) {
            reduceStep.learnForWalk(binding);
            keysDone = everyKey ? new HashSet<>() : reduceStep.keysAtVersion(binding);
            if (resyncMode == ResyncMode.RECONCILE) {
                applied.add(application.reduce(orphanKeys(), mode));
            }
        }
        List<ObjectNode> page = cursor.next(qvarn);
        List<KeyRef> keys = new ArrayList<>();
        for (ObjectNode row : page) {
            String key = MrFields.text(row, MrFields.KEY);
            if (key != null && !key.isEmpty() && keysDone.add(key)) {
                keys.add(new KeyRef(binding.source(), key));
            }
        }
        // POSTPONED only meets a reconciliation beside the automatic resync's map walk: that resync reduces
        // the key after its walk. A resync's own reduce walk runs after its map walks, so the reduce step
        // repairs rows of another version instead (see VersionRepair).
        applied.add(application.reduce(keys, mode));
        return new Page(page.size(), applied, cursor.isDone());
    }

    /** The keys of reduce rows that have no map row at all: reducing them deletes those rows. */
    private List<KeyRef> orphanKeys() {
        Set<String> mapKeys = new HashSet<>();
        IdPages.each(qvarn, Search.on(binding.source()).show(MrFields.KEY), pageSize,
                page -> page.forEach(row -> mapKeys.add(MrFields.text(row, MrFields.KEY))));
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
