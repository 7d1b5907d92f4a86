package org.qvarnmr.camel.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The one start-up and outage back-off of the worker: one retry loop's state under the {@link RetryPolicy}
 * ({@code qvarnmr.retry.*}), with an optional point at which the loop gives up. The Camel Main runtime's
 * start-up, standby and one-shot outage ride-out, the commands' start-up ({@code cli/DirectWorker}), both
 * Karaf start-ups and the resync timer all wait through it: the first attempt is at once, the k-th failure in
 * a row waits {@link RetryPolicy#delay(int) delay(k)}, a success starts the count again, and once the deadline
 * has passed a failure gives up instead of waiting; the last wait is cut so that it ends at the deadline.
 *
 * <p>Why not Camel's {@code org.apache.camel.util.backoff.BackOff} and {@code BackOffTimer} (camel-util 4.18),
 * which carry the same fields: their rule is not the worker's documented one, and their timing model does
 * not fit the places that wait.
 * <ul>
 *   <li>{@code BackOffTimerTask.next()} multiplies before the first attempt, so the first try waits
 *       delay × multiplier instead of running at once; it multiplies while the delay is at most
 *       {@code maxDelay}, so the delay overshoots it (100 ms, ×2, max 200 ms gives 200, 400, 400 ms where
 *       {@code qvarnmr.retry.max-delay} promises 100, 200, 200 ms); and {@code reset()} sets the delay to 0, so
 *       after a reset every wait is 0.</li>
 *   <li>{@code maxElapsedTime} is the sum of the delays since the task was scheduled. The start-up window
 *       ({@code qvarnmr.startup-timeout}) counts wall time since the launch (the JVM's and Camel's start-up,
 *       and every attempt's own connect time, are inside it), and the outage ride-out counts since the first
 *       failure of a one-shot run; neither can be said in it, nor can the last wait be cut at the window's end.</li>
 *   <li>{@code BackOffTimer} runs the attempts on its scheduler's thread. The runtime and the commands try on
 *       the runner's own thread, which waits on the run's stop signal (a stop ends the wait at once), and the
 *       resync tries on the route's own timer ticks, so that the route list users see stays as it is.</li>
 * </ul>
 * This package stays free of Camel ({@code config} is below the routes), so the routes, the runtime, the
 * command line and Karaf can all use it.
 */
public final class Backoff {
    /** What {@link #failed()} answers when the deadline has passed: give up, do not wait. */
    public static final long GIVE_UP = -1;
    private static final long NONE = Long.MIN_VALUE;
    private static final long MIN_WAIT = TimeUnit.MILLISECONDS.toNanos(1);

    /** Waits between attempts: the run's stop signal in production ({@link #on(CountDownLatch)}). */
    @FunctionalInterface
    public interface Pause {
        /** Waits {@code nanos}; false when the run was stopped meanwhile. */
        boolean sleep(long nanos) throws InterruptedException;
    }

    /**
     * What the failures of one loop mean ({@link #retry}): whether waiting may help, and what the user sees.
     */
    public interface Failures {
        /** Throws what the caller must see at once when waiting would not help (a refusal, a bug); else returns. */
        void check(RuntimeException failure);

        /** The exception to throw when the deadline has passed. */
        RuntimeException giveUp(RuntimeException failure);

        /** Called before each wait, e.g. to log a status line. */
        void retrying(RuntimeException failure, long waitNanos);
    }

    private final RetryPolicy policy;
    private final LongSupplier nanoTime;
    /** When the loop gives up (a {@link System#nanoTime()} value), or {@link #NONE}. */
    private final long deadline;
    /** Or: how long after the first failure in a row it gives up, or {@link #NONE}. */
    private final long window;
    private int failures;
    private long firstFailure;
    private long notBefore;

    private Backoff(RetryPolicy policy, LongSupplier nanoTime, long deadline, long window) {
        this.policy = policy;
        this.nanoTime = nanoTime;
        this.deadline = deadline;
        this.window = window;
        this.notBefore = nanoTime.getAsLong();
    }

    /** Never gives up: a worker that runs forever waits for Qvarn as long as it takes. */
    public static Backoff forever(RetryPolicy policy, LongSupplier nanoTime) {
        return new Backoff(policy, nanoTime, NONE, NONE);
    }

    /** Gives up at {@code deadline} (a {@code nanoTime} value): the start-up window, counted from the launch. */
    public static Backoff until(RetryPolicy policy, LongSupplier nanoTime, long deadline) {
        return new Backoff(policy, nanoTime, deadline, NONE);
    }

    /** Gives up once {@code window} has passed since the first failure in a row: a one-shot run's outage. */
    public static Backoff within(RetryPolicy policy, LongSupplier nanoTime, Duration window) {
        return new Backoff(policy, nanoTime, NONE, window.toNanos());
    }

    /** The same wait every time, never giving up: a standby reading the ownership records. */
    public static Backoff every(Duration period, LongSupplier nanoTime) {
        return forever(new RetryPolicy(1, 0, period, 1, period), nanoTime);
    }

    /** A {@link #nanoTime} for code that is given a {@link Clock} (tests may stop it). */
    public static LongSupplier nanosOf(Clock clock) {
        return () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    }

    /** Waits on {@code stopped}: a stop (SIGTERM, {@code stop()}) ends the wait at once. */
    public static Pause on(CountDownLatch stopped) {
        return nanos -> !stopped.await(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * One more failure now: the wait before the next attempt (nanoseconds; cut so that it ends at the deadline,
     * at least 1 ms), or {@link #GIVE_UP} when the deadline has passed.
     */
    public long failed() {
        long now = nanoTime.getAsLong();
        if (failures == 0) {
            firstFailure = now;
        }
        long giveUpAt = deadline != NONE ? deadline : window != NONE ? firstFailure + window : NONE;
        long left = giveUpAt == NONE ? Long.MAX_VALUE : giveUpAt - now;
        if (left <= 0) {
            return GIVE_UP;
        }
        failures++;
        long wait = policy.delay(failures).toNanos();
        if (giveUpAt != NONE) {
            wait = Math.max(MIN_WAIT, Math.min(wait, left));
        }
        notBefore = now + wait;
        return wait;
    }

    /** An attempt succeeded: the next failure waits the first delay again, and a window starts again. */
    public void succeeded() {
        failures = 0;
        notBefore = nanoTime.getAsLong();
    }

    /** Whether the wait after the last failure has not passed yet (for a caller that is not woken, e.g. a timer). */
    public boolean waiting() {
        return nanoTime.getAsLong() - notBefore < 0;
    }

    /** Failures in a row so far. */
    public int failures() {
        return failures;
    }

    /**
     * After {@code failure}: throws it (or what {@code failures} makes of it) when waiting would not help, or
     * {@link Failures#giveUp} once the deadline has passed; otherwise waits the back-off on {@code pause}.
     * False when the run was stopped meanwhile.
     */
    public boolean waitAfter(RuntimeException failure, Failures failures, Pause pause) throws InterruptedException {
        failures.check(failure);
        long wait = failed();
        if (wait == GIVE_UP) {
            throw failures.giveUp(failure);
        }
        failures.retrying(failure, wait);
        return pause.sleep(wait);
    }

    /**
     * Runs {@code attempt} until it succeeds (true) or the run is stopped while waiting (false), waiting after
     * each failure as {@link #waitAfter} says. It always tries at least once, even past the deadline.
     */
    public boolean retry(Runnable attempt, Failures failures, Pause pause) throws InterruptedException {
        while (true) {
            try {
                attempt.run();
                succeeded();
                return true;
            } catch (RuntimeException e) {
                if (!waitAfter(e, failures, pause)) {
                    return false;
                }
            }
        }
    }
}
