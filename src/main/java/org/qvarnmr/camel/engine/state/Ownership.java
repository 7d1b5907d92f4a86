package org.qvarnmr.camel.engine.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnValues;
import org.qvarnmr.camel.qvarn.client.QvarnConflictException;
import org.qvarnmr.camel.qvarn.client.QvarnException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ownership of an instance through the {@code owner}/{@code timestamp} fields of its
 * {@code qvarnmr_listeners} records (section 6 of the original's semantics), with fencing: every
 * refresh quotes the revision this worker last wrote, so a 409 means another worker wrote the record
 * since, and this worker stops.
 */
public final class Ownership {
    private static final Logger LOG = LoggerFactory.getLogger(Ownership.class);
    /** The original's format: {@code %Y-%m-%dT%H:%M:%S.%f}, UTC. */
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private final QvarnClient qvarn;
    private final String signature;
    private final Duration updateInterval;
    private final Duration timeout;
    private final Clock clock;
    private final Map<String, ObjectNode> records = new LinkedHashMap<>();
    private volatile Instant lastRefresh = Instant.EPOCH;
    private volatile String lostTo;

    public Ownership(QvarnClient qvarn, String signature, Duration updateInterval, Duration timeout, Clock clock) {
        this.qvarn = qvarn;
        this.signature = signature;
        this.updateInterval = updateInterval;
        this.timeout = timeout;
        this.clock = clock;
    }

    public String signature() {
        return signature;
    }

    /** Takes ownership of the records, or throws {@link OwnedElsewhereException} if another worker is alive. */
    public synchronized void acquire(List<ListenerState> listeners) {
        for (ListenerState l : listeners) {
            ObjectNode record = qvarn.get(StateTypes.LISTENERS, l.recordId());
            checkNotOwnedElsewhere(record);
            records.put(l.recordId(), record);
        }
        for (String id : List.copyOf(records.keySet())) {
            claim(id, records.get(id));
        }
        lastRefresh = clock.instant();
        lostTo = null;
    }

    /** The owner that is alive on any of these listeners, if another worker's; for waiting standbys. */
    public String aliveOwnerOtherThanMe(List<ListenerState> listeners) {
        for (ListenerState l : listeners) {
            ObjectNode record = qvarn.get(StateTypes.LISTENERS, l.recordId());
            String owner = otherAliveOwner(record);
            if (owner != null) {
                return owner;
            }
        }
        return null;
    }

    /** Refreshes the timestamps when due; detects a takeover. Called by the keep-alive route. */
    public synchronized void keepAlive() {
        if (lostTo != null || records.isEmpty()) {
            return;
        }
        if (Duration.between(lastRefresh, clock.instant()).compareTo(updateInterval) < 0) {
            return;
        }
        refresh();
    }

    /**
     * Fails unless this worker still owns its instance; refreshes first when the last refresh is older
     * than the update interval (for example after the process was paused), so a takeover is noticed
     * before anything is written.
     */
    public void ensureOwner() {
        if (lostTo == null && Duration.between(lastRefresh, clock.instant()).compareTo(updateInterval) >= 0) {
            synchronized (this) {
                // Checked again under the lock: threads that waited here must not refresh once more each.
                if (lostTo == null && Duration.between(lastRefresh, clock.instant()).compareTo(updateInterval) >= 0) {
                    refresh();
                }
            }
        }
        if (lostTo != null) {
            throw new OwnershipLostException("ownership of the instance was taken over by " + lostTo
                    + "; this worker stops processing");
        }
    }

    public boolean isOwner() {
        return lostTo == null && !records.isEmpty()
                && Duration.between(lastRefresh, clock.instant()).compareTo(timeout) < 0;
    }

    public String lostTo() {
        return lostTo;
    }

    /** Clears {@code owner} so another worker may start at once. Best effort: failures are logged. */
    public synchronized void release() {
        if (lostTo != null) {
            return;
        }
        for (Map.Entry<String, ObjectNode> e : records.entrySet()) {
            ObjectNode body = e.getValue().deepCopy();
            body.putNull("owner");
            try {
                e.setValue(qvarn.update(StateTypes.LISTENERS, e.getKey(), body));
            } catch (QvarnException ex) {
                LOG.warn("could not clear the owner of qvarnmr_listeners/{}: {}", e.getKey(), ex.getMessage());
            }
        }
        records.clear();
    }

    private void refresh() {
        if (lostTo != null) {
            return;
        }
        for (Map.Entry<String, ObjectNode> e : records.entrySet()) {
            ObjectNode body = stamped(e.getValue());
            try {
                e.setValue(qvarn.update(StateTypes.LISTENERS, e.getKey(), body));
            } catch (QvarnConflictException conflict) {
                ObjectNode current = qvarn.get(StateTypes.LISTENERS, e.getKey());
                String owner = QvarnValues.text(current, "owner");
                if (owner != null && !owner.isEmpty() && !owner.equals(signature)) {
                    lostTo = owner;
                    LOG.error("instance taken over by {}: stopping", owner);
                    return;
                }
                e.setValue(qvarn.update(StateTypes.LISTENERS, e.getKey(), stamped(current)));
            }
        }
        lastRefresh = clock.instant();
    }

    private void claim(String id, ObjectNode record) {
        try {
            records.put(id, qvarn.update(StateTypes.LISTENERS, id, stamped(record)));
        } catch (QvarnConflictException e) {
            // Someone wrote the record between our read and write: look again.
            ObjectNode current = qvarn.get(StateTypes.LISTENERS, id);
            checkNotOwnedElsewhere(current);
            records.put(id, qvarn.update(StateTypes.LISTENERS, id, stamped(current)));
        }
    }

    private ObjectNode stamped(ObjectNode record) {
        ObjectNode body = record.deepCopy();
        body.put("owner", signature);
        body.put("timestamp", TIMESTAMP.format(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)));
        return body;
    }

    private void checkNotOwnedElsewhere(ObjectNode record) {
        String owner = otherAliveOwner(record);
        if (owner != null) {
            throw new OwnedElsewhereException(owner);
        }
    }

    private String otherAliveOwner(ObjectNode record) {
        String owner = QvarnValues.text(record, "owner");
        if (owner == null || owner.isEmpty() || owner.equals(signature)) {
            return null;
        }
        Instant stamp = parse(QvarnValues.text(record, "timestamp"));
        if (stamp != null && Duration.between(stamp, clock.instant()).compareTo(timeout) < 0) {
            return owner;
        }
        return null;
    }

    static Instant parse(String timestamp) {
        if (timestamp == null || timestamp.isEmpty()) {
            return null;
        }
        try {
            return LocalDateTime.parse(timestamp, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
