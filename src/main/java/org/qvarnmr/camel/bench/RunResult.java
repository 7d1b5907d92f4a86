package org.qvarnmr.camel.bench;

import java.util.List;

/**
 * What one measured run produced.
 *
 * @param changes  source changes (incremental, latency) or source resources (resync) processed
 * @param seconds  wall time of the measured part
 * @param requests the worker's HTTP requests by route, or null when they cannot be counted (remote Qvarn)
 * @param latency  write-to-visible times (latency mode only), else null
 * @param inFlight the worker's mean requests in flight by phase ({@link InFlight})
 * @param loadBefore the system's 1-minute load average when the timed part started (other processes count)
 * @param loadAfter  the same when it ended
 * @param cpuSeconds this JVM's CPU time over the measured part (the worker's, plus the embedded server's when
 *                   there is one)
 * @param idleCpuSeconds the CPU time of a run of the same worker with nothing to do (start-up and shut-down),
 *                   or NaN when the mode has none
 * @param server     the server's time per route from its access log, or null without {@code --access-log}
 */
record RunResult(BenchMode mode, EngineProfile profile, int changes, double seconds, RequestCounts requests,
                 long peakHeapBytes, long maxHeapAfterGcBytes, int workerExit, DerivedDataCheck.Result check,
                 LatencyStats latency, double loadBefore, double loadAfter, double cpuSeconds,
                 double idleCpuSeconds, AccessLog.ServerTimes server, double jitCpuSeconds, List<InFlight.Row> inFlight) {

    double perSecond() {
        return seconds > 0 ? changes / seconds : Double.NaN;
    }

    double requestsPerChange() {
        return requests == null || changes == 0 ? Double.NaN : (double) requests.total() / changes;
    }

    /** The same figures for {@code n} changes (a mixed backlog has as many changes as it wrote, not sources). */
    RunResult withChanges(int n) {
        return new RunResult(mode, profile, n, seconds, requests, peakHeapBytes, maxHeapAfterGcBytes, workerExit, check,
                latency, loadBefore, loadAfter, cpuSeconds, idleCpuSeconds, server, jitCpuSeconds, inFlight);
    }

    /** CPU per change beyond a run with nothing to do: the cost of the work itself. */
    double workCpuMillisPerChange() {
        double work = Double.isNaN(idleCpuSeconds) ? cpuSeconds : cpuSeconds - idleCpuSeconds;
        return changes == 0 ? Double.NaN : work * 1000 / changes;
    }

    boolean passed() {
        return workerExit == 0 && check.passed();
    }
}
