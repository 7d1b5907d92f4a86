package org.qvarnmr.camel.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnClientSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-shot measurements (incremental and resync). Each runs on a fresh target; writing the sources
 * is setup and not measured; the measured part is one one-shot worker run, timed from its start to its
 * exit (start-up and shut-down included). The worker's requests are counted by its own client; the
 * server's time per route comes from its access log when one is given (nothing else talks to the server
 * during the measured run).
 */
final class Measurements {
    private static final Logger LOG = LoggerFactory.getLogger(Measurements.class);
    /** How often a long run logs its progress (so a run stopped by a timeout still tells its heap use). */
    private static final long PROGRESS_SECONDS = 30;
    /** Requests in flight while writing the workload (setup only). */
    static final int SEED_THREADS = 8;
    /** How long the access log may lag the worker's last answer. */
    static final long LOG_WAIT_MILLIS = 5_000;

    private final BenchOptions options;
    private final WorkerRun worker;
    private final TargetFactory targets;
    private final Function<URI, QvarnClientSettings> clientSettings;
    private final AccessLog accessLog;

    /** Makes a fresh, empty target for each run. */
    @FunctionalInterface
    interface TargetFactory {
        BenchTarget fresh() throws Exception;
    }

    Measurements(BenchOptions options, WorkerRun worker, TargetFactory targets,
                 Function<URI, QvarnClientSettings> clientSettings) {
        this.options = options;
        this.worker = worker;
        this.targets = targets;
        this.clientSettings = clientSettings;
        this.accessLog = options.accessLog() == null ? null : new AccessLog(options.accessLog());
    }

    /** An idle run first (listeners, handler versions), then the sources are written, then the measured run. */
    RunResult incremental(EngineProfile profile) throws Exception {
        try (BenchTarget target = targets.fresh();
             QvarnClient client = new QvarnClient(clientSettings.apply(target.baseUrl()))) {
            double cpuBefore = CpuClock.seconds();
            int idle = worker.runOnce(target.baseUrl(), profile, options.pollInterval()).exit();
            double idleCpu = CpuClock.seconds() - cpuBefore;
            if (idle != 0) {
                throw new IllegalStateException("the setup run (no data) ended with exit code " + idle);
            }
            Workload workload = write(client);
            return measureOneShot(BenchMode.incremental, profile, target, client, workload, idleCpu);
        }
    }

    /**
     * Sources written and processed by an untimed run first (10% orgs, 90% reports); then the backlog of {@link
     * Workload#writeChanges} (key moves, value changes, deletes, org renames, creates); the measured run
     * processes it.
     */
    RunResult mixed(EngineProfile profile) throws Exception {
        try (BenchTarget target = targets.fresh();
             QvarnClient client = new QvarnClient(clientSettings.apply(target.baseUrl()))) {
            int n = options.sources();
            Workload workload = new Workload();
            workload.writeOrgs(client, Workload.orgsOf(n), SEED_THREADS);
            workload.writeReports(client, n - Workload.orgsOf(n), SEED_THREADS);
            int setup = worker.runOnce(target.baseUrl(), profile, options.pollInterval()).exit();
            if (setup != 0) {
                throw new IllegalStateException("the setup run (first sources) ended with exit code " + setup);
            }
            int changes = workload.writeChanges(client, n, SEED_THREADS);
            RunResult result = measureOneShot(BenchMode.mixed, profile, target, client, workload, Double.NaN);
            return result.withChanges(changes);
        }
    }

    /** The sources are written first, with no listener; the measured run is the worker's first start. */
    RunResult resync(EngineProfile profile) throws Exception {
        try (BenchTarget target = targets.fresh();
             QvarnClient client = new QvarnClient(clientSettings.apply(target.baseUrl()))) {
            Workload workload = write(client);
            return measureOneShot(BenchMode.resync, profile, target, client, workload, Double.NaN);
        }
    }

    private Workload write(QvarnClient client) {
        Workload workload = new Workload();
        int orgs = Workload.orgsOf(options.sources());
        workload.writeOrgs(client, orgs, SEED_THREADS);
        workload.writeReports(client, options.sources() - orgs, SEED_THREADS);
        return workload;
    }

    private RunResult measureOneShot(BenchMode mode, EngineProfile profile, BenchTarget target, QvarnClient client,
                                     Workload workload, double idleCpu) throws Exception {
        long logMark = accessLog == null ? 0 : accessLog.mark();
        WorkerRun.Outcome outcome;
        long nanos;
        long peak;
        long afterGc;
        double loadBefore = Report.loadAverage();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-progress");
            t.setDaemon(true);
            return t;
        });
        double cpuBefore = CpuClock.seconds();
        double jitBefore = CpuClock.jitSeconds();
        double cpu;
        double jit;
        try (HeapMeter heap = new HeapMeter().start()) {
            long start = System.nanoTime();
            ticker.scheduleAtFixedRate(() -> LOG.info("{} {} run: {} s, heap used {} MB, peak {} MB, max after a GC {} MB",
                    profile.name(), mode, (System.nanoTime() - start) / 1_000_000_000L,
                    Report.mb(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()),
                    Report.mb(heap.peakBytes()), Report.mb(heap.maxAfterGcBytes())),
                    PROGRESS_SECONDS, PROGRESS_SECONDS, TimeUnit.SECONDS);
            outcome = worker.runOnce(target.baseUrl(), profile, options.pollInterval());
            nanos = System.nanoTime() - start;
            cpu = CpuClock.seconds() - cpuBefore;
            jit = CpuClock.jitSeconds() - jitBefore;
            peak = heap.peakBytes();
            afterGc = heap.maxAfterGcBytes();
        } finally {
            ticker.shutdownNow();
        }
        double loadAfter = Report.loadAverage();
        AccessLog.ServerTimes server = accessLog == null ? null
                : accessLog.since(logMark, outcome.requests().total(), LOG_WAIT_MILLIS);
        DerivedDataCheck.Result check = new DerivedDataCheck(client, workload).run();
        return new RunResult(mode, profile, workload.sources(), nanos / 1e9, outcome.requests(), peak, afterGc,
                outcome.exit(), check, null, loadBefore, loadAfter, cpu, idleCpu, server, jit, outcome.inFlight());
    }
}
