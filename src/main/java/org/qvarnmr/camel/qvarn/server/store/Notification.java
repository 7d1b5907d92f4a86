package org.qvarnmr.camel.qvarn.server.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.qvarnmr.camel.qvarn.server.protocol.Json;

/** A notification (section 6.1); {@code resourceRevision} is null for deletions. */
public record Notification(
        String id,
        String revision,
        String listenerId,
        String resourceId,
        String resourceRevision,
        String resourceChange,
        long lastModified) {

    public ObjectNode toJson(Json json) {
        ObjectNode node = json.object();
        node.put("id", id);
        node.put("type", "notification");
        node.put("revision", revision);
        node.put("listener_id", listenerId);
        node.put("resource_id", resourceId);
        node.put("resource_revision", resourceRevision);
        node.put("resource_change", resourceChange);
        node.put("last_modified", lastModified);
        return node;
    }
}
