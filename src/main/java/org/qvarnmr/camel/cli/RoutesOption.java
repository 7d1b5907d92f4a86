package org.qvarnmr.camel.cli;

import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.qvarnmr.camel.binding.BindingsLoader;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.config.ConfigSource;
import org.qvarnmr.camel.runtime.ContextMain;
import org.qvarnmr.camel.runtime.WorkerRuntime;
import org.qvarnmr.camel.worker.CamelHandlerResolver;
import picocli.CommandLine.Option;

/**
 * {@code --routes PATTERN} of the commands that check a bindings file without a Qvarn ({@code validate},
 * {@code types}): the bindings are loaded once Camel Main has read the YAML routes the worker would, so that a
 * {@code route:} handler whose route does not exist is refused as at the worker's start.
 */
final class RoutesOption {
    @Option(names = "--routes", paramLabel = "PATTERN",
            description = "The YAML routes that route: handlers call, as camel.main.routes-include-pattern "
                    + "(e.g. file:routes/*.yaml,file:extra/*.yaml); default: routes/*.yaml, as the worker loads them.")
    String pattern;

    /** The bindings, checked against the routes; nothing starts. Throws BindingException or ConfigException (exit 2). */
    HandlerBindings load(Path handlers) {
        CamelContext camel = WorkerRuntime.newContext();
        Main main = ContextMain.loadingRoutes(camel, pattern);
        try {
            ContextMain.init(main);
            return BindingsLoader.forSettings(CamelHandlerResolver.of(camel),
                    ConfigSource.load(null, System.getenv(), System.getProperties())).load(handlers);
        } finally {
            main.stop();
        }
    }
}
