package org.qvarnmr.camel.engine;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Supplier;
import org.qvarnmr.camel.qvarn.client.QvarnClient;

/**
 * Writes map rows to Qvarn, keeping the owner's {@link KeyRowsCache} true to each write and announcing it
 * to the {@link DerivedWriteListener}. Serialised per source by its caller ({@link MapStep}'s locks).
 */
final class MapRowWriter {
    private final QvarnClient qvarn;
    private final KeyRowsCache keyRows;
    private volatile DerivedWriteListener listener = DerivedWriteListener.NONE;

    MapRowWriter(QvarnClient qvarn, KeyRowsCache keyRows) {
        this.qvarn = qvarn;
        this.keyRows = keyRows;
    }

    void onWrite(DerivedWriteListener listener) {
        this.listener = listener;
    }

    /** The plan's writes done at once (not its deferred rows); {@code rows}: the rows it was made from. */
    void write(String target, MapRowPlan plan, List<ObjectNode> rows) {
        plan.creates().forEach(body -> create(target, body));
        plan.updates().forEach(body -> update(target, body));
        plan.moves().forEach(this::moveInPlace);
        for (String id : plan.deletes()) {
            String key = rows.stream().filter(r -> id.equals(MrFields.text(r, "id"))).findFirst()
                    .map(r -> MrFields.text(r, MrFields.KEY)).orElse(null);
            delete(target, id, key);
        }
    }

    /**
     * Writes a row leaving its key; returns how many requests that took. {@code anchored}: a change that
     * is acknowledged only after the old key is reduced holds a durable row under it (see {@link
     * MapRowPlan}), so nothing needs to remember the old key. Otherwise the new content is created and the
     * old row marked; the reduce of the old key deletes it. A row without a key (the original stored pairs
     * with a null key) belongs to no reduce and leaves at once: marked, nothing would ever delete it.
     */
    int writeLeaving(RowMove move, boolean anchored) {
        anchored |= move.oldKey() == null || move.oldKey().isEmpty();
        if (anchored && move.removal()) {
            delete(move.target(), move.id(), move.oldKey());
            return 1;
        }
        if (anchored) {
            moveInPlace(move);
            return 1;
        }
        ObjectNode marked = move.from().deepCopy();
        marked.set(MrFields.DELETED, BooleanNode.TRUE);
        if (move.removal()) {
            update(move.target(), marked);
            return 1;
        }
        ObjectNode created = move.to().deepCopy();
        created.remove(List.of("id", "revision"));
        create(move.target(), created);
        update(move.target(), marked);
        return 2;
    }

    private void create(String target, ObjectNode body) {
        String key = MrFields.text(body, MrFields.KEY);
        ObjectNode created = cached(target, key, null, () -> qvarn.create(target, body));
        keyRows.stored(target, key, created);
        listener.written(target, MrFields.text(created, "id"), key, "create");
    }

    private void update(String target, ObjectNode body) {
        String id = body.get("id").asText();
        String key = MrFields.text(body, MrFields.KEY);
        ObjectNode stored = cached(target, key, null, () -> qvarn.update(target, id, body));
        keyRows.stored(target, key, stored);
        listener.written(target, id, key, "update");
    }

    /** The row leaves its old key's rows and joins the new key's; announced as an update under the new key. */
    private void moveInPlace(RowMove move) {
        String key = MrFields.text(move.to(), MrFields.KEY);
        ObjectNode stored = cached(move.target(), move.oldKey(), key,
                () -> qvarn.update(move.target(), move.id(), move.to()));
        if (move.oldKey() != null) {
            keyRows.removed(move.target(), move.oldKey(), move.id());
        }
        keyRows.stored(move.target(), key, stored);
        listener.written(move.target(), move.id(), key, "update");
    }

    private void delete(String target, String id, String key) {
        cached(target, key, null, () -> {
            qvarn.delete(target, id);
            return null;
        });
        if (key != null) {
            keyRows.removed(target, key, id);
        }
        listener.written(target, id, key, "delete");
    }

    /** Runs a write; when it fails (perhaps after Qvarn did it) the keys' cached rows are no longer known. */
    private <T> T cached(String target, String key, String otherKey, Supplier<T> write) {
        try {
            return write.get();
        } catch (RuntimeException e) {
            for (String k : new String[] {key, otherKey}) {
                if (k != null) {
                    keyRows.unknown(target, k);
                }
            }
            throw e;
        }
    }
}
