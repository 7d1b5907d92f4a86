package org.qvarnmr.camel.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * The writes that bring one source resource's rows in one map target up to date.
 *
 * @param creates     bodies to POST
 * @param updates     rows to PUT in place (same key, new content), carrying the row's revision
 * @param marks       rows whose key is no longer emitted, to PUT with {@code _mr_deleted: true}; they are
 *                    deleted once their key is reduced (so a crash in between still knows the old key)
 * @param deletes     row ids to DELETE at once (targets no reduce reads)
 * @param touchedKeys keys the reduce must recompute
 */
public record MapRowPlan(List<ObjectNode> creates, List<ObjectNode> updates, List<ObjectNode> marks,
                         List<String> deletes, Set<String> touchedKeys) {
    public int writes() {
        return creates.size() + updates.size() + marks.size() + deletes.size();
    }
}
