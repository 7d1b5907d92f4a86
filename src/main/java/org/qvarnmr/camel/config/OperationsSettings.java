package org.qvarnmr.camel.config;

import java.time.Duration;
import java.util.Map;

/**
 * How a worker is run and watched: hot standby, Camel's management HTTP server (health and Prometheus
 * metrics), and the configuration file's other keys ({@code camel.*}, placeholders of YAML routes),
 * passed through to Camel Main.
 *
 * @param standby          wait while another worker owns the instance, and take over when it stops
 * @param management       the management server: true, false, or null for "on with -f, off one-shot"
 * @param managementHost   the address it binds
 * @param managementPort   its port
 * @param healthMaxPollAge the health check is DOWN when the last successful poll is older than this
 * @param camelProperties  the configuration file's keys that are not worker settings, for Camel Main
 * @param startupTimeout   how long a one-shot run keeps trying to reach Qvarn at start-up
 * @param healthMaxPassAge the liveness check is DOWN when no pass has begun for this long
 */
public record OperationsSettings(boolean standby, Boolean management, String managementHost, int managementPort,
                                 Duration healthMaxPollAge, Map<String, String> camelProperties,
                                 Duration startupTimeout, Duration healthMaxPassAge) {
    public OperationsSettings {
        camelProperties = Map.copyOf(camelProperties);
    }

    /** Whether the management server runs in this mode. */
    public boolean managementEnabled(boolean forever) {
        return management == null ? forever : management;
    }
}
