package org.qvarnmr.camel.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.engine.state.StateTypes;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes over the map-target listeners the original qvarn-mr kept. The original listened on every map
 * target that feeds a reduce, to learn which keys to reduce; this worker knows the keys it touches, so it
 * does not. Left alone, such a listener would collect a notification for every map row written, for ever.
 * At start-up, its pending notifications are drained (the keys they name are reduced, so nothing the
 * original left half done is lost), then the listener and its record are deleted.
 */
public final class MapTargetListeners {
    private static final Logger LOG = LoggerFactory.getLogger(MapTargetListeners.class);

    private final QvarnClient qvarn;
    private final HandlerBindings bindings;
    private final Function<KeyRef, ReduceOutcome> reduce;

    public MapTargetListeners(QvarnClient qvarn, HandlerBindings bindings, Function<KeyRef, ReduceOutcome> reduce) {
        this.qvarn = qvarn;
        this.bindings = bindings;
        this.reduce = reduce;
    }

    /** Drains and removes the instance's listeners on map targets; {@code records} are all its records. */
    public void adopt(List<ObjectNode> records, Set<String> listenedTypes) {
        for (ObjectNode record : records) {
            String type = MrFields.text(record, "resource_type");
            if (type == null || listenedTypes.contains(type)) {
                continue;
            }
            if (bindings.reduceHandlerOf(type).isEmpty()) {
                LOG.warn("qvarnmr_listeners record for '{}' matches no handler of this instance; left as it is", type);
                continue;
            }
            String listenerId = MrFields.text(record, "listener_id");
            if (listenerId != null && !drain(type, listenerId)) {
                continue; // some key could not be reduced yet: keep the listener for the next start
            }
            if (listenerId != null) {
                qvarn.deleteListener(type, listenerId);
            }
            qvarn.delete(StateTypes.LISTENERS, record.get("id").asText());
            LOG.info("took over the original's listener on map target '{}': drained and removed", type);
        }
    }

    private boolean drain(String type, String listenerId) {
        Set<KeyRef> keys = new LinkedHashSet<>();
        List<String> ids = qvarn.listNotificationIds(type, listenerId);
        for (String id : ids) {
            try {
                String rowId = MrFields.text(qvarn.getNotification(type, listenerId, id), "resource_id");
                qvarn.find(type, rowId).map(row -> MrFields.text(row, MrFields.KEY))
                        .filter(k -> !k.isEmpty()).ifPresent(k -> keys.add(new KeyRef(type, k)));
            } catch (QvarnNotFoundException gone) {
                // nothing to learn from a notification that is gone
            }
        }
        int postponed = 0;
        for (KeyRef key : keys) {
            postponed += reduce.apply(key) == ReduceOutcome.POSTPONED ? 1 : 0;
        }
        if (postponed == 0) {
            LOG.info("drained {} notifications of the original's listener on '{}': {} keys reduced", ids.size(), type,
                    keys.size());
        } else {
            LOG.info("drained {} notifications of the original's listener on '{}': {} keys reduced, {} left to the "
                    + "resync under way; the listener is kept and drained again at the next start", ids.size(), type,
                    keys.size() - postponed, postponed);
        }
        return postponed == 0;
    }
}
