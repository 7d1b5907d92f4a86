package org.qvarnmr.camel.bench;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnClientSettings;
import org.qvarnmr.camel.runtime.WorkerRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code -f} latency measurement: the orgs are written first and synchronised by a forever worker's
 * start-up resync; then reports are written at a steady rate while an {@link Observer} times each one
 * until its derived rows are visible. The worker's requests are counted by its own client over the
 * writing and waiting.
 */
final class LatencyRun {
    private static final Logger LOG = LoggerFactory.getLogger(LatencyRun.class);
    /** Longest wait for the start-up resync of the orgs. */
    private static final Duration START_WAIT = Duration.ofMinutes(2);

    private final BenchOptions options;
    private final WorkerRun worker;
    private final Measurements.TargetFactory targets;
    private final Function<URI, QvarnClientSettings> clientSettings;

    LatencyRun(BenchOptions options, WorkerRun worker, Measurements.TargetFactory targets,
               Function<URI, QvarnClientSettings> clientSettings) {
        this.options = options;
        this.worker = worker;
        this.targets = targets;
        this.clientSettings = clientSettings;
    }

    /** How long to wait for the last reports after the writing ends. */
    Duration drainWait() {
        Duration twoPolls = options.pollInterval().multipliedBy(2);
        Duration base = Duration.ofSeconds(30);
        return (twoPolls.compareTo(base) > 0 ? twoPolls : base).plus(options.duration());
    }

    RunResult run(EngineProfile profile) throws Exception {
        RequestCounter observerCount = new RequestCounter();
        try (BenchTarget target = targets.fresh();
             QvarnClient writer = new QvarnClient(clientSettings.apply(target.baseUrl()));
             QvarnClient watcher = new QvarnClient(clientSettings.apply(target.baseUrl()), observerCount)) {
            Workload workload = new Workload();
            int orgs = Workload.orgsOf(options.sources());
            workload.writeOrgs(writer, orgs, Measurements.SEED_THREADS);

            WorkerRequests workerRequests = new WorkerRequests(false);
            WorkerRuntime runtime = worker.runtime(target.baseUrl(), profile, options.pollInterval(), workerRequests);
            AtomicInteger exit = new AtomicInteger(-1);
            Thread workerThread = new Thread(() -> {
                try {
                    exit.set(runtime.run(true));
                } catch (Exception e) {
                    LOG.error("the forever worker failed", e);
                    exit.set(70);
                }
            }, "bench-worker");
            workerThread.start();
            try {
                waitForOrgs(watcher, orgs, exit);
                return measure(profile, target, workload, writer, watcher, workerRequests, observerCount, runtime,
                        workerThread, exit);
            } finally {
                runtime.stop();
                workerThread.join(60_000);
            }
        }
    }

    private RunResult measure(EngineProfile profile, BenchTarget target, Workload workload, QvarnClient writer,
                              QvarnClient watcher, WorkerRequests workerRequests, RequestCounter observerCount,
                              WorkerRuntime runtime, Thread workerThread, AtomicInteger exit) throws Exception {
        RequestCounts workerBefore = workerRequests.snapshot();
        double cpuBefore = CpuClock.seconds();
        double jitBefore = CpuClock.jitSeconds();
        SortedMap<String, Long> observerBefore = observerCount.snapshot();
        Observer observer = new Observer(watcher);
        Thread observerThread = new Thread(observer, "bench-observer");
        int n = options.latencyReports();
        long peak;
        long afterGc;
        long nanos;
        double loadBefore = Report.loadAverage();
        try (HeapMeter heap = new HeapMeter().start()) {
            observerThread.start();
            List<String> orgIds = List.copyOf(workload.orgIds());
            Map<String, Integer> ordinals = new HashMap<>();
            long period = Math.round(1e9 / options.rate());
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long due = start + i * period;
                for (long left; (left = due - System.nanoTime()) > 0; ) {
                    LockSupport.parkNanos(left);
                }
                String org = orgIds.get(i % orgIds.size());
                int ordinal = ordinals.merge(org, 1, Integer::sum);
                String id = workload.writeReport(writer, i, org);
                observer.written(new Observer.Pending(id, org, ordinal, System.nanoTime()));
            }
            observer.finish(drainWait());
            nanos = System.nanoTime() - start;
            peak = heap.peakBytes();
            afterGc = heap.maxAfterGcBytes();
        }
        double loadAfter = Report.loadAverage();
        observerThread.join(10_000);
        double cpu = CpuClock.seconds() - cpuBefore;
        double jit = CpuClock.jitSeconds() - jitBefore;
        RequestCounts requests = workerRequests.snapshot().minus(workerBefore);
        runtime.stop();
        workerThread.join(60_000);
        int workerExit = workerThread.isAlive() ? 70 : exit.get();
        long[] visible = observer.visibleNanos();
        double settle = Double.NaN;
        if (visible.length < n && workerExit == 0) {
            // Latency is reported above; the check is about correctness, so what the forever worker left undone
            // is finished by one one-shot run first (the report says so).
            long start = System.nanoTime();
            workerExit = worker.runOnce(target.baseUrl(), profile, options.pollInterval()).exit();
            settle = (System.nanoTime() - start) / 1e9;
        }
        DerivedDataCheck.Result check = new DerivedDataCheck(writer, workload).run();
        long observerRequests = new RequestCounts(observerCount.snapshot()).minus(observerBefore).total();
        LatencyStats latency = new LatencyStats(n, visible, options.rate(), drainWait().toSeconds(),
                observerRequests, settle);
        return new RunResult(BenchMode.latency, profile, n, nanos / 1e9, requests, peak, afterGc, workerExit, check,
                latency, loadBefore, loadAfter, cpu, Double.NaN, null, jit, workerRequests.inFlight());
    }

    /** The start-up resync has mapped and reduced every org: company_reports has a row for each. */
    private static void waitForOrgs(QvarnClient watcher, int orgs, AtomicInteger exit) throws InterruptedException {
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (exit.get() >= 0) {
                throw new IllegalStateException("the forever worker stopped at start-up with exit code " + exit.get());
            }
            if (watcher.listIds("company_reports").size() >= orgs) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the forever worker did not synchronise the " + orgs + " orgs within "
                + START_WAIT.toSeconds() + " s");
    }
}
