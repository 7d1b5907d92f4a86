package org.qvarnmr.camel.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.camel.CamelContext;
import org.qvarnmr.camel.binding.BindingsLoader;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.binding.RequiredScopes;
import org.qvarnmr.camel.config.ConfigSource;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.runtime.WorkerRuntime;

/** Loads bindings and configuration, then runs the worker. */
final class WorkerCommand implements Callable<Integer> {
    private final Path handlers;
    private final Path config;
    private final boolean forever;

    WorkerCommand(Path handlers, Path config, boolean forever) {
        this.handlers = handlers;
        this.config = config;
        this.forever = forever;
    }

    @Override
    public Integer call() throws Exception {
        CamelContext camel = WorkerRuntime.newContext();
        HandlerBindings bindings = new BindingsLoader(camel).load(handlers);
        WorkerSettings settings = WorkerSettings.from(
                ConfigSource.load(config, System.getenv(), System.getProperties()), RequiredScopes.of(bindings));
        return new WorkerRuntime(camel, bindings, settings, System.out).run(forever);
    }
}
