package org.qvarnmr.camel.config;

import java.time.Duration;

/**
 * The one retry and back-off policy of the worker, from the {@code qvarnmr.retry.*} settings. Every place
 * that retries uses it: Camel's redelivery of a failing step within a pass ({@code route/ErrorPolicy}), a
 * failed change's back-off across passes ({@code engine/FailureTracker}), a resync step that failed, a
 * one-shot run riding out an outage and the start-up waits ({@code config/Backoff}).
 *
 * @param maxAttempts  attempts of a failing change before it is dead-lettered
 * @param redeliveries immediate redeliveries of a step that met a passing Qvarn fault or a conflict, within
 *                     the pass, before the change counts one failed attempt
 * @param initialDelay the back-off after the first failure
 * @param multiplier   each further failure multiplies the back-off by this
 * @param maxDelay     the longest back-off
 */
public record RetryPolicy(int maxAttempts, int redeliveries, Duration initialDelay, double multiplier,
                          Duration maxDelay) {
    public RetryPolicy {
        if (maxAttempts < 1 || redeliveries < 0 || multiplier < 1 || initialDelay.isNegative()
                || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("retry policy out of range: " + maxAttempts + " attempts, "
                    + redeliveries + " redeliveries, " + initialDelay + " x" + multiplier + " up to " + maxDelay);
        }
    }

    /** The back-off after the {@code failures}-th failure in a row (1 = the first): grows, then stays at the maximum. */
    public Duration delay(int failures) {
        double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, failures - 1));
        return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis(Math.round(millis));
    }

    /** Whether a change that failed {@code attempts} times has used up its attempts. */
    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }
}
