package org.qvarnmr.camel.engine;

import java.util.List;

/**
 * One source resource to map, with every notification that announced it in this batch (several
 * notifications of one resource are coalesced: the resource is read once, at its latest state).
 *
 * @param resync true when the change comes from a resync rather than a notification
 * @param fresh  true when this is provably the first time any worker handles this resource: its first
 *               notification says {@code created}, was not pending when this worker started, and has
 *               not failed before. Then no map row can exist for it, and the map step skips looking.
 * @param createdRevision when the first notification of this change says {@code created}: the revision it
 *               announced, else null. A source still at that revision was mapped, by anyone, only from that
 *               content, so any rows it has sit under the keys its handlers emit now (see {@link MapStep}).
 */
public record Change(String sourceType, String resourceId, ChangeKind kind, List<NotificationRef> notifications,
                     boolean resync, boolean fresh, String createdRevision) {
    public Change {
        notifications = List.copyOf(notifications);
    }

    public Change(String sourceType, String resourceId, ChangeKind kind, List<NotificationRef> notifications,
                  boolean resync, boolean fresh) {
        this(sourceType, resourceId, kind, notifications, resync, fresh, null);
    }

    public Change(String sourceType, String resourceId, ChangeKind kind, List<NotificationRef> notifications,
                  boolean resync) {
        this(sourceType, resourceId, kind, notifications, resync, false);
    }

    public static Change resync(String sourceType, String resourceId) {
        return new Change(sourceType, resourceId, ChangeKind.UPSERT, List.of(), true);
    }

    @Override
    public String toString() {
        return sourceType + "/" + resourceId + " (" + kind + ")";
    }
}
