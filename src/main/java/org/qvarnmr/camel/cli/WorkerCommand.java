package org.qvarnmr.camel.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.qvarnmr.camel.config.ConfigSource;
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
        return WorkerRuntime.forCommandLine(handlers,
                ConfigSource.load(config, System.getenv(), System.getProperties()), System.out).run(forever);
    }
}
