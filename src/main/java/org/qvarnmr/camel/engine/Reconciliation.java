package org.qvarnmr.camel.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.binding.HandlerKind;
import org.qvarnmr.camel.engine.state.HandlerVersionStore;
import org.qvarnmr.camel.engine.state.OwnershipLostException;
import org.qvarnmr.camel.qvarn.client.IdPages;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.Search;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A check of every derived row against its sources, repairing what drifted (a notification Qvarn failed
 * to write, a derived row edited or deleted behind the worker's back): the {@link Resync} walk in its
 * {@link ResyncMode#RECONCILE} mode, over every handler, recording no version. Then the reduce rows no walk reaches, because no key names them,
 * are deleted: rows without {@code _mr_key} (the original reduced pairs with a null key).
 */
public final class Reconciliation {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciliation.class);

    private final Resync walk;
    private final QvarnClient qvarn;
    private final HandlerBindings bindings;
    private final int pageSize;
    private final Runnable fence;
    private boolean keylessDone;
    private long keylessRemoved;
    private int keylessFailures;

    public Reconciliation(QvarnClient qvarn, HandlerBindings bindings, HandlerVersionStore versions,
                          BatchApplication application, MapStep mapStep, ReduceStep reduceStep, int pageSize,
                          Clock clock, Runnable fence, Executor readAhead) {
        this.walk = new Resync(qvarn, bindings, versions, application, mapStep, reduceStep, pageSize,
                ResyncMode.RECONCILE, clock, null, readAhead);
        this.qvarn = qvarn;
        this.bindings = bindings;
        this.pageSize = pageSize;
        this.fence = fence;
    }

    /** One page of the walk (or, once it is done, the removal of keyless reduce rows); returns whether more is left. */
    public synchronized boolean step() {
        if (!walk.isDone()) {
            walk.step();
        } else if (!keylessDone) {
            bindings.all().stream().filter(b -> b.kind() == HandlerKind.REDUCE).forEach(this::removeKeyless);
            keylessDone = true;
        }
        return !isDone();
    }

    public synchronized boolean isDone() {
        return walk.isDone() && keylessDone;
    }

    /** Rows written so far: each one had drifted. */
    public synchronized long repaired() {
        return walk.repaired() + keylessRemoved;
    }

    /** Sources and keys that could not be checked or repaired so far (each logged with its reason). */
    public synchronized int failures() {
        return walk.failures() + keylessFailures;
    }

    public ResyncProgress progress() {
        return walk.progress();
    }

    private void removeKeyless(HandlerBinding reduce) {
        List<String> ids = new ArrayList<>();
        IdPages.each(qvarn, Search.on(reduce.target()).show(MrFields.KEY), pageSize, page -> {
            for (ObjectNode row : page) {
                String key = MrFields.text(row, MrFields.KEY);
                if (key == null || key.isEmpty()) {
                    ids.add(row.get("id").asText());
                }
            }
        });
        int removed = 0;
        for (String id : ids) {
            try {
                fence.run();
                qvarn.delete(reduce.target(), id);
                removed++;
            } catch (OwnershipLostException e) {
                throw e;
            } catch (RuntimeException e) {
                keylessFailures++;
                LOG.error("reconciliation could not delete {}/{}, a reduce row without _mr_key: {}", reduce.target(),
                        id, e.getMessage());
            }
        }
        keylessRemoved += removed;
        if (removed > 0) {
            LOG.info("reconciliation of {}: {} reduce rows without _mr_key deleted", reduce.target(), removed);
        }
    }

    /** What a finished reconciliation did. */
    public record Outcome(long repaired, int failures) {
        /** {@code 3 rows repaired, 0 failures}. */
        public String summary() {
            return repaired + (repaired == 1 ? " row" : " rows") + " repaired, " + failures
                    + (failures == 1 ? " failure" : " failures");
        }
    }
}
