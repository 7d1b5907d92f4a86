package org.qvarnmr.camel.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.qvarnmr.camel.binding.BindingsLoader;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.binding.RequiredScopes;
import org.qvarnmr.camel.config.ConfigSource;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.runtime.ContextMain;
import org.qvarnmr.camel.runtime.QvarnOutage;
import org.qvarnmr.camel.runtime.WorkerRuntime;
import org.qvarnmr.camel.worker.CamelHandlerResolver;
import org.qvarnmr.camel.worker.QvarnMr;

/**
 * The set-up of the commands that drive the worker's engine directly, without its routes ({@code replay},
 * {@code reconcile}, {@code verify}): Camel Main configured from CONFIG as for the worker (so {@code bean:}
 * handlers find the beans it binds), the bindings, the settings, and the worker's own assembly. A command
 * runs no routes: the operator's YAML routes need the running worker's beans and placeholders.
 */
final class DirectWorker implements AutoCloseable {
    private final Main main;
    private final HandlerBindings bindings;
    private final WorkerSettings settings;

    private DirectWorker(Main main, HandlerBindings bindings, WorkerSettings settings) {
        this.main = main;
        this.bindings = bindings;
        this.settings = settings;
    }

    /** Configures Camel from {@code config} and loads the bindings (exit 2 on a mistake in either). */
    static DirectWorker load(Path handlers, Path config) {
        CamelContext camel = WorkerRuntime.newContext();
        Map<String, ConfigSource.Value> values = ConfigSource.load(config, System.getenv(), System.getProperties());
        Properties camelProperties = new Properties();
        camelProperties.putAll(WorkerSettings.from(values, List.of()).operations().camelProperties());
        camelProperties.setProperty("camel.main.routes-collector-enabled", "false");
        Main main = ContextMain.of(camel, camelProperties);
        ContextMain.init(main);
        try {
            HandlerBindings bindings = BindingsLoader.forSettings(CamelHandlerResolver.of(camel), values).load(handlers);
            return new DirectWorker(main, bindings, WorkerSettings.from(values, RequiredScopes.of(bindings)));
        } catch (RuntimeException e) {
            main.stop();
            throw e;
        }
    }

    HandlerBindings bindings() {
        return bindings;
    }

    WorkerSettings settings() {
        return settings;
    }

    /** Starts Camel (expression handlers evaluate against the context) and builds the worker, routes left out. */
    QvarnMr build() {
        ContextMain.start(main);
        return QvarnMr.builder(bindings, settings).forever(false).host(QvarnMr.Host.CAMEL_MAIN)
                .camel(main.getCamelContext()).build();
    }

    /**
     * Runs a start-up step as the one-shot worker does: a passing Qvarn outage is waited out for
     * {@code qvarnmr.startup-timeout}, then {@code cannot reach Qvarn at URL: ...} and exit 3.
     */
    void riding(Runnable step) throws InterruptedException {
        QvarnOutage.atStartup(settings, false, new CountDownLatch(1), System.nanoTime()).ride(step);
    }

    @Override
    public void close() {
        main.stop();
    }
}
