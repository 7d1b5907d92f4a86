package org.qvarnmr.camel.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnConflictException;

/**
 * Writes a key's reduce result to Qvarn and deletes the map rows its reduce dropped, keeping the {@link
 * ReduceRowStore} true to each write and announcing it to the {@link DerivedWriteListener}. A key never gets
 * a second reduce row, and one that holds several ends with one (the newest, updated). Serialised per key by
 * its caller ({@link ReduceStep}'s locks).
 */
final class ReduceRowWriter {
    private final QvarnClient qvarn;
    private final ReduceRowStore store;
    private final Clock clock;
    private final int conflictRetries;
    private volatile DerivedWriteListener listener = DerivedWriteListener.NONE;

    /**
     * @param conflictRetries how often a reduce row update that met a 409 is tried again at once on the row's
     *                        new revision ({@code qvarnmr.retry.redeliveries}): a re-read resolves a
     *                        conflict, so there is no back-off to wait
     */
    ReduceRowWriter(QvarnClient qvarn, ReduceRowStore store, Clock clock, int conflictRetries) {
        this.qvarn = qvarn;
        this.store = store;
        this.clock = clock;
        this.conflictRetries = conflictRetries;
    }

    void onWrite(DerivedWriteListener listener) {
        this.listener = listener;
    }

    /**
     * Makes the key's reduce rows say {@code result} ({@code existing}: its rows, newest first), or deletes them
     * all when the result is null (no live map rows). Returns whether anything was written: a row that already
     * says the result is left alone (no write, no notification downstream).
     */
    boolean write(HandlerBinding binding, String key, JsonNode result, List<ObjectNode> existing) {
        try {
            if (result != null) {
                return update(binding, key, result, existing);
            }
            deleteAll(binding.target(), key, existing, 0);
            store.reduceRowsAre(binding.target(), key, List.of());
            return !existing.isEmpty();
        } catch (RuntimeException e) {
            // What Qvarn holds is not known after a failed or lost write: the next reduce searches.
            store.reduceRowsUnknown(binding.target(), key);
            throw e;
        }
    }

    /** Deletes the map rows of the key marked {@code _mr_deleted} (their reduce no longer counts them). */
    void deleteMarked(String mapTarget, String key, List<String> ids) {
        for (String id : ids) {
            try {
                qvarn.delete(mapTarget, id);
            } catch (RuntimeException e) {
                store.mapRowsUnknown(mapTarget, key);
                throw e;
            }
            store.mapRowDeleted(mapTarget, key, id);
            listener.written(mapTarget, id, key, "delete");
        }
    }

    private boolean update(HandlerBinding binding, String key, JsonNode result, List<ObjectNode> existing) {
        String target = binding.target();
        deleteAll(target, key, existing, 1);
        ObjectNode body = ReduceResults.body(binding, key, result);
        ObjectNode current = existing.isEmpty() ? null : existing.get(0);
        for (int attempt = 0; ; attempt++) {
            if (attempt > 0) {
                List<ObjectNode> again = store.search(target, key);
                deleteAll(target, key, again, 1); // written meanwhile beside the worker: still only one
                current = again.isEmpty() ? null : again.get(0);
                existing = current == null ? List.of() : List.of(current);
            }
            if (current == null) {
                body.put(MrFields.TIMESTAMP, nanosNow());
                ObjectNode created = qvarn.create(target, body);
                store.reduceRowsAre(target, key, List.of(created));
                listener.written(target, MrFields.text(created, "id"), key, "create");
                return true;
            }
            if (existing.size() == 1 && ReduceResults.says(body, current)) {
                store.reduceRowsAre(target, key, List.of(current));
                return false;
            }
            ObjectNode put = body.deepCopy();
            put.put(MrFields.TIMESTAMP, nanosNow());
            put.set("revision", current.get("revision"));
            try {
                store.reduceRowsAre(target, key, List.of(qvarn.update(target, current.get("id").asText(), put)));
                listener.written(target, current.get("id").asText(), key, "update");
                return true;
            } catch (QvarnConflictException e) {
                if (attempt >= conflictRetries) {
                    throw e;
                }
            }
        }
    }

    /** Deletes the rows from index {@code from} on. */
    private void deleteAll(String target, String key, List<ObjectNode> rows, int from) {
        for (int i = from; i < rows.size(); i++) {
            String id = rows.get(i).get("id").asText();
            qvarn.delete(target, id);
            listener.written(target, id, key, "delete");
        }
    }

    private long nanosNow() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
