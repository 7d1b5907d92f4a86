package org.qvarnmr.camel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The worker's one start-up and outage back-off, on a fake clock that only the waits move: the delays of
 * {@code qvarnmr.retry.*}, the bounded attempts before a deadline, the give-up, and a stop or an interrupt
 * ending the wait.
 */
class BackoffTest {
    /** 100 ms, doubling, at most 400 ms. */
    private static final RetryPolicy POLICY = new RetryPolicy(5, 0, Duration.ofMillis(100), 2, Duration.ofMillis(400));

    private long now = TimeUnit.SECONDS.toNanos(1000);
    private final List<Long> waits = new ArrayList<>();
    private final List<Long> attempts = new ArrayList<>();
    /** Waits by moving the clock. */
    private final Backoff.Pause pause = nanos -> {
        waits.add(TimeUnit.NANOSECONDS.toMillis(nanos));
        now += nanos;
        return true;
    };

    /** Outages: every failure may pass; giving up throws "gave up" with the last failure as the cause. */
    private static final class Outages implements Backoff.Failures {
        @Override
        public void check(RuntimeException failure) {
            if (failure instanceof IllegalStateException) {
                throw failure; // waiting would not help
            }
        }

        @Override
        public RuntimeException giveUp(RuntimeException failure) {
            return new RuntimeException("gave up", failure);
        }

        @Override
        public void retrying(RuntimeException failure, long waitNanos) {
        }
    }

    private Runnable failingUntil(long millisFromStart) {
        long start = now;
        return () -> {
            attempts.add(TimeUnit.NANOSECONDS.toMillis(now - start));
            if (now - start < TimeUnit.MILLISECONDS.toNanos(millisFromStart)) {
                throw new RuntimeException("connection refused");
            }
        };
    }

    @Test
    void shouldTryAtOnceThenWaitTheGrowingDelayUpToTheMaximum() throws Exception {
        Backoff backoff = Backoff.forever(POLICY, () -> now);

        assertThat(backoff.retry(failingUntil(1500), new Outages(), pause)).isTrue();

        assertThat(waits).containsExactly(100L, 200L, 400L, 400L, 400L);
        assertThat(attempts).as("the first attempt at once").containsExactly(0L, 100L, 300L, 700L, 1100L, 1500L);
        assertThat(backoff.failures()).as("a success starts the count again").isZero();
    }

    @Test
    void shouldGiveUpAtTheDeadlineAfterABoundedNumberOfAttemptsTheLastWaitEndingThere() {
        long start = now;
        Backoff backoff = Backoff.until(POLICY, () -> now, start + TimeUnit.SECONDS.toNanos(1));

        assertThatThrownBy(() -> backoff.retry(failingUntil(Long.MAX_VALUE), new Outages(), pause))
                .hasMessage("gave up").hasRootCauseMessage("connection refused");

        assertThat(attempts).as("tried for the whole window, the last wait cut at its end (300 ms, not 400)")
                .containsExactly(0L, 100L, 300L, 700L, 1000L);
        assertThat(waits).containsExactly(100L, 200L, 400L, 300L);
        assertThat(now - start).as("gave up at the deadline, not before, not a wait later")
                .isEqualTo(TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void shouldTryOnceWhenTheDeadlineHasPassedBeforeTheFirstAttempt() {
        Backoff backoff = Backoff.until(POLICY, () -> now, now - 1);

        assertThatThrownBy(() -> backoff.retry(failingUntil(Long.MAX_VALUE), new Outages(), pause))
                .hasMessage("gave up");

        assertThat(attempts).containsExactly(0L);
        assertThat(waits).isEmpty();
    }

    @Test
    void shouldCountAWindowFromTheFirstFailureInARowAndStartItAgainAfterASuccess() throws Exception {
        Backoff backoff = Backoff.within(POLICY, () -> now, Duration.ofMillis(700));
        Outages outages = new Outages();
        now += TimeUnit.SECONDS.toNanos(60); // long after the loop was made: the window starts at the failure

        assertThat(backoff.waitAfter(new RuntimeException("down"), outages, pause)).isTrue();
        assertThat(backoff.waitAfter(new RuntimeException("down"), outages, pause)).isTrue();
        backoff.succeeded();
        assertThat(waits).containsExactly(100L, 200L);

        assertThat(backoff.retry(failingUntil(650), outages, pause)).as("a new window, from the first delay")
                .isTrue();
        assertThat(waits).containsExactly(100L, 200L, 100L, 200L, 400L);
        assertThatThrownBy(() -> backoff.retry(failingUntil(Long.MAX_VALUE), outages, pause))
                .hasMessage("gave up");
        assertThat(waits.subList(5, waits.size())).containsExactly(100L, 200L, 400L);
    }

    @Test
    void shouldThrowAFailureThatWaitingWouldNotHelpAtOnce() {
        Backoff backoff = Backoff.forever(POLICY, () -> now);

        assertThatThrownBy(() -> backoff.retry(() -> {
            attempts.add(0L);
            throw new IllegalStateException("refused");
        }, new Outages(), pause)).isInstanceOf(IllegalStateException.class).hasMessage("refused");

        assertThat(attempts).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void shouldEndTheWaitWhenTheRunIsStopped() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        stopped.countDown();
        Backoff backoff = Backoff.forever(new RetryPolicy(5, 0, Duration.ofHours(1), 1, Duration.ofHours(1)),
                System::nanoTime);

        assertThat(backoff.retry(failingUntil(Long.MAX_VALUE), new Outages(), Backoff.on(stopped)))
                .as("stopped: no further attempt, and the hour's wait ends at once").isFalse();
        assertThat(attempts).hasSize(1);
    }

    @Test
    void shouldEndTheWaitWhenTheThreadIsInterrupted() {
        Backoff backoff = Backoff.forever(new RetryPolicy(5, 0, Duration.ofHours(1), 1, Duration.ofHours(1)),
                System::nanoTime);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> backoff.retry(failingUntil(Long.MAX_VALUE), new Outages(),
                    Backoff.on(new CountDownLatch(1)))).isInstanceOf(InterruptedException.class);
            assertThat(attempts).as("no attempt after the interrupt").hasSize(1);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void shouldSayWhetherTheWaitAfterAFailureIsStillRunning() {
        Backoff backoff = Backoff.forever(POLICY, () -> now);
        assertThat(backoff.waiting()).isFalse();

        assertThat(backoff.failed()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
        now += TimeUnit.MILLISECONDS.toNanos(99);
        assertThat(backoff.waiting()).isTrue();
        now += TimeUnit.MILLISECONDS.toNanos(1);
        assertThat(backoff.waiting()).as("a timer's next tick tries again").isFalse();

        assertThat(backoff.failed()).as("the second failure in a row").isEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
        backoff.succeeded();
        assertThat(backoff.waiting()).isFalse();
        assertThat(backoff.failed()).as("after a success, the first delay again").isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
    }
}
