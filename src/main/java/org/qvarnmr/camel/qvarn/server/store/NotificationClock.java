package org.qvarnmr.camel.qvarn.server.store;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Microseconds since the epoch for {@code last_modified}, strictly increasing across the whole
 * server so that notification order is stable even within one microsecond.
 */
public final class NotificationClock {
    private final Clock clock;
    private final AtomicLong last = new AtomicLong();

    public NotificationClock(Clock clock) {
        this.clock = clock;
    }

    long next() {
        Instant now = clock.instant();
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        return last.updateAndGet(previous -> Math.max(previous + 1, micros));
    }
}
