package org.qvarnmr.camel.worker;

import java.util.ArrayList;
import java.util.List;
import org.qvarnmr.camel.config.ConfigException;
import org.qvarnmr.camel.config.OperationsSettings;
import org.qvarnmr.camel.config.Settings;
import org.qvarnmr.camel.config.WorkerSettings;

/**
 * The settings only some runners can honour, refused elsewhere with a message instead of being ignored:
 * the management server and {@code camel.*} keys belong to Camel Main ({@code java -jar}); a standby
 * needs a runner that waits (Camel Main or Karaf's start-up retry).
 */
final class HostedSettings {
    private HostedSettings() {
    }

    static void check(WorkerSettings settings, QvarnMr.Host host) {
        OperationsSettings ops = settings.operations();
        List<String> refused = new ArrayList<>();
        if (host != QvarnMr.Host.CAMEL_MAIN) {
            if (Boolean.TRUE.equals(ops.management())) {
                refused.add(Settings.MANAGEMENT_ENABLED.name() + "=yes");
            }
            if (!ops.managementHost().equals(Settings.MANAGEMENT_HOST.defaultValue())) {
                refused.add(Settings.MANAGEMENT_HOST.name());
            }
            if (!Integer.toString(ops.managementPort()).equals(Settings.MANAGEMENT_PORT.defaultValue())) {
                refused.add(Settings.MANAGEMENT_PORT.name());
            }
            ops.camelProperties().keySet().stream().filter(k -> k.startsWith("camel.")).sorted().forEach(refused::add);
        }
        if (!refused.isEmpty()) {
            throw new ConfigException(String.join(", ", refused) + ": not supported "
                    + (host == QvarnMr.Host.KARAF ? "under Karaf" : "in an embedded worker")
                    + ": the management server and camel.* keys are Camel Main's (java -jar); here the CamelContext's "
                    + "owner configures Camel, and the worker's health check is in its health registry. Remove them.");
        }
        if (host == QvarnMr.Host.EMBEDDED && ops.standby()) {
            throw new ConfigException(Settings.STANDBY.name() + "=yes: not supported in an embedded worker, which "
                    + "does not wait: start() throws OwnedElsewhereException while another worker is alive; catch it "
                    + "and retry, or run the worker with java -jar or under Karaf");
        }
    }
}
