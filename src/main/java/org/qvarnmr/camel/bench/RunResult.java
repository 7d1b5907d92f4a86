package org.qvarnmr.camel.bench;

/**
 * What one measured run produced.
 *
 * @param changes  source changes (incremental, latency) or source resources (resync) processed
 * @param seconds  wall time of the measured part
 * @param requests the worker's HTTP requests by route, or null when they cannot be counted (remote Qvarn)
 * @param latency  write-to-visible times (latency mode only), else null
 * @param loadBefore the system's 1-minute load average when the timed part started (other processes count)
 * @param loadAfter  the same when it ended
 */
record RunResult(BenchMode mode, EngineProfile profile, int changes, double seconds, RequestCounts requests,
                 long peakHeapBytes, long maxHeapAfterGcBytes, int workerExit, DerivedDataCheck.Result check,
                 LatencyStats latency, double loadBefore, double loadAfter) {

    double perSecond() {
        return seconds > 0 ? changes / seconds : Double.NaN;
    }

    double requestsPerChange() {
        return requests == null || changes == 0 ? Double.NaN : (double) requests.total() / changes;
    }

    boolean passed() {
        return workerExit == 0 && check.passed();
    }
}
