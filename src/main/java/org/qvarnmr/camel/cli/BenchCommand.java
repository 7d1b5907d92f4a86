package org.qvarnmr.camel.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.qvarnmr.camel.bench.BenchMode;
import org.qvarnmr.camel.bench.BenchOptions;
import org.qvarnmr.camel.bench.BenchRunner;
import org.qvarnmr.camel.bench.LatencyPreset;
import org.qvarnmr.camel.bench.SideBySideOptions;
import org.qvarnmr.camel.qvarn.client.Secret;
import org.qvarnmr.camel.runtime.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code bench}: the end-to-end benchmark of issue 6. Measures incremental processing, a full resync and
 * {@code -f} latency on the README's bindings, against a fresh embedded Qvarn with a latency model (or a
 * Qvarn given by URL), beside the same engine run sequentially; every run ends by checking the derived
 * data against a from-scratch computation. See docs/benchmark.md.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark the worker end to end: incremental, resync and -f latency, with a sequential "
                + "baseline; exits 1 when the derived data is wrong in any run.",
                "The default target is an embedded Qvarn whose latency preset is a MODEL of a measured "
                        + "Qvarn 0.82 on PostgreSQL, not a real Qvarn."},
        exitCodeListHeading = ExitCodeHelp.HEADING,
        exitCodeList = {"0:Every run's derived data was right.", "1:The derived data was wrong in some run.",
                "2:Invalid options."})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--sources", defaultValue = "1000", paramLabel = "N",
            description = "Source resources: 10%% orgs, 90%% reports (default: ${DEFAULT-VALUE}).")
    private int sources;

    @Option(names = "--mode", defaultValue = "all", paramLabel = "MODE",
            description = "Incremental, mixed (creates, value changes, key moves, deletes), resync, latency or all "
                    + "(default: ${DEFAULT-VALUE}).")
    private BenchMode mode;

    @Option(names = "--qvarn-url", paramLabel = "URL",
            description = "Measure against this Qvarn (empty of the benchmark's types) instead of an embedded one.")
    private URI qvarnUrl;

    @Option(names = {"-c", "--config"}, paramLabel = "CONFIG",
            description = "The worker configuration whose credentials are used with --qvarn-url.")
    private Path config;

    @Option(names = "--client-id", paramLabel = "ID",
            description = "With --qvarn-url: the OAuth2 client of the worker and the benchmark (token from "
                    + "{URL}/auth/token unless the configuration names another).")
    private String clientId;

    @Option(names = "--client-secret", paramLabel = "SECRET",
            description = "With --client-id: its secret (or set QVARNMR_BENCH_CLIENT_SECRET).")
    private String clientSecret;

    @Option(names = "--access-log", paramLabel = "FILE",
            description = "With --qvarn-url: the real Qvarn's access.log (METHOD URI STATUS MSms per line); adds the "
                    + "server's time per route.")
    private Path accessLog;

    @Option(names = "--latency-model", defaultValue = "qvarn-0.82-postgres", paramLabel = "MODEL",
            converter = PresetConverter.class,
            description = "The embedded server's latency: qvarn-0.82-postgres (calibrated), qvarn-0.82-postgres-old "
                    + "or none (default: ${DEFAULT-VALUE}).")
    private LatencyPreset latencyModel;

    @Option(names = "--threads", defaultValue = "8", paramLabel = "N",
            description = "The qvarn.threads of the run under test (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--batch-size", defaultValue = "1000", paramLabel = "N",
            description = "The qvarnmr.batch-size of the run under test (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--rate", defaultValue = "20", paramLabel = "N",
            description = "Latency mode: reports written per second (default: ${DEFAULT-VALUE}).")
    private double rate;

    @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Latency mode: how long reports are written, e.g. 30s, 2m (default: ${DEFAULT-VALUE}).")
    private Duration duration;

    @Option(names = "--poll-interval", defaultValue = "0.5s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "The qvarnmr.poll-interval of the worker (default: ${DEFAULT-VALUE}).")
    private Duration pollInterval;

    @Option(names = "--baseline", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also run the sequential baseline (qvarn.threads=1, qvarnmr.batch-size=1) for incremental "
                    + "and resync (default: on; --no-baseline skips it).")
    private boolean baseline;

    @Option(names = "--resource-types", defaultValue = "config/resource-types", paramLabel = "DIR",
            description = "The embedded server's types (a bundled copy if missing; default: ${DEFAULT-VALUE}).")
    private Path resourceTypes;

    @Option(names = "--handlers", defaultValue = "config/handlers.yaml", paramLabel = "HANDLERS.yaml",
            description = "The README bindings (a bundled copy if missing; default: ${DEFAULT-VALUE}).")
    private Path handlers;

    @Option(names = "--side-by-side", description = "Run the original qvarn-mr (--original) and this worker (--jar) "
            + "alternately on the real Qvarn of --qvarn-kit, each a fresh process on a freshly reset Qvarn, after "
            + "measuring the server's capacity per request kind (docs/benchmark.md#side-by-side-with-the-original).")
    private boolean sideBySide;

    @Option(names = "--original", paramLabel = "DIR", description = "With --side-by-side: the original worker's "
            + "folder (its worker.sh).")
    private Path original;

    @Option(names = "--qvarn-kit", paramLabel = "DIR", description = "With --side-by-side: the real Qvarn test kit's "
            + "folder; its reset.sh runs before every run with this command's QVARN_PORT and QVARN_PG_PORT.")
    private Path qvarnKit;

    @Option(names = "--jar", defaultValue = "target/qvarnmr-camel.jar", paramLabel = "FILE",
            description = "With --side-by-side: this worker's jar, run as java -jar (default: ${DEFAULT-VALUE}).")
    private Path jar;

    @Option(names = "--launcher", paramLabel = "FILE", description = "With --side-by-side: run this worker through "
            + "this launcher (scripts/qvarnmr, given the jar as QVARNMR_JAR) instead of java -jar.")
    private Path launcher;

    @Option(names = "--runs", defaultValue = "3", paramLabel = "N",
            description = "With --side-by-side: measured runs of each worker (default: ${DEFAULT-VALUE}).")
    private int runs;

    @Option(names = "--capacity-requests", defaultValue = "200", paramLabel = "N",
            description = "With --side-by-side: most requests per capacity cell, 0 skips the probe "
                    + "(default: ${DEFAULT-VALUE}).")
    private int capacityRequests;

    @Option(names = "--capacity-time", defaultValue = "10s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "With --side-by-side: most time per capacity cell (default: ${DEFAULT-VALUE}).")
    private Duration capacityTime;

    @Option(names = "--run-timeout", defaultValue = "30m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "With --side-by-side: most time one worker process may take (default: ${DEFAULT-VALUE}).")
    private Duration runTimeout;

    @Override
    public Integer call() throws Exception {
        BenchOptions options;
        SideBySideOptions side;
        try {
            options = new BenchOptions(sources, mode, qvarnUrl, config, latencyModel, threads, batchSize, rate,
                    duration, pollInterval, baseline, resourceTypes, handlers, clientId,
                    secret(), accessLog);
            side = sideBySide ? sideBySideOptions(options) : null;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try {
            return new BenchRunner(options, side, spec.commandLine().getOut()).run();
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("bench: " + e.getMessage());
            return ExitCodes.INVALID;
        }
    }

    private SideBySideOptions sideBySideOptions(BenchOptions options) {
        if (options.qvarnUrl() == null || options.accessLog() == null || options.mode() == BenchMode.latency) {
            throw new IllegalArgumentException("--side-by-side needs --qvarn-url, --client-id and --access-log of the "
                    + "real Qvarn, and --mode incremental, mixed or resync");
        }
        return new SideBySideOptions(original, qvarnKit, jar, launcher, runs, capacityRequests, capacityTime, runTimeout);
    }

    /** The option, else the environment (which keeps the secret out of the process list), else none. */
    private Secret secret() {
        String value = clientSecret != null ? clientSecret : System.getenv("QVARNMR_BENCH_CLIENT_SECRET");
        return value == null || clientId == null ? null : Secret.of(value);
    }

    /** {@code none} or {@code qvarn-0.82-postgres}. */
    static final class PresetConverter implements ITypeConverter<LatencyPreset> {
        @Override
        public LatencyPreset convert(String value) {
            try {
                return LatencyPreset.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** Seconds ({@code 30}, {@code 0.5}) or with a unit: {@code 500ms}, {@code 30s}, {@code 2m}. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)?");

        @Override
        public Duration convert(String value) {
            Matcher m = FORM.matcher(value.strip().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new TypeConversionException("expected a duration such as 30s, 500ms or 2m, got '" + value + "'");
            }
            double n = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            double millis = switch (unit) {
                case "ms" -> n;
                case "m" -> n * 60_000;
                default -> n * 1000;
            };
            return Duration.ofMillis(Math.round(millis));
        }
    }
}
