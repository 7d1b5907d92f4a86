package org.qvarnmr.camel.bench;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import org.qvarnmr.camel.config.ConfigSource;
import org.qvarnmr.camel.config.Settings;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.qvarn.client.QvarnClientSettings;
import org.qvarnmr.camel.qvarn.client.Secret;

/**
 * Runs the chosen modes, each on a fresh Qvarn, with the sequential baseline after each when asked,
 * prints the results and returns the exit code: 0 when every run's derived data equals the from-scratch
 * computation, 1 otherwise. Targets are reported, never enforced.
 */
public final class BenchRunner {
    private final BenchOptions options;
    private final PrintWriter out;
    private final SideBySideOptions sideBySide;

    public BenchRunner(BenchOptions options, PrintWriter out) {
        this(options, null, out);
    }

    /** With {@code sideBySide} (else null): the original and this worker on the real Qvarn, see {@link SideBySide}. */
    public BenchRunner(BenchOptions options, SideBySideOptions sideBySide, PrintWriter out) {
        this.options = options;
        this.sideBySide = sideBySide;
        this.out = out;
    }

    public int run() throws Exception {
        String bindingsName = options.handlers() != null && Files.isRegularFile(options.handlers())
                ? options.handlers().toString() : "handlers.yaml (bundled)";
        String bindings = options.handlers() != null && Files.isRegularFile(options.handlers())
                ? Files.readString(options.handlers(), StandardCharsets.UTF_8) : BenchTarget.bundled("demo/handlers.yaml");
        Map<String, ConfigSource.Value> config = new HashMap<>(options.config() == null ? Map.of()
                : ConfigSource.load(options.config(), System.getenv(), new Properties()));
        if (options.clientId() != null) {
            config.put(Settings.CLIENT_ID.name(), new ConfigSource.Value(options.clientId(), "--client-id"));
            config.put(Settings.CLIENT_SECRET.name(),
                    new ConfigSource.Value(options.clientSecret().reveal(), "--client-secret"));
        }
        if (sideBySide != null) {
            ConfigSource.Value id = config.get(Settings.CLIENT_ID.name());
            ConfigSource.Value secret = config.get(Settings.CLIENT_SECRET.name());
            return new SideBySide(options, sideBySide, clientSettings(config), id == null ? null : id.value(),
                    secret == null ? null : Secret.of(secret.value()), out).run();
        }
        PrintStream workerOut = new PrintStream(new LineOutputStream(out), true, StandardCharsets.UTF_8);
        WorkerRun worker = new WorkerRun(bindings, bindingsName, options.qvarnUrl() == null ? Map.of() : config, workerOut);
        Function<URI, QvarnClientSettings> clients = clientSettings(config);
        Measurements.TargetFactory targets = () -> options.qvarnUrl() == null
                ? BenchTarget.embedded(options.resourceTypes(), options.latencyModel())
                : BenchTarget.remote(options.qvarnUrl(), clients.apply(options.qvarnUrl()));
        Measurements oneShot = new Measurements(options, worker, targets, clients);
        LatencyRun latency = new LatencyRun(options, worker, targets, clients);

        Report report = new Report(out, options);
        report.header(bindingsName);
        EngineProfile ours = EngineProfile.concurrent(options.threads(), options.batchSize());
        List<RunResult[]> pairs = new ArrayList<>();
        List<RunResult> all = new ArrayList<>();
        for (BenchMode mode : options.modes()) {
            RunResult result = run(mode, ours, oneShot, latency);
            RunResult base = options.baseline() && mode != BenchMode.latency
                    ? run(mode, EngineProfile.sequential(), oneShot, latency) : null;
            report.mode(result, base);
            pairs.add(new RunResult[] {result, base});
            all.add(result);
            if (base != null) {
                all.add(base);
            }
        }
        report.summary(pairs);
        report.verdict(all);
        return all.stream().allMatch(RunResult::passed) ? 0 : 1;
    }

    private static RunResult run(BenchMode mode, EngineProfile profile, Measurements oneShot, LatencyRun latency)
            throws Exception {
        return switch (mode) {
            case incremental -> oneShot.incremental(profile);
            case mixed -> oneShot.mixed(profile);
            case resync -> oneShot.resync(profile);
            case latency -> latency.run(profile);
            case all -> throw new IllegalArgumentException("'all' is not one mode");
        };
    }

    /**
     * The benchmark's own clients (writer, observer, checker): no authentication on the embedded server;
     * against a Qvarn given by URL, the configuration file's credentials, with the worker's scopes plus
     * those for writing and reading the workload's types.
     */
    private Function<URI, QvarnClientSettings> clientSettings(Map<String, ConfigSource.Value> config) {
        if (options.qvarnUrl() == null || config.isEmpty()) {
            return QvarnClientSettings::of;
        }
        Map<String, ConfigSource.Value> values = new HashMap<>(config);
        values.put(Settings.BASE_URL.name(), new ConfigSource.Value(options.qvarnUrl().toString(), "--qvarn-url"));
        values.putIfAbsent(Settings.INSTANCE.name(), new ConfigSource.Value(WorkerRun.INSTANCE, "bench"));
        Set<String> scopes = new LinkedHashSet<>();
        for (String type : BenchTarget.TYPES) {
            for (String suffix : List.of("get", "post", "id_get", "id_put", "id_delete", "search_id_get")) {
                scopes.add("uapi_" + type + "_" + suffix);
            }
        }
        QvarnClientSettings settings = WorkerSettings.from(values, scopes).qvarn();
        return base -> settings;
    }
}
