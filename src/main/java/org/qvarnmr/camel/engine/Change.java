package org.qvarnmr.camel.engine;

import java.util.List;

/**
 * One source resource to map, with every notification that announced it in this batch (several
 * notifications of one resource are coalesced: the resource is read once, at its latest state).
 *
 * @param resync true when the change comes from a resync rather than a notification
 */
public record Change(String sourceType, String resourceId, ChangeKind kind, List<NotificationRef> notifications,
                     boolean resync) {
    public Change {
        notifications = List.copyOf(notifications);
    }

    public static Change resync(String sourceType, String resourceId) {
        return new Change(sourceType, resourceId, ChangeKind.UPSERT, List.of(), true);
    }

    @Override
    public String toString() {
        return sourceType + "/" + resourceId + " (" + kind + ")";
    }
}
