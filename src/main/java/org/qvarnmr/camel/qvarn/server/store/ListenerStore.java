package org.qvarnmr.camel.qvarn.server.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import org.qvarnmr.camel.qvarn.server.protocol.Errors;

/**
 * The listeners and notifications of one resource type (0.82 keeps them in per-type tables, so a
 * listener under {@code /orgs} only hears about orgs) and the fan-out table of section 6.4.
 */
public final class ListenerStore {
    private final String listenerIdType;
    private final String notificationIdType;
    private final IdGenerator ids;
    private final NotificationClock clock;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Map<String, StoredListener> listeners = new ConcurrentHashMap<>();
    private final Map<String, Notification> notifications = new ConcurrentHashMap<>();
    /** Each listener's box, ordered by {@code last_modified}, which the clock keeps unique. */
    private final Map<String, ConcurrentSkipListMap<Long, Notification>> boxes = new ConcurrentHashMap<>();
    private long nextSeq;

    public ListenerStore(String typeName, IdGenerator ids, NotificationClock clock) {
        this.listenerIdType = typeName + "__aux_listener";
        this.notificationIdType = typeName + "__aux_notification";
        this.ids = ids;
        this.clock = clock;
    }

    public StoredListener create(ObjectNode body) {
        writeLock.lock();
        try {
            String id = ids.next(listenerIdType);
            String revision = ids.revision();
            body.put("id", id);
            body.put("revision", revision);
            StoredListener listener = StoredListener.of(nextSeq++, id, revision, body);
            listeners.put(id, listener);
            return listener;
        } finally {
            writeLock.unlock();
        }
    }

    /** @param revisionSent the body's revision; null never matches (no creation by PUT) */
    public StoredListener replace(String id, ObjectNode body, String revisionSent) {
        writeLock.lock();
        try {
            StoredListener current = listeners.get(id);
            if (current == null || !current.revision().equals(revisionSent)) {
                throw Errors.wrongRevision(id, current == null ? null : current.revision(), revisionSent);
            }
            String revision = ids.revision();
            body.put("id", id);
            body.put("revision", revision);
            StoredListener updated = StoredListener.of(current.seq(), id, revision, body);
            listeners.put(id, updated);
            return updated;
        } finally {
            writeLock.unlock();
        }
    }

    /** Deletes the listener and its notifications; an unknown id is a no-op. */
    public void delete(String id) {
        writeLock.lock();
        try {
            listeners.remove(id);
            ConcurrentSkipListMap<Long, Notification> box = boxes.remove(id);
            if (box != null) {
                box.values().forEach(n -> notifications.remove(n.id()));
            }
        } finally {
            writeLock.unlock();
        }
    }

    public StoredListener get(String id) {
        return listeners.get(id);
    }

    public List<StoredListener> list() {
        List<StoredListener> all = new ArrayList<>(listeners.values());
        all.sort(Comparator.comparingLong(StoredListener::seq));
        return all;
    }

    /** The listener's notifications, oldest {@code last_modified} first; unknown listener: none. */
    public List<Notification> notificationsOf(String listenerId) {
        ConcurrentSkipListMap<Long, Notification> box = boxes.get(listenerId);
        return box == null ? List.of() : List.copyOf(box.values());
    }

    public Notification notification(String id) {
        return notifications.get(id);
    }

    public void deleteNotification(String id) {
        writeLock.lock();
        try {
            Notification removed = notifications.remove(id);
            if (removed != null) {
                ConcurrentSkipListMap<Long, Notification> box = boxes.get(removed.listenerId());
                if (box != null) {
                    box.remove(removed.lastModified());
                }
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** POST: every listener with {@code notify_of_new}. */
    void notifyCreated(String resourceId, String revision) {
        fanOut(resourceId, revision, "created", false);
    }

    void notifyUpdated(String resourceId, String revision) {
        fanOut(resourceId, revision, "updated", true);
    }

    /** Also for ids that never existed (section 3.5). */
    void notifyDeleted(String resourceId) {
        fanOut(resourceId, null, "deleted", true);
    }

    /**
     * Updates and deletes go to the listeners whose {@code listen_on} has the id, then to those with
     * {@code listen_on_all}: 0.82 concatenates the two queries, so a listener in both gets two.
     */
    private void fanOut(String resourceId, String revision, String change, boolean update) {
        writeLock.lock();
        try {
            List<StoredListener> targets = new ArrayList<>();
            List<StoredListener> all = list();
            if (update) {
                all.stream().filter(l -> l.listenOn().contains(resourceId)).forEach(targets::add);
                all.stream().filter(StoredListener::listenOnAll).forEach(targets::add);
            } else {
                all.stream().filter(StoredListener::notifyOfNew).forEach(targets::add);
            }
            for (StoredListener listener : targets) {
                Notification notification = new Notification(ids.next(notificationIdType), ids.revision(),
                        listener.id(), resourceId, revision, change, clock.next());
                notifications.put(notification.id(), notification);
                boxes.computeIfAbsent(listener.id(), k -> new ConcurrentSkipListMap<>())
                        .put(notification.lastModified(), notification);
            }
        } finally {
            writeLock.unlock();
        }
    }
}
