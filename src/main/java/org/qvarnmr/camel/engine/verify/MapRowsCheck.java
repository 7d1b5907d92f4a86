package org.qvarnmr.camel.engine.verify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.engine.MapRowPlan;
import org.qvarnmr.camel.engine.MapRowPlanner;
import org.qvarnmr.camel.engine.MrFields;
import org.qvarnmr.camel.engine.RowMove;
import org.qvarnmr.camel.handler.KeyValue;
import org.qvarnmr.camel.qvarn.client.QvarnValues;

/**
 * The drift of one source's rows in one map target, without I/O. It asks {@link MapRowPlanner} what the
 * map step would write to bring the rows up to date and names each write: so a row counts as drifted
 * exactly when a resync or reconciliation would write it.
 */
final class MapRowsCheck {
    private MapRowsCheck() {
    }

    /**
     * @param exists whether the source resource exists (false: every row of it is extra)
     * @param rows   the source's stored rows in the target, marked ones included
     * @param pairs  what the map handler emits for it now (empty when it is gone)
     */
    static List<DriftRow> compare(HandlerBinding binding, String sourceId, boolean exists, List<ObjectNode> rows,
                                  List<KeyValue> pairs) {
        String source = binding.source() + "/" + sourceId;
        MapRowPlan plan = MapRowPlanner.plan(binding, sourceId, rows, pairs, true);
        List<DriftRow> drift = new ArrayList<>();
        for (ObjectNode body : plan.creates()) {
            drift.add(new DriftRow(Drift.MISSING, null, source, MrFields.text(body, MrFields.KEY), body, null, null));
        }
        for (ObjectNode update : plan.updates()) {
            ObjectNode stored = byId(rows, MrFields.text(update, "id"));
            ObjectNode wanted = withoutIdentity(update);
            ObjectNode atStoredVersion = wanted.deepCopy();
            atStoredVersion.set(MrFields.VERSION, stored.get(MrFields.VERSION));
            boolean stale = MapRowPlanner.sameContent(atStoredVersion, stored);
            drift.add(new DriftRow(stale ? Drift.STALE : Drift.WRONG, MrFields.text(stored, "id"), source,
                    MrFields.text(stored, MrFields.KEY), wanted, stored, null));
        }
        Set<String> wantedKeys = new HashSet<>();
        for (KeyValue pair : pairs) {
            String key = MapRowPlanner.keyText(binding, sourceId, pair.key());
            if (key != null) {
                wantedKeys.add(key);
            }
        }
        for (RowMove move : plan.deferred()) {
            if (!move.removal()) {
                drift.add(new DriftRow(Drift.WRONG, move.id(), source, move.oldKey(), withoutIdentity(move.to()),
                        move.from(), "under a key the handler no longer emits"));
            } else if (exists && wantedKeys.contains(move.oldKey())) {
                drift.add(new DriftRow(Drift.DUPLICATE, move.id(), source, move.oldKey(), null, move.from(), null));
            } else {
                drift.add(new DriftRow(Drift.EXTRA, move.id(), source, move.oldKey(), null, move.from(), !exists
                        ? "the source is gone" : move.oldKey() == null || move.oldKey().isEmpty()
                        ? "it has no _mr_key (the original stored pairs with a null key; this worker skips them)"
                        : "the handler does not emit it"));
            }
        }
        for (ObjectNode row : rows) {
            if (QvarnValues.isTrue(row.get(MrFields.DELETED))) {
                drift.add(new DriftRow(Drift.MARKED, MrFields.text(row, "id"), source, MrFields.text(row, MrFields.KEY),
                        null, row, null));
            }
        }
        return drift;
    }

    private static ObjectNode byId(List<ObjectNode> rows, String id) {
        return rows.stream().filter(r -> id.equals(MrFields.text(r, "id"))).findFirst().orElseThrow();
    }

    private static ObjectNode withoutIdentity(ObjectNode row) {
        ObjectNode copy = row.deepCopy();
        copy.remove(List.of("id", "revision"));
        return copy;
    }
}
