package org.qvarnmr.camel.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.qvarnmr.camel.qvarn.client.Secret;

/**
 * The benchmark's settings, checked.
 *
 * @param qvarnUrl      a Qvarn to measure against, or null for a fresh embedded one per run
 * @param config        a worker configuration file whose credentials are used with {@code qvarnUrl}, or null
 * @param resourceTypes the embedded server's types (the bundled copy when the folder is missing)
 * @param handlers      the bindings (the bundled copy when the file is missing)
 * @param clientId      with {@code qvarnUrl}: the OAuth2 client (overrides the configuration file's), or null
 * @param clientSecret  its secret, or null
 * @param accessLog     a real Qvarn's access log to read the server's time per route from, or null
 */
public record BenchOptions(int sources, BenchMode mode, URI qvarnUrl, Path config, LatencyPreset latencyModel,
                           int threads, int batchSize, double rate, Duration duration, Duration pollInterval,
                           boolean baseline, Path resourceTypes, Path handlers,
                           String clientId, Secret clientSecret, Path accessLog) {
    /** Longest latency phase accepted: loops stay bounded. */
    static final Duration MAX_DURATION = Duration.ofMinutes(10);

    public BenchOptions {
        if (sources < 2) {
            throw new IllegalArgumentException("--sources must be at least 2 (one org and one report), got " + sources);
        }
        if (threads < 1 || batchSize < 1) {
            throw new IllegalArgumentException("--threads and --batch-size must be positive");
        }
        if (!(rate > 0 && rate <= 1000)) {
            throw new IllegalArgumentException("--rate must be within (0, 1000] changes/s, got " + rate);
        }
        if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("--duration must be within (0, 10m], got " + duration);
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("--poll-interval must be positive");
        }
        if (qvarnUrl == null && (clientId != null || accessLog != null)) {
            throw new IllegalArgumentException("--client-id, --client-secret and --access-log need --qvarn-url");
        }
        if ((clientId == null) != (clientSecret == null)) {
            throw new IllegalArgumentException("give --client-id and --client-secret together");
        }
        if (qvarnUrl != null && (mode == BenchMode.all || baseline)) {
            throw new IllegalArgumentException("with --qvarn-url every measured run needs its own empty Qvarn: choose "
                    + "one --mode (not all) and add --no-baseline, and start a new server for each run");
        }
    }

    List<BenchMode> modes() {
        return mode == BenchMode.all ? List.of(BenchMode.incremental, BenchMode.mixed, BenchMode.resync,
                BenchMode.latency)
                : List.of(mode);
    }

    /** Reports written in a latency run: rate x duration. */
    int latencyReports() {
        return (int) Math.max(1, Math.round(rate * duration.toMillis() / 1000.0));
    }
}
