package org.qvarnmr.camel.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import org.qvarnmr.camel.engine.state.ListenerState;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnException;
import org.qvarnmr.camel.qvarn.client.QvarnNotFoundException;

/**
 * Reads a batch of notifications from every listener (GETs in parallel within the pool) and coalesces
 * them per resource: several notifications of one resource become one change, a delete if the last one
 * says so. Notifications of a failing change that is backing off are left for a later poll, and so are
 * notifications whose read failed with a passing Qvarn error (one failed GET does not fail the batch).
 */
public final class NotificationPoller {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NotificationPoller.class);
    private final QvarnClient qvarn;
    private final ExecutorService pool;
    private final FailureTracker failures;
    private final int notFoundAttempts;
    /** How many notification ids each listener (by source type) listed at its last poll: the lag, for metrics. */
    private final Map<String, Integer> listed = new ConcurrentHashMap<>();
    /**
     * Ids of notifications that may have been processed in part: those pending when this worker first
     * listed its listeners (a worker before it may have half processed them), every one handed out since,
     * until it is acknowledged, and every one whose read failed. A change with any of them is never fresh.
     */
    private final Set<String> backlog = ConcurrentHashMap.newKeySet();
    private final Set<String> listedListeners = ConcurrentHashMap.newKeySet();

    public NotificationPoller(QvarnClient qvarn, ExecutorService pool, FailureTracker failures, int notFoundAttempts) {
        this.qvarn = qvarn;
        this.pool = pool;
        this.failures = failures;
        this.notFoundAttempts = notFoundAttempts;
    }

    private record Note(NotificationRef ref, String resourceId, String change, String revision) {
    }

    public Batch poll(List<ListenerState> listeners, int maxNotifications) {
        boolean more = false;
        List<NotificationRef> refs = new ArrayList<>();
        for (ListenerState l : listeners) {
            int room = maxNotifications - refs.size();
            if (room <= 0) {
                more = true;
                break;
            }
            List<String> ids = qvarn.listNotificationIds(l.type(), l.listenerId());
            listed.put(l.type(), ids.size());
            if (listedListeners.add(l.listenerId())) {
                backlog.addAll(ids);
            }
            int taken = 0;
            for (String id : ids) {
                if (failures.isBackingOff(id)) {
                    continue;
                }
                if (taken == room) {
                    more = true;
                    break;
                }
                refs.add(new NotificationRef(l.type(), l.listenerId(), id));
                taken++;
            }
        }
        List<QvarnException> unread = new CopyOnWriteArrayList<>();
        List<Optional<Note>> notes = Parallel.map(pool, refs, ref -> {
            try {
                return read(ref);
            } catch (QvarnException e) {
                if (!e.isRetryable()) {
                    throw e;
                }
                // A later notification of its resource may be processed meanwhile: when this one ("created")
                // is read in a later poll, it must not count as the first sighting of the resource.
                backlog.add(ref.notificationId());
                unread.add(e);
                return Optional.empty();
            }
        });
        if (!unread.isEmpty()) {
            if (unread.size() == refs.size()) {
                throw unread.get(0); // Qvarn is down: the caller backs off
            }
            more = true; // a passing failure: those notifications stay in Qvarn for the next poll
        }
        Map<String, List<Note>> byResource = new LinkedHashMap<>();
        for (Optional<Note> note : notes) {
            note.ifPresent(n -> byResource.computeIfAbsent(n.ref().type() + "/" + n.resourceId(),
                    k -> new ArrayList<>()).add(n));
        }
        List<Change> changes = new ArrayList<>(byResource.size());
        for (List<Note> group : byResource.values()) {
            Note last = group.get(group.size() - 1);
            List<NotificationRef> groupRefs = group.stream().map(Note::ref).toList();
            ChangeKind kind = "deleted".equals(last.change()) ? ChangeKind.DELETE : ChangeKind.UPSERT;
            boolean created = "created".equals(group.get(0).change());
            boolean fresh = created && failures.failuresAndOutages(groupRefs) == 0
                    && groupRefs.stream().noneMatch(r -> backlog.contains(r.notificationId()));
            Change change = new Change(last.ref().type(), last.resourceId(), kind, groupRefs, false, fresh,
                    created ? group.get(0).revision() : null);
            groupRefs.forEach(r -> backlog.add(r.notificationId()));
            if (kind == ChangeKind.UPSERT && failures.failedAttempts(change) >= notFoundAttempts
                    && lastFailureWasNotFound(change)) {
                change = new Change(change.sourceType(), change.resourceId(), ChangeKind.DELETE, groupRefs, false);
            }
            changes.add(change);
        }
        if (LOG.isDebugEnabled() && !refs.isEmpty()) {
            LOG.debug("polled {} notifications -> {} changes ({} fresh), more={}", refs.size(), changes.size(),
                    changes.stream().filter(Change::fresh).count(), more);
        }
        return new Batch(changes, more);
    }

    /** Notification ids listed per source type at the last poll that reached each listener. */
    public Map<String, Integer> listedAtLastPoll() {
        return Map.copyOf(listed);
    }

    /** Deletes the changes' notifications (in parallel): called only when everything they caused is written. */
    public void acknowledge(List<Change> changes) {
        List<NotificationRef> refs = new ArrayList<>();
        changes.forEach(c -> refs.addAll(c.notifications()));
        Parallel.map(pool, refs, n -> {
            try {
                qvarn.deleteNotification(n.type(), n.listenerId(), n.notificationId());
            } catch (QvarnNotFoundException alreadyGone) {
                // qvarn-jsonb answers 404 for a notification deleted before; the goal is reached either way
            }
            return n;
        });
        refs.forEach(r -> backlog.remove(r.notificationId()));
    }

    private boolean lastFailureWasNotFound(Change change) {
        // Only changes whose resource Qvarn keeps answering 404 for are turned into deletes.
        return !qvarn.find(change.sourceType(), change.resourceId()).isPresent();
    }

    private Optional<Note> read(NotificationRef ref) {
        try {
            ObjectNode n = qvarn.getNotification(ref.type(), ref.listenerId(), ref.notificationId());
            return Optional.of(new Note(ref, MrFields.text(n, "resource_id"), MrFields.text(n, "resource_change"),
                    MrFields.text(n, "resource_revision")));
        } catch (QvarnNotFoundException gone) {
            return Optional.empty(); // deleted meanwhile (e.g. by a previous run): nothing to do
        }
    }
}
