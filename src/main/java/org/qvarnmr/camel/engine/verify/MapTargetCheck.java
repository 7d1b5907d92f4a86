package org.qvarnmr.camel.engine.verify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.engine.HandlerException;
import org.qvarnmr.camel.engine.SourceRows;
import org.qvarnmr.camel.engine.Parallel;
import org.qvarnmr.camel.engine.SourceCache;
import org.qvarnmr.camel.handler.HandlerContext;
import org.qvarnmr.camel.handler.KeyValue;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks one map handler's rows against its sources, reading as the resync does: a page of sources
 * ({@code show_all}, by id) and, in one more paged search, the target's rows of exactly that id range.
 * Each source is mapped and its rows compared ({@link MapRowsCheck}); rows in the range whose source is
 * gone are extra. Holds one page of sources and their rows at a time.
 */
final class MapTargetCheck {
    private static final Logger LOG = LoggerFactory.getLogger(MapTargetCheck.class);

    private final QvarnClient qvarn;
    private final SourceCache sources;
    private final ExecutorService pool;
    private final int pageSize;

    MapTargetCheck(QvarnClient qvarn, SourceCache sources, ExecutorService pool, int pageSize) {
        this.qvarn = qvarn;
        this.sources = sources;
        this.pool = pool;
        this.pageSize = pageSize;
    }

    void check(HandlerBinding binding, TargetDrift drift) {
        SourceRows pages = new SourceRows(qvarn, binding, pageSize, pool);
        while (!pages.isDone()) {
            SourceRows.Page page = pages.next();
            List<Runnable> work = new ArrayList<>();
            for (ObjectNode resource : page.sources()) {
                String id = resource.get("id").asText();
                work.add(() -> checkOne(binding, id, resource, page.rowsOf(id), drift));
            }
            page.orphans().forEach(id -> work.add(() -> checkOne(binding, id, null, page.rowsOf(id), drift)));
            Parallel.map(pool, work, r -> {
                r.run();
                return r;
            });
            drift.checked(page.sources().size(), page.rowCount());
        }
    }

    private void checkOne(HandlerBinding binding, String id, ObjectNode resource, List<ObjectNode> rows,
                          TargetDrift drift) {
        try {
            List<KeyValue> pairs = resource == null ? List.of() : map(binding, id, resource);
            MapRowsCheck.compare(binding, id, resource != null, rows, pairs).forEach(drift::add);
        } catch (HandlerException e) {
            LOG.warn("verify: {}", e.getMessage());
            drift.add(new DriftRow(Drift.FAILED, null, binding.source() + "/" + id, null, null, null, e.getMessage()));
        }
    }

    private List<KeyValue> map(HandlerBinding binding, String id, ObjectNode resource) {
        sources.put(binding.source(), resource);
        try {
            List<KeyValue> pairs = binding.mapHandler().map(resource,
                    new HandlerContext(qvarn, binding.source(), binding.target(), sources));
            return pairs == null ? List.of() : pairs;
        } catch (Exception e) {
            throw new HandlerException(binding.where() + " failed on resource " + id + ": " + e, e);
        }
    }
}
