package org.qvarnmr.camel.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.qvarnmr.camel.config.OperationsSettings;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.route.KeepAlive;

/**
 * The initial properties of the worker's Camel Main: defaults (routes from {@code routes/*.yaml}, the
 * management server in {@code -f} mode), then the configuration file's {@code camel.*} keys over them,
 * and the placeholders YAML routes may use. Environment variables and system properties still override
 * all of these, as in any Camel Main application. Never holds a secret.
 */
final class MainProperties {
    /** Where operators' YAML routes are read from when the folder exists in the working directory. */
    static final Path ROUTES_DIR = Path.of("routes");

    private MainProperties() {
    }

    /** The routes Camel Main loads by default: {@code routes/*.yaml} when the working directory has the folder. */
    static String defaultRoutesPattern() {
        return Files.isDirectory(ROUTES_DIR) ? "file:" + ROUTES_DIR + "/*.yaml" : null;
    }

    /** @param signature the worker's name in the ownership records */
    static Properties of(WorkerSettings settings, boolean forever, String signature) {
        Properties p = new Properties();
        p.setProperty("camel.main.shutdown-timeout", "30");
        if (defaultRoutesPattern() != null) {
            p.setProperty("camel.main.routes-include-pattern", defaultRoutesPattern());
        }
        OperationsSettings ops = settings.operations();
        if (ops.managementEnabled(forever)) {
            p.setProperty("camel.management.enabled", "true");
            p.setProperty("camel.management.host", ops.managementHost());
            p.setProperty("camel.management.port", Integer.toString(ops.managementPort()));
            p.setProperty("camel.management.health-check-enabled", "true");
            p.setProperty("camel.management.metrics-enabled", "true");
            p.setProperty("camel.metrics.enabled", "true");
        }
        p.putAll(ops.camelProperties());
        // Placeholders for YAML routes: durations in milliseconds, ready for timer periods.
        p.setProperty("qvarnmr.instance", settings.instance());
        p.setProperty("qvarnmr.worker", signature);
        p.setProperty("qvarnmr.dead-letter-uri", settings.deadLetterUri());
        p.setProperty("qvarnmr.keep-alive-period", Long.toString(KeepAlive.periodMillis(settings)));
        p.setProperty("qvarnmr.keep-alive-update-interval-ms",
                Long.toString(settings.keepAliveUpdateInterval().toMillis()));
        p.setProperty("qvarnmr.keep-alive-timeout-ms", Long.toString(settings.keepAliveTimeout().toMillis()));
        p.setProperty("qvarnmr.poll-interval-ms", Long.toString(settings.pollInterval().toMillis()));
        p.setProperty("qvarn.base-url", settings.qvarn().baseUrl().toString());
        return p;
    }
}
