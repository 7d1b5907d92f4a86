package org.qvarnmr.camel.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Attempts and back-off of changes that failed, keyed by notification id. A failing change keeps its
 * notifications in Qvarn and is left out of polls until its back-off has passed, so it never holds back
 * unrelated changes. Kept in memory: after a restart a change simply gets its attempts again.
 */
public final class FailureTracker {
    private final Map<String, Attempts> attempts = new ConcurrentHashMap<>();
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final Clock clock;

    public FailureTracker(Duration firstDelay, Duration maxDelay, Clock clock) {
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
        this.clock = clock;
    }

    /** Failed attempts, Qvarn outages seen (they delay but never use up attempts), and the back-off end. */
    private record Attempts(int count, int outages, Instant notBefore) {
    }

    /** Whether the notification is waiting out its back-off. */
    public boolean isBackingOff(String notificationId) {
        Attempts a = attempts.get(notificationId);
        return a != null && clock.instant().isBefore(a.notBefore());
    }

    public int attempts(Change change) {
        return latest(change).count();
    }

    /** Failed attempts and outages seen for any of these notifications. */
    public int attempts(List<NotificationRef> notifications) {
        int n = 0;
        for (NotificationRef ref : notifications) {
            Attempts a = attempts.get(ref.notificationId());
            if (a != null) {
                n = Math.max(n, a.count() + a.outages());
            }
        }
        return n;
    }

    /** Counts one more failed attempt and returns the new count. */
    public int failed(Change change) {
        Attempts last = latest(change);
        int count = last.count() + 1;
        record(change, new Attempts(count, last.outages(), clock.instant().plus(delay(count))));
        return count;
    }

    /** Backs off after Qvarn was unreachable, without counting an attempt. */
    public void outage(Change change) {
        Attempts last = latest(change);
        int outages = last.outages() + 1;
        record(change, new Attempts(last.count(), outages, clock.instant().plus(delay(outages))));
    }

    private Duration delay(int n) {
        Duration delay = firstDelay.multipliedBy(1L << Math.min(n - 1, 20));
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    private Attempts latest(Change change) {
        Attempts latest = new Attempts(0, 0, Instant.EPOCH);
        for (NotificationRef n : change.notifications()) {
            Attempts a = attempts.get(n.notificationId());
            if (a != null && (a.count() > latest.count() || a.outages() > latest.outages())) {
                latest = a;
            }
        }
        return latest;
    }

    private void record(Change change, Attempts a) {
        change.notifications().forEach(n -> attempts.put(n.notificationId(), a));
    }

    public void clear(Change change) {
        change.notifications().forEach(n -> attempts.remove(n.notificationId()));
    }

    public int size() {
        return attempts.size();
    }
}
