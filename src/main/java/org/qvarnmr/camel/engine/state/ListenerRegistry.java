package org.qvarnmr.camel.engine.state;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.qvarnmr.camel.qvarn.client.ExactText;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnValues;
import org.qvarnmr.camel.qvarn.client.QvarnNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets or creates this instance's Qvarn listeners, one per listened type, and their
 * {@code qvarnmr_listeners} records, exactly as the original did, so either worker can take over the
 * other's listeners.
 */
public final class ListenerRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerRegistry.class);

    private final QvarnClient qvarn;
    private final String instance;

    public ListenerRegistry(QvarnClient qvarn, String instance) {
        this.qvarn = qvarn;
        this.instance = instance;
    }

    public List<ListenerState> ensure(Collection<String> types) {
        List<ListenerState> states = new ArrayList<>();
        for (String type : types) {
            states.add(ensure(type));
        }
        return states;
    }

    /** The existing records of this instance (listened types or not). */
    public List<ObjectNode> records() {
        return ExactText.filter(qvarn.search(ExactText.exact(StateTypes.LISTENERS, "instance", instance).showAll()),
                "instance", instance);
    }

    private ListenerState ensure(String type) {
        List<ObjectNode> records = new ArrayList<>();
        for (ObjectNode r : records()) {
            if (type.equals(QvarnValues.text(r, "resource_type"))) {
                records.add(r);
            }
        }
        if (records.size() > 1) {
            LOG.warn("instance '{}' has {} qvarnmr_listeners records for '{}'; using the first", instance,
                    records.size(), type);
        }
        if (!records.isEmpty()) {
            ObjectNode record = records.get(0);
            String listenerId = QvarnValues.text(record, "listener_id");
            if (listenerId != null && listenerExists(type, listenerId)) {
                return new ListenerState(type, listenerId, record.get("id").asText());
            }
            LOG.warn("listener {} of '{}' recorded for instance '{}' no longer exists; creating a new one "
                    + "(changes made meanwhile are caught by resync or reconciliation)", listenerId, type, instance);
            String newId = createListener(type);
            ObjectNode update = record.deepCopy();
            update.put("listener_id", newId);
            ObjectNode stored = qvarn.update(StateTypes.LISTENERS, record.get("id").asText(), update);
            return new ListenerState(type, newId, stored.get("id").asText());
        }
        String listenerId = createListener(type);
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("instance", instance);
        record.put("resource_type", type);
        record.put("listener_id", listenerId);
        ObjectNode stored = qvarn.create(StateTypes.LISTENERS, record);
        LOG.info("created listener {} on '{}' for instance '{}'", listenerId, type, instance);
        return new ListenerState(type, listenerId, stored.get("id").asText());
    }

    private boolean listenerExists(String type, String listenerId) {
        try {
            qvarn.getListener(type, listenerId);
            return true;
        } catch (QvarnNotFoundException e) {
            return false;
        }
    }

    private String createListener(String type) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("notify_of_new", true);
        body.put("listen_on_all", true);
        return qvarn.createListener(type, body).get("id").asText();
    }
}
