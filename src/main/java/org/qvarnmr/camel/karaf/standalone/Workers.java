package org.qvarnmr.camel.karaf.standalone;

import java.util.ArrayList;
import java.util.Dictionary;
import org.qvarnmr.camel.karaf.ConfigAdminSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qvarnmr.camel.binding.BindingException;
import org.qvarnmr.camel.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running workers, one per configuration PID. A new or changed configuration replaces its worker:
 * the old one stops after its batch in flight and clears ownership before the new one starts.
 */
final class Workers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Workers.class);

    private final ClassLoader bundleLoader;
    private final String karafEtc;
    private final Map<String, StandaloneWorker> running = new LinkedHashMap<>();
    private boolean closed;

    /**
     * @param bundleLoader the bundle's class loader, for the workers' Camel contexts
     * @param karafEtc     the folder relative handler files are read from ({@code karaf.etc}), or null
     */
    Workers(ClassLoader bundleLoader, String karafEtc) {
        this.bundleLoader = bundleLoader;
        this.karafEtc = karafEtc;
    }

    /** Applies a configuration (null: it was deleted): stops the PID's worker, then starts the new one. */
    synchronized void update(String pid, Dictionary<String, ?> properties) {
        remove(pid);
        if (properties == null || closed) { // closed: ConfigAdmin called while the bundle stops
            return;
        }
        ConfigAdminSettings config = ConfigAdminSettings.of(pid, properties, karafEtc);
        if (!config.configured()) {
            LOG.info("qvarnmr: {} sets no qvarn.base-url; no worker runs for it", config.origin());
            return;
        }
        try {
            StandaloneWorker worker = new StandaloneWorker(pid, config, bundleLoader);
            running.put(pid, worker);
            worker.start();
        } catch (ConfigException | BindingException e) {
            // A settings message names the .cfg file already; a bindings message names the bindings file.
            String where = e.getMessage().contains(config.origin()) ? "" : config.origin() + ": ";
            LOG.error("qvarnmr: {}{}\nNo worker runs for this configuration; correct it and save it again.",
                    where, e.getMessage());
        }
    }

    /** Stops the PID's worker, if any: the batch in flight finishes, ownership is cleared. */
    synchronized void remove(String pid) {
        StandaloneWorker worker = running.remove(pid);
        if (worker != null) {
            LOG.info("qvarnmr: stopping worker '{}' ({})", worker.instance(), pid);
            worker.close();
        }
    }

    synchronized List<String> pids() {
        return List.copyOf(running.keySet());
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (String pid : new ArrayList<>(running.keySet())) {
            remove(pid);
        }
    }
}
