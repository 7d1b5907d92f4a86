package org.qvarnmr.camel.engine.state;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.qvarn.client.ExactText;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnValues;

/**
 * The {@code qvarnmr_handlers} records: for each (target, source) of this instance, the handler version
 * whose results are fully synchronised. A binding whose version differs needs a resync.
 */
public final class HandlerVersionStore {
    private final QvarnClient qvarn;
    private final String instance;
    private final Map<String, ObjectNode> records = new HashMap<>();

    public HandlerVersionStore(QvarnClient qvarn, String instance) {
        this.qvarn = qvarn;
        this.instance = instance;
    }

    public synchronized void load() {
        records.clear();
        for (ObjectNode r : ExactText.filter(qvarn.search(ExactText.exact(StateTypes.HANDLERS, "instance", instance)
                .showAll()), "instance", instance)) {
            records.putIfAbsent(QvarnValues.text(r, "target") + "\u0000" + QvarnValues.text(r, "source"), r);
        }
    }

    public synchronized Optional<Long> recorded(HandlerBinding b) {
        ObjectNode r = records.get(b.target() + "\u0000" + b.source());
        return r == null || r.get("version") == null || r.get("version").isNull()
                ? Optional.empty() : Optional.of(r.get("version").asLong());
    }

    public boolean isSynced(HandlerBinding b) {
        return recorded(b).filter(v -> v == b.version()).isPresent();
    }

    /** Records that {@code b}'s version is fully synchronised. */
    public synchronized void record(HandlerBinding b) {
        write(b, b.version());
    }

    /**
     * Before anything is written at {@code b}'s version while it is not synchronised: a record naming another
     * version is cleared (version null), so that a resync that fails or is cut short leaves {@code b}
     * unsynchronised for any version. Otherwise a bump that failed half way and was rolled back would find its
     * old version recorded, and the rows written at the failed version would stay. No record, or one already
     * cleared, needs no write.
     */
    public synchronized void unrecordOther(HandlerBinding b) {
        if (recorded(b).filter(v -> v != b.version()).isPresent()) {
            write(b, null);
        }
    }

    private void write(HandlerBinding b, Integer version) {
        String k = b.target() + "\u0000" + b.source();
        ObjectNode existing = records.get(k);
        ObjectNode body = existing == null ? JsonNodeFactory.instance.objectNode() : existing.deepCopy();
        body.put("instance", instance);
        body.put("target", b.target());
        body.put("source", b.source());
        body.put("version", version);
        records.put(k, existing == null ? qvarn.create(StateTypes.HANDLERS, body)
                : qvarn.update(StateTypes.HANDLERS, existing.get("id").asText(), body));
    }
}
