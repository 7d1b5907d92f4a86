package org.qvarnmr.camel.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnClientSettings;
import org.qvarnmr.camel.qvarn.client.Secret;

/**
 * Issue 22: the original qvarn-mr worker and this one on the same real Qvarn, alternated, each a fresh process
 * on a freshly reset and re-seeded Qvarn with the same workload; the server's capacity per request kind first.
 * Every run is followed by the derived-data check. Exit code 0 when this worker's data was right in every run and
 * the original's was right wherever it has no known defect (it keeps stale reduce rows after a key move, so in
 * the mixed workload its failures are reported as that defect), else 1.
 */
final class SideBySide {
    /** The two workers, in the order each round runs them. */
    enum Worker {
        ORIGINAL("original"), OURS("this worker");

        final String label;

        Worker(String label) {
            this.label = label;
        }
    }

    /** One measured run. */
    record Run(Worker worker, int round, int changes, double wall, int exit, AccessLog.ServerTimes server,
               CpuSplit cpu, DerivedDataCheck.Result check) {
        double requestsPerChange() {
            return (double) server.requests() / changes;
        }
    }

    private static final long RESET_TIMEOUT_SECONDS = 300;
    /** How long the access log may lag the worker's exit: the count is unknown, so it is waited for in full. */
    private static final long LOG_SETTLE_MILLIS = 1_000;

    private final BenchOptions options;
    private final SideBySideOptions side;
    private final Function<URI, QvarnClientSettings> clients;
    private final String clientId;
    private final Secret clientSecret;
    private final PrintWriter out;
    private final Path work;

    SideBySide(BenchOptions options, SideBySideOptions side, Function<URI, QvarnClientSettings> clients,
               String clientId, Secret clientSecret, PrintWriter out) throws IOException {
        this.options = options;
        this.side = side;
        this.clients = clients;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.out = out;
        this.work = Files.createTempDirectory("qvarnmr-side-by-side");
    }

    int run() throws Exception {
        try {
            return compare();
        } finally {
            // the INI files hold the secret; the workers' logs stay for reading
            for (Worker worker : Worker.values()) {
                Files.deleteIfExists(iniFile(worker));
            }
        }
    }

    private Path iniFile(Worker worker) {
        return work.resolve(worker.name().toLowerCase(java.util.Locale.ROOT) + ".ini");
    }

    private int compare() throws Exception {
        BenchMode mode = options.mode();
        Path runDir = options.accessLog().toAbsolutePath().getParent();
        AccessLog log = new AccessLog(options.accessLog());
        Path handlers = handlers();
        int cores = Runtime.getRuntime().availableProcessors();
        out.println("# Side by side: the original qvarn-mr and this worker, " + mode);
        out.println();
        out.println("- date: " + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "; machine: "
                + cores + " cores; system load average (1 min) now: " + Report.fmt(Report.loadAverage()));
        out.println("- Qvarn: " + options.qvarnUrl() + ", reset by " + side.qvarnKit().resolve("reset.sh")
                + " before every run; access log " + options.accessLog());
        out.println("- original: " + side.original().resolve("worker.sh") + " " + handlers + " -c INI (one-shot)");
        out.println("- this worker: " + (side.launcher() == null ? "java -jar " + side.jar()
                : side.launcher() + " (QVARNMR_JAR=" + side.jar() + ")") + " " + handlers + " -c INI (one-shot; qvarn.threads "
                + options.threads() + ", qvarnmr.batch-size " + options.batchSize() + ")"
                + (System.getenv("JDK_JAVA_OPTIONS") == null ? "" : "; JDK_JAVA_OPTIONS=" + System.getenv("JDK_JAVA_OPTIONS")));
        out.println("- workload: " + workloadText(mode) + "; " + side.runs() + " runs of each, alternated");
        out.println("- worker logs: " + work + " (the INI files, which hold the secret, are deleted at the end)");
        out.println();
        out.flush();

        ServerCapacity.Table capacity = null;
        if (side.capacityRequests() > 0) {
            reset();
            try (QvarnClient client = new QvarnClient(clients.apply(options.qvarnUrl()))) {
                capacity = new ServerCapacity(client, options.threads(), side.capacityRequests(),
                        side.capacityTime().toMillis()).measure();
            }
            printCapacity(capacity);
        }

        List<Run> runs = new ArrayList<>();
        for (int round = 1; round <= side.runs(); round++) {
            for (Worker worker : Worker.values()) {
                Run run = measure(mode, worker, round, handlers, runDir, log, cores);
                runs.add(run);
                out.println("- run " + round + ", " + worker.label + ": " + Report.fmt(run.wall()) + " s, exit "
                        + run.exit() + ", " + run.server().requests() + " requests, derived data "
                        + (run.check().passed() ? "PASS" : "FAIL (" + run.check().problemCount() + " problems)"));
                out.flush();
            }
        }
        out.println();
        return new SideBySideReport(out, mode, capacity).print(runs);
    }

    private Run measure(BenchMode mode, Worker worker, int round, Path handlers, Path runDir, AccessLog log, int cores)
            throws Exception {
        reset();
        Path ini = ini(worker).write(iniFile(worker));
        try (QvarnClient client = new QvarnClient(clients.apply(options.qvarnUrl()))) {
            int n = options.sources();
            Workload workload = new Workload();
            int changes = n;
            String name = mode + "-" + round + "-" + worker.name().toLowerCase(java.util.Locale.ROOT);
            switch (mode) {
                case incremental -> {
                    setup(worker, handlers, ini, name);
                    workload.writeOrgs(client, Workload.orgsOf(n), Measurements.SEED_THREADS);
                    workload.writeReports(client, n - Workload.orgsOf(n), Measurements.SEED_THREADS);
                }
                case mixed -> {
                    workload.writeOrgs(client, Workload.orgsOf(n), Measurements.SEED_THREADS);
                    workload.writeReports(client, n - Workload.orgsOf(n), Measurements.SEED_THREADS);
                    setup(worker, handlers, ini, name);
                    changes = workload.writeChanges(client, n, Measurements.SEED_THREADS);
                }
                case resync -> {
                    workload.writeOrgs(client, Workload.orgsOf(n), Measurements.SEED_THREADS);
                    workload.writeReports(client, n - Workload.orgsOf(n), Measurements.SEED_THREADS);
                }
                default -> throw new IllegalArgumentException("side by side runs incremental, mixed or resync, not " + mode);
            }
            long mark = log.mark();
            CpuSplit.Mark before = CpuSplit.mark(runDir);
            int exit = runProcess(command(worker, handlers, ini), work.resolve(name + ".log"));
            CpuSplit.Mark after = CpuSplit.mark(runDir);
            AccessLog.ServerTimes server = log.since(mark, Long.MAX_VALUE, LOG_SETTLE_MILLIS);
            DerivedDataCheck.Result check = new DerivedDataCheck(client, workload).run();
            CpuSplit cpu = CpuSplit.between(before, after, cores);
            return new Run(worker, round, changes, cpu.wall(), exit, server, cpu, check);
        }
    }

    /** The untimed run before the backlog: creates the listeners (and, in mixed, processes the first sources). */
    private void setup(Worker worker, Path handlers, Path ini, String name) throws Exception {
        int exit = runProcess(command(worker, handlers, ini), work.resolve(name + "-setup.log"));
        if (exit != 0) {
            throw new IllegalStateException("the setup run of the " + worker.label + " ended with exit code " + exit
                    + "; see " + work.resolve(name + "-setup.log"));
        }
    }

    WorkerIni ini(Worker worker) {
        Map<String, String> extra = worker == Worker.OURS
                ? Map.of("qvarn.threads", Integer.toString(options.threads()),
                        "qvarnmr.batch_size", Integer.toString(options.batchSize()))
                : Map.of();
        return new WorkerIni(options.qvarnUrl(), clientId, clientSecret, WorkerRun.INSTANCE, extra);
    }

    private List<String> command(Worker worker, Path handlers, Path ini) {
        if (worker == Worker.ORIGINAL) {
            return List.of(side.original().resolve("worker.sh").toString(), handlers.toString(), "-c", ini.toString());
        }
        return side.launcher() == null
                ? List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                        side.jar().toAbsolutePath().toString(), handlers.toString(), "-c", ini.toString())
                : List.of(side.launcher().toAbsolutePath().toString(), handlers.toString(), "-c", ini.toString());
    }

    /** Runs a worker (or the reset) to its end in the work folder, output to {@code logFile}; bounded in time. */
    private int runProcess(List<String> command, Path logFile) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        builder.environment().put("QVARNMR_JAR", side.jar().toAbsolutePath().toString()); // for --launcher
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        if (!process.waitFor(side.runTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException(command.get(0) + " did not end within " + side.runTimeout().toSeconds()
                    + " s (--run-timeout); see " + logFile);
        }
        return process.exitValue();
    }

    /** Empties the Qvarn (its reset.sh) and checks that it came back at the URL the benchmark uses. */
    private void reset() throws Exception {
        Path logFile = work.resolve("reset.log");
        Process process = new ProcessBuilder(side.qvarnKit().resolve("reset.sh").toString())
                .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(RESET_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(side.qvarnKit().resolve("reset.sh") + " failed; see " + logFile);
        }
        String url = output.lines().filter(l -> l.startsWith("base_url=")).map(l -> l.substring(9).strip())
                .findFirst().orElse("");
        if (!URI.create(url).equals(options.qvarnUrl())) {
            throw new IllegalStateException("reset.sh printed base_url=" + url + ", but --qvarn-url is "
                    + options.qvarnUrl() + ": run the benchmark with the QVARN_PORT (and QVARN_PG_PORT) the Qvarn was "
                    + "started with");
        }
    }

    private Path handlers() throws IOException {
        if (options.handlers() != null && Files.isRegularFile(options.handlers())) {
            return options.handlers().toAbsolutePath();
        }
        return Files.writeString(work.resolve("handlers.yaml"), BenchTarget.bundled("demo/handlers.yaml"));
    }

    private String workloadText(BenchMode mode) {
        int n = options.sources();
        int orgs = Workload.orgsOf(n);
        return switch (mode) {
            case incremental -> orgs + " orgs + " + (n - orgs) + " reports created after the listeners, before the run: "
                    + n + " creates";
            case mixed -> orgs + " orgs + " + (n - orgs) + " reports processed first; then a backlog of " + 9 * n / 10
                    + " changes (of " + n + ": 3/10 key moves, 1/5 value changes, 1/10 deletes, 1/10 org renames, "
                    + "1/5 creates)";
            default -> orgs + " orgs + " + (n - orgs) + " reports written before any listener: the run is a full resync";
        };
    }

    private void printCapacity(ServerCapacity.Table capacity) {
        out.println("## The server's capacity (requests/s by concurrency; at most " + side.capacityRequests()
                + " requests or " + side.capacityTime().toSeconds() + " s per cell)");
        out.println();
        List<Integer> levels = ServerCapacity.concurrencies(options.threads());
        StringBuilder head = new StringBuilder("| kind |");
        StringBuilder rule = new StringBuilder("|---|");
        for (int c : levels) {
            head.append(' ').append(c).append(" |");
            rule.append("---:|");
        }
        out.println(head);
        out.println(rule);
        capacity.rates().forEach((kind, byLevel) -> {
            StringBuilder row = new StringBuilder("| " + kind + " |");
            for (int c : levels) {
                row.append(' ').append(Report.fmt(byLevel.getOrDefault(c, Double.NaN))).append(" |");
            }
            out.println(row);
        });
        out.println();
        out.flush();
    }
}
