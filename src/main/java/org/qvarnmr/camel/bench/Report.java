package org.qvarnmr.camel.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.qvarnmr.camel.qvarn.server.LatencyModel;

/** Prints the benchmark's results as Markdown (readable in a terminal, pasted as is into the docs). */
final class Report {
    /** Issue 12's targets. */
    static final double TARGET_INCREMENTAL_REQUESTS = 5.5;
    static final double TARGET_RESYNC_REQUESTS = 2.6;
    static final double TARGET_MIXED_REQUESTS = 6.5;
    static final long MEMORY_TARGET_SOURCES = 100_000;
    static final long MEMORY_TARGET_HEAP = 256L << 20;

    private final PrintWriter out;
    private final BenchOptions options;

    Report(PrintWriter out, BenchOptions options) {
        this.out = out;
        this.options = options;
    }

    void header(String bindingsName) {
        Runtime rt = Runtime.getRuntime();
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-Xm") || a.startsWith("-XX:+Use")).toList();
        out.println("# qvarnmr-camel benchmark");
        out.println();
        out.println("- date: " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
        out.println("- machine: " + rt.availableProcessors() + " cores, max heap " + mb(rt.maxMemory()) + " MB"
                + (jvmArgs.isEmpty() ? "" : " (" + String.join(" ", jvmArgs) + ")") + ", Java "
                + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        out.println("- system load average (1 min) now: " + fmt(loadAverage()) + " on " + rt.availableProcessors()
                + " cores; other processes on this machine compete for the CPU, see each run's load below");
        out.println("- target: " + target());
        int orgs = Workload.orgsOf(options.sources());
        out.println("- workload: bindings " + bindingsName + " (company_reports__map + company_reports join, "
                + "reports_counts__map + reports_counts count); " + options.sources() + " sources = " + orgs
                + " orgs + " + (options.sources() - orgs) + " reports, report i names org i mod " + orgs);
        out.println("- engine: " + EngineProfile.concurrent(options.threads(), options.batchSize()).describe()
                + (options.baseline() ? "; baseline " + EngineProfile.sequential().describe() + " on a fresh server"
                : "; no baseline") + "; qvarnmr.poll-interval " + seconds(options.pollInterval().toMillis() / 1e3) + " s");
        if (options.modes().contains(BenchMode.latency)) {
            out.println("- latency run: " + orgs + " orgs first, then " + options.latencyReports() + " reports at "
                    + fmt(options.rate()) + "/s for " + seconds(options.duration().toMillis() / 1e3) + " s");
        }
        out.println();
        out.flush();
    }

    private String target() {
        if (options.qvarnUrl() != null) {
            return "the Qvarn at " + options.qvarnUrl() + " (requests counted by the worker's own client"
                    + (options.accessLog() == null ? "" : "; server time per route from " + options.accessLog()) + ")";
        }
        LatencyModel m = options.latencyModel().model();
        if (options.latencyModel() == LatencyPreset.NONE) {
            return "embedded Qvarn in this JVM, fresh for each run, latency model none (no emulated server time; "
                    + "figures show the worker's and the in-process server's CPU cost only)";
        }
        return "embedded Qvarn in this JVM, fresh for each run, latency model " + options.latencyModel().label()
                + " (" + m.describe() + "). "
                + "This is a MODEL of the measured Qvarn 0.82 on PostgreSQL, not a real Qvarn.";
    }

    /** One mode's table: our run, the baseline (or null) and their ratio, then requests by route. */
    void mode(RunResult ours, RunResult base) {
        String unit = ours.mode() == BenchMode.resync ? "resource" : "change";
        out.println("## " + ours.mode() + ": " + ours.changes() + " source " + unit + "s");
        out.println();
        out.println(ours.mode() == BenchMode.incremental
                ? "Measured: one one-shot worker run (start-up to exit) that processes the notifications of sources "
                + "written after an idle first run created the listeners."
                : ours.mode() == BenchMode.mixed
                ? "Measured: one one-shot worker run (start-up to exit) on a backlog of mixed changes to sources an "
                + "untimed run processed before: " + options.sources() / 5 + " value changes (report_type), "
                + options.sources() / 5 + " key moves (org), " + options.sources() / 10 + " deletes of reports, the "
                + "rest new reports."
                : ours.mode() == BenchMode.resync
                ? "Measured: the first one-shot worker run (start-up to exit) on sources written before any listener "
                + "existed: the automatic resync of every handler."
                : "Measured: a forever worker while reports are written at a steady rate; a report is visible when its "
                + "reports_counts__map row exists and reports_counts of its org counts it (seen by a separate "
                + "observer every " + Observer.PERIOD_MS + " ms; time from the report's POST answer).");
        out.println();
        out.println("| | " + ours.profile().describe() + (base == null ? "" : " | " + base.profile().describe()
                + " | ratio") + " |");
        out.println("|---|---:" + (base == null ? "" : "|---:|---:") + "|");
        row("wall time (s)", ours, base, r -> fmt(r.seconds()), null);
        row("source " + unit + "s/s", ours, base, r -> fmt(r.perSecond()), (a, b) -> ratio(a.perSecond() / b.perSecond()));
        row("HTTP requests", ours, base, r -> r.requests() == null ? "n/a" : Long.toString(r.requests().total()), null);
        row("HTTP requests/" + unit, ours, base, r -> fmt(r.requestsPerChange()),
                (a, b) -> ratio(a.requestsPerChange() / b.requestsPerChange()));
        if (ours.latency() != null) {
            row("visible p50 (s)", ours, base, r -> seconds(r.latency().quantileSeconds(0.5)), null);
            row("visible p95 (s)", ours, base, r -> seconds(r.latency().quantileSeconds(0.95)), null);
            row("visible max (s)", ours, base, r -> seconds(r.latency().maxSeconds()), null);
            row("reports seen / written (wait after writing: " + (long) ours.latency().waitedSeconds() + " s)", ours, base,
                    r -> r.latency().observed() + " / " + r.latency().written(), null);
            row("observer's requests (not in the worker's counts)", ours, base,
                    r -> Long.toString(r.latency().observerRequests()), null);
            row("one-shot run to finish what was left, before the check (s)", ours, base,
                    r -> Double.isNaN(r.latency().settleSeconds()) ? "not needed" : seconds(r.latency().settleSeconds()),
                    null);
        }
        row("CPU of this JVM over the run (s)" + (options.qvarnUrl() == null ? ", embedded server included" : ""),
                ours, base, r -> fmt(r.cpuSeconds()), null);
        row("of which the JIT compiler threads (s)", ours, base, r -> fmt(r.jitCpuSeconds()), null);
        row("CPU of a run with nothing to do: start-up and shut-down (s)", ours, base,
                r -> fmt(r.idleCpuSeconds()), null);
        row("CPU per " + unit + " beyond that (ms)", ours, base, r -> fmt(r.workCpuMillisPerChange()), null);
        if (ours.server() != null) {
            row("server time, sum over requests (s)", ours, base, r -> fmt(r.server().millis() / 1e3), null);
        }
        row("peak heap, sum of pool peaks (MB)", ours, base, r -> Long.toString(mb(r.peakHeapBytes())), null);
        row("max heap after a GC (MB)", ours, base, r -> Long.toString(mb(r.maxHeapAfterGcBytes())), null);
        row("worker exit code", ours, base, r -> Integer.toString(r.workerExit()), null);
        row("system load average (1 min) at start, end", ours, base,
                r -> fmt(r.loadBefore()) + ", " + fmt(r.loadAfter()), null);
        row("derived data = from-scratch computation", ours, base,
                r -> (r.check().passed() ? "PASS" : "FAIL") + " (" + r.check().rowsRead() + " rows)", null);
        out.println();
        routes(ours, base, unit);
        inFlight(ours);
        if (ours.server() != null) {
            serverTimes(ours, unit);
        }
        problems(ours);
        if (base != null) {
            problems(base);
        }
        out.flush();
    }

    private interface Cell {
        String of(RunResult r);
    }

    private interface Ratio {
        String of(RunResult ours, RunResult base);
    }

    private void row(String name, RunResult ours, RunResult base, Cell cell, Ratio ratio) {
        StringBuilder line = new StringBuilder("| " + name + " | " + cell.of(ours));
        if (base != null) {
            line.append(" | ").append(cell.of(base)).append(" | ").append(ratio == null ? "" : ratio.of(ours, base));
        }
        out.println(line.append(" |"));
    }

    private void routes(RunResult ours, RunResult base, String unit) {
        out.println("Requests by method and route, counted by the worker's own client (a status other than 2xx in "
                + "brackets):");
        out.println();
        out.println("| route | " + ours.profile().name() + " | per " + unit
                + (base == null || base.requests() == null ? "" : " | " + base.profile().name() + " | per " + unit) + " |");
        out.println("|---|---:|---:" + (base == null || base.requests() == null ? "" : "|---:|---:") + "|");
        TreeSet<String> routes = new TreeSet<>(ours.requests().byRoute().keySet());
        if (base != null && base.requests() != null) {
            routes.addAll(base.requests().byRoute().keySet());
        }
        for (String route : routes) {
            StringBuilder line = new StringBuilder("| " + route + " | " + ours.requests().get(route) + " | "
                    + fmt((double) ours.requests().get(route) / ours.changes()));
            if (base != null && base.requests() != null) {
                line.append(" | ").append(base.requests().get(route)).append(" | ")
                        .append(fmt((double) base.requests().get(route) / base.changes()));
            }
            out.println(line.append(" |"));
        }
        out.println();
    }

    private void inFlight(RunResult r) {
        if (r.inFlight() == null || r.inFlight().isEmpty()) {
            return;
        }
        out.println("Requests in flight by phase (" + r.profile().name() + ", its own client's timings; the mean while "
                + "the phase had any in flight, at most qvarn.threads = " + r.profile().threads() + "):");
        out.println();
        out.println("| phase | requests | busy s (sum of durations) | active s (any in flight) | mean in flight |");
        out.println("|---|---:|---:|---:|---:|");
        r.inFlight().forEach(row -> out.println("| " + row.phase().label + " | " + row.requests() + " | "
                + fmt(row.busySeconds()) + " | " + fmt(row.activeSeconds()) + " | " + fmt(row.mean()) + " |"));
        out.println();
    }

    private void serverTimes(RunResult r, String unit) {
        AccessLog.ServerTimes server = r.server();
        out.println("The server's time by route, from its access log (" + server.requests() + " lines"
                + (server.unparsed() == 0 ? "" : ", " + server.unparsed() + " not understood") + "):");
        out.println();
        out.println("| route | requests | per " + unit + " | server ms, mean | server s, sum |");
        out.println("|---|---:|---:|---:|---:|");
        server.byRoute().forEach((route, v) -> out.println("| " + route + " | " + v[0] + " | "
                + fmt((double) v[0] / r.changes()) + " | " + fmt((double) v[1] / v[0]) + " | " + fmt(v[1] / 1e3) + " |"));
        out.println();
    }

    private void problems(RunResult r) {
        if (r.check().passed() && r.workerExit() == 0) {
            return;
        }
        out.println("FAIL in the " + r.profile().name() + " " + r.mode() + " run: worker exit code " + r.workerExit()
                + ", " + r.check().problemCount() + " problems in the derived data" + (r.check().problems().isEmpty()
                ? "" : "; the first:"));
        r.check().problems().forEach(p -> out.println("- " + p));
        out.println();
    }

    /**
     * The summary: this run against the targets. The original's figures come from {@code bench --side-by-side}
     * only, which runs it beside this worker on the same Qvarn; none is quoted from another machine.
     */
    void summary(List<RunResult[]> runs) {
        boolean model = options.qvarnUrl() == null && options.latencyModel() != LatencyPreset.NONE;
        String basis = options.qvarnUrl() != null ? "the given Qvarn" : model ? "the latency MODEL" : "no latency model";
        out.println("## Summary");
        out.println();
        out.println("This run's figures are against " + basis + "; the ratios compare the two configurations of this "
                + "engine in this run. Speed against the original is measured side by side only (bench --side-by-side, "
                + "docs/benchmark.md#side-by-side-with-the-original).");
        out.println();
        out.println("| figure | this run | sequential baseline (this run) | this run / baseline | target | met? |");
        out.println("|---|---:|---:|---:|---|---|");
        for (RunResult[] pair : runs) {
            RunResult r = pair[0];
            RunResult b = pair[1];
            switch (r.mode()) {
                case incremental -> {
                    summaryRow("incremental: HTTP requests per source change", r.requestsPerChange(),
                            b == null ? Double.NaN : b.requestsPerChange(), "<= " + fmt(TARGET_INCREMENTAL_REQUESTS),
                            met(r.requestsPerChange() <= TARGET_INCREMENTAL_REQUESTS, !Double.isNaN(r.requestsPerChange())));
                    summaryRow("incremental: worker CPU per change beyond start-up (ms)", r.workCpuMillisPerChange(),
                            b == null ? Double.NaN : b.workCpuMillisPerChange(), "", "");
                    summaryRow("incremental: source changes/s", r.perSecond(), b == null ? Double.NaN : b.perSecond(),
                            ">= 4x the original, side by side", "");
                }
                case mixed -> summaryRow("mixed: HTTP requests per source change", r.requestsPerChange(),
                        b == null ? Double.NaN : b.requestsPerChange(), "<= " + fmt(TARGET_MIXED_REQUESTS),
                        met(r.requestsPerChange() <= TARGET_MIXED_REQUESTS, !Double.isNaN(r.requestsPerChange())));
                case resync -> {
                    summaryRow("resync: HTTP requests per source resource", r.requestsPerChange(),
                            b == null ? Double.NaN : b.requestsPerChange(), "<= " + fmt(TARGET_RESYNC_REQUESTS),
                            met(r.requestsPerChange() <= TARGET_RESYNC_REQUESTS, !Double.isNaN(r.requestsPerChange())));
                    summaryRow("resync: source resources/s", r.perSecond(), b == null ? Double.NaN : b.perSecond(),
                            ">= 16x the original, side by side", "");
                    boolean bigEnough = r.changes() >= MEMORY_TARGET_SOURCES
                            && Runtime.getRuntime().maxMemory() <= MEMORY_TARGET_HEAP + (16L << 20);
                    out.println("| resync of 100,000 sources with -Xmx256m: peak heap (MB) | " + mb(r.peakHeapBytes())
                            + " | | | completes, PASS | " + (bigEnough ? (r.passed() ? "yes" : "no")
                            : "not measured (needs --sources 100000 and -Xmx256m)") + " |");
                }
                case latency -> {
                    double p95 = r.latency().quantileSeconds(0.95);
                    double limit = options.pollInterval().toMillis() / 1e3 + 1;
                    out.println("| -f latency at " + fmt(options.rate()) + " changes/s: p95 write-to-visible (s) | "
                            + seconds(p95) + " | | | <= poll interval + 1 s = " + seconds(limit) + " | "
                            + met(p95 <= limit, model || options.qvarnUrl() != null) + " |");
                }
                default -> throw new IllegalStateException(r.mode().toString());
            }
        }
        out.println();
        out.flush();
    }

    private void summaryRow(String name, double ours, double base, String target, String met) {
        out.println("| " + name + " | " + fmt(ours) + " | " + fmt(base) + " | "
                + (Double.isNaN(base) ? "" : ratio(ours / base)) + " | " + target + " | " + met + " |");
    }

    private static String met(boolean met, boolean comparable) {
        return !comparable ? "n/a" : met ? "yes" : "no";
    }

    void verdict(List<RunResult> all) {
        List<String> failed = new ArrayList<>();
        for (RunResult r : all) {
            if (r.latency() != null && r.latency().observed() < r.latency().written()) {
                out.println("WARNING: in the " + r.profile().name() + " latency run " + (r.latency().written()
                        - r.latency().observed()) + " of " + r.latency().written() + " reports were not visible within "
                        + (long) r.latency().waitedSeconds() + " s after the writing ended; a one-shot run finished "
                        + "them before the correctness check.");
            }
            if (!r.passed()) {
                failed.add(r.profile().name() + " " + r.mode());
            }
        }
        out.println(failed.isEmpty() ? "RESULT: PASS (derived data equals a from-scratch computation in every run)"
                : "RESULT: FAIL (" + String.join(", ", failed) + ")");
        out.flush();
    }

    /** The system's 1-minute load average, NaN where the platform does not tell. */
    static double loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? Double.NaN : load;
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
    }

    static String seconds(double v) {
        return Double.isInfinite(v) ? "not seen" : Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }

    static String ratio(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "n/a" : String.format(Locale.ROOT, "%.2fx", v);
    }

    static long mb(long bytes) {
        return Math.round(bytes / (1024.0 * 1024.0));
    }
}
