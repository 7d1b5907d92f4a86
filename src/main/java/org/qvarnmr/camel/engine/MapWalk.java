package org.qvarnmr.camel.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.qvarn.client.QvarnClient;

/**
 * A resync's walk of one map handler: per step, a page of sources with their map rows ({@link SourceRows});
 * each source mapped against its rows ({@link
 * MapStep#resync}), rows whose source is gone removed (orphans: a delete notification that never came).
 * The page is one {@link BatchApplication#apply application} without its reduce: the keys these rows touch
 * are reduced by the reduce walk queued after the map walks (once each, not once per page a key appears
 * in, and only when no map row of the key is left at an older version). Each next page is read while this
 * one is applied ({@link SourceRows}); a page read ahead keeps the time its reading began, so a source a live
 * change mapped after that is left alone.
 */
final class MapWalk implements ResyncWalk {
    private final BatchApplication application;
    private final MapStep mapStep;
    private final HandlerBinding binding;
    private final ApplyMode mode;
    private final SourceRows pages;
    private final Runnable beforeLastPage;

    /**
     * @param readAhead      where each next page is read while this one is applied (null: when it is due)
     * @param beforeLastPage run once the last page is read and before it is applied
     */
    MapWalk(QvarnClient qvarn, BatchApplication application, MapStep mapStep, HandlerBinding binding,
            ResyncMode mode, Clock clock, int pageSize, Executor readAhead, Runnable beforeLastPage) {
        this.application = application;
        this.mapStep = mapStep;
        this.binding = binding;
        this.mode = mode.settler(binding, clock);
        this.pages = new SourceRows(qvarn, binding, pageSize, readAhead);
        this.beforeLastPage = beforeLastPage;
    }

    @Override
    public HandlerBinding binding() {
        return binding;
    }

    @Override
    public void readAhead() {
        pages.readAhead();
    }

    @Override
    public Page step() {
        SourceRows.Page page = pages.next();
        if (page.last()) {
            beforeLastPage.run();
        }
        long readAt = page.readAt();
        Map<String, ObjectNode> resources = new HashMap<>();
        List<Change> changes = new ArrayList<>();
        for (ObjectNode resource : page.sources()) {
            String id = resource.get("id").asText();
            resources.put(id, resource);
            changes.add(Change.resync(binding.source(), id));
        }
        page.orphans().forEach(id -> changes.add(new Change(binding.source(), id, ChangeKind.DELETE, List.of(), true)));
        BatchApplication.Applied applied = application.apply(Pass.of(new Batch(changes, false)), change -> {
            String id = change.resourceId();
            MapResult result = mapStep.resync(binding, id, resources.get(id), page.rowsOf(id), readAt);
            return result != null ? result : new MapResult(change, Set.of()); // a live change mapped it since
        }, false, mode);
        mapStep.forgetMappedBefore(readAt);
        return new Page(page.sources().size(), List.of(applied), page.last());
    }
}
