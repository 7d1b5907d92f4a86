package org.qvarnmr.camel.bench;

import java.util.Arrays;

/**
 * Write-to-visible times of the reports written in a latency run. Reports never seen within the wait
 * count as infinitely late, so they push the percentiles up instead of vanishing from them.
 *
 * @param observerRequests the observer's own requests (left out of the worker's counts)
 * @param settleSeconds    how long the one-shot run took that finished what the forever worker left undone
 *                         before the correctness check; NaN when nothing was left
 */
record LatencyStats(int written, long[] visibleNanos, double rate, double waitedSeconds, long observerRequests,
                    double settleSeconds) {
    LatencyStats {
        visibleNanos = visibleNanos.clone();
        Arrays.sort(visibleNanos);
    }

    int observed() {
        return visibleNanos.length;
    }

    /** The {@code p}-quantile (0..1) in seconds by the nearest-rank method; infinite when it falls on a report never seen. */
    double quantileSeconds(double p) {
        if (written == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * written);
        int index = Math.max(0, rank - 1);
        return index < visibleNanos.length ? visibleNanos[index] / 1e9 : Double.POSITIVE_INFINITY;
    }

    double maxSeconds() {
        return quantileSeconds(1.0);
    }
}
