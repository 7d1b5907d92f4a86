package org.qvarnmr.camel.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * The writes that bring one source resource's rows in one map target up to date.
 *
 * <p>A row that leaves its key (moved or removed) in a target a reduce reads is not written by the map
 * step: it is {@code deferred} to {@link MapStep#writeDeferred}, after every change of the batch was mapped. If some
 * change of the batch holds a durable row under the old key (an anchor), that change is not acknowledged
 * before the old key is reduced, and a crash replays it and touches the old key again; so the row is moved
 * in place (one PUT) or deleted (one DELETE). Otherwise nothing but the row itself remembers the old key:
 * the new content is created and the old row marked {@code _mr_deleted: true}, to be deleted once its key
 * is reduced.
 *
 * @param creates     bodies to POST
 * @param updates     rows to PUT in place (same key, new content), carrying the row's revision
 * @param moves       rows to PUT in place under a new key at once (targets no reduce reads)
 * @param deletes     row ids to DELETE at once (targets no reduce reads)
 * @param deferred    rows leaving their key in a reduced target, written after the map phase
 * @param touchedKeys keys the reduce must recompute
 * @param anchorKeys  keys under which this source holds a live row once the other writes are done (rows
 *                    kept, created or updated); never the keys of deferred rows, nor of rows marked by an
 *                    earlier run (a resync reducing their key beside the pass may delete them)
 */
public record MapRowPlan(List<ObjectNode> creates, List<ObjectNode> updates, List<RowMove> moves,
                         List<String> deletes, List<RowMove> deferred, Set<String> touchedKeys,
                         Set<String> anchorKeys) {
    /** The writes of this plan, counting each deferred row as one. */
    public int writes() {
        return creates.size() + updates.size() + moves.size() + deletes.size() + deferred.size();
    }
}
