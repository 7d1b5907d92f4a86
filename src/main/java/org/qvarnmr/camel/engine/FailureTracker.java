package org.qvarnmr.camel.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.qvarnmr.camel.config.RetryPolicy;

/**
 * Attempts and back-off of changes that failed, keyed by notification id. A failing change keeps its
 * notifications in Qvarn and is left out of polls until its back-off has passed, so it never holds back
 * unrelated changes. Kept in memory: after a restart a change simply gets its attempts again.
 */
public final class FailureTracker {
    private final Map<String, Attempts> attempts = new ConcurrentHashMap<>();
    private final RetryPolicy retry;
    private final Clock clock;

    /** @param retry the worker's back-off: a change is left out of polls for {@code retry.delay(n)} after its n-th failure */
    public FailureTracker(RetryPolicy retry, Clock clock) {
        this.retry = retry;
        this.clock = clock;
    }

    /**
     * Failed attempts, Qvarn outages seen (they delay but never use up attempts), the back-off end, and when
     * the first outage was recorded (null before one).
     */
    private record Attempts(int count, int outages, Instant notBefore, Instant firstOutage) {
    }

    /** Whether the notification is waiting out its back-off. */
    public boolean isBackingOff(String notificationId) {
        Attempts a = attempts.get(notificationId);
        return a != null && clock.instant().isBefore(a.notBefore());
    }

    /** Failed attempts of the change so far (outages do not count). */
    public int failedAttempts(Change change) {
        return latest(change).count();
    }

    /** Failed attempts plus outages seen for any of these notifications: 0 when none of them ever failed. */
    public int failuresAndOutages(List<NotificationRef> notifications) {
        int n = 0;
        for (NotificationRef ref : notifications) {
            Attempts a = attempts.get(ref.notificationId());
            if (a != null) {
                n = Math.max(n, a.count() + a.outages());
            }
        }
        return n;
    }

    /** Records one more failed attempt, starting its back-off; returns the failed attempts so far. */
    public int recordFailure(Change change) {
        Attempts last = latest(change);
        int count = last.count() + 1;
        record(change, new Attempts(count, last.outages(), clock.instant().plus(retry.delay(count)),
                last.firstOutage()));
        return count;
    }

    /**
     * Records that Qvarn was unavailable for the change: backs it off without using up an attempt; returns
     * the outages it met so far.
     */
    public int recordOutage(Change change) {
        Attempts last = latest(change);
        int outages = last.outages() + 1;
        Instant now = clock.instant();
        record(change, new Attempts(last.count(), outages, now.plus(retry.delay(outages)),
                last.firstOutage() == null ? now : last.firstOutage()));
        return outages;
    }

    /** How long ago the change's first recorded outage was (zero when it met none). */
    public Duration outageFor(Change change) {
        Instant first = latest(change).firstOutage();
        return first == null ? Duration.ZERO : Duration.between(first, clock.instant());
    }

    private Attempts latest(Change change) {
        Attempts latest = new Attempts(0, 0, Instant.EPOCH, null);
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

    /** How many notifications wait for a retry. */
    public int size() {
        return attempts.size();
    }
}
