package org.qvarnmr.camel.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.config.RetryPolicy;
import org.qvarnmr.camel.qvarn.client.support.MutableClock;

class FailureTrackerTest {
    private static final RetryPolicy RETRY = new RetryPolicy(5, 3, Duration.ofSeconds(1), 2, Duration.ofSeconds(3));
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final FailureTracker failures = new FailureTracker(RETRY, clock);

    private static Change change(String... notificationIds) {
        return new Change("reports", "r1", ChangeKind.UPSERT,
                java.util.Arrays.stream(notificationIds).map(id -> new NotificationRef("reports", "l1", id)).toList(),
                false);
    }

    @Test
    void shouldBackOffAFailedChangeForTheRetryPolicysDelay() {
        Change c = change("n1");

        failures.recordFailure(c);

        assertThat(failures.isBackingOff("n1")).isTrue();
        clock.advance(Duration.ofMillis(999));
        assertThat(failures.isBackingOff("n1")).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(failures.isBackingOff("n1")).isFalse();
    }

    @Test
    void shouldGrowTheBackOffWithEachFailureUpToTheMaximum() {
        Change c = change("n1");
        failures.recordFailure(c);
        failures.recordFailure(c);
        failures.recordFailure(c); // 1 s, 2 s, then 4 s capped at 3 s

        clock.advance(Duration.ofMillis(2999));
        assertThat(failures.isBackingOff("n1")).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(failures.isBackingOff("n1")).isFalse();
    }

    @Test
    void shouldNotUseUpAttemptsWhenQvarnWasUnreachable() {
        Change c = change("n1", "n2");

        failures.recordOutage(c);
        failures.recordOutage(c);

        assertThat(failures.failedAttempts(c)).isZero();
        assertThat(failures.failuresAndOutages(c.notifications())).isEqualTo(2);
        assertThat(failures.isBackingOff("n2")).isTrue();
    }

    @Test
    void shouldCountTheFailuresOfACoalescedChangeOnEveryNotification() {
        failures.recordFailure(change("n1"));

        Change coalesced = change("n1", "n2");
        assertThat(failures.failedAttempts(coalesced)).isEqualTo(1);
        assertThat(failures.recordFailure(coalesced)).isEqualTo(2);
        assertThat(failures.failuresAndOutages(List.of(new NotificationRef("reports", "l1", "n2")))).isEqualTo(2);
    }

    @Test
    void shouldForgetAChangeWhenCleared() {
        Change c = change("n1");
        failures.recordFailure(c);

        failures.clear(c);

        assertThat(failures.size()).isZero();
        assertThat(failures.isBackingOff("n1")).isFalse();
    }
}
