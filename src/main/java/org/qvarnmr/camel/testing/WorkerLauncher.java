package org.qvarnmr.camel.testing;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.qvarnmr.camel.binding.BindingsLoader;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.binding.RequiredScopes;
import org.qvarnmr.camel.config.ConfigSource;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.runtime.WorkerRuntime;
import org.qvarnmr.camel.worker.CamelHandlerResolver;

/**
 * What the harness's next run is made of: the bindings, the settings and the beans. Immutable: the
 * harness's {@code set}, {@code bindings} and {@code bind} replace it with a changed copy.
 */
record WorkerLauncher(BindingsSource bindings, Map<String, String> settings, Map<String, Object> beans) {
    WorkerLauncher {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        beans = Collections.unmodifiableMap(new LinkedHashMap<>(beans));
    }

    WorkerLauncher with(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(settings);
        changed.put(name, value);
        return new WorkerLauncher(bindings, changed, beans);
    }

    WorkerLauncher withBindings(BindingsSource source) {
        return new WorkerLauncher(source, settings, beans);
    }

    WorkerLauncher withBean(String name, Object bean) {
        Map<String, Object> changed = new LinkedHashMap<>(beans);
        changed.put(name, bean);
        return new WorkerLauncher(bindings, settings, changed);
    }

    /** The settings a run would use: these, with {@code name=value} overrides. */
    WorkerSettings settings(HandlerBindings handlerBindings, String... overrides) {
        return WorkerSettings.from(values(overrides), RequiredScopes.of(handlerBindings));
    }

    /**
     * A worker for one run, not started: a new Camel context with the beans and the settings; the bindings are
     * loaded once Camel Main has configured the context (its YAML routes loaded, so {@code route:} handlers find
     * them), as the command line loads them, and invalid ones throw from the run. {@code output} is told the
     * context and gives the stream the worker prints on.
     */
    WorkerRuntime launch(Function<CamelContext, PrintStream> output, String... overrides) {
        CamelContext camel = WorkerRuntime.newContext();
        beans.forEach(camel.getRegistry()::bind);
        Map<String, ConfigSource.Value> values = values(overrides);
        return new WorkerRuntime(camel, WorkerSettings.from(values, List.of()), configured -> {
            HandlerBindings handlerBindings;
            try {
                handlerBindings = bindings.load(BindingsLoader.forSettings(CamelHandlerResolver.of(configured), values));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new WorkerRuntime.Configured(handlerBindings, WorkerSettings.from(values, RequiredScopes.of(handlerBindings)));
        }, output.apply(camel));
    }

    private Map<String, ConfigSource.Value> values(String... overrides) {
        Map<String, String> merged = new LinkedHashMap<>(settings);
        for (String s : overrides) {
            putSetting(s, merged);
        }
        Map<String, ConfigSource.Value> values = new LinkedHashMap<>();
        merged.forEach((k, v) -> values.put(k, new ConfigSource.Value(v, "test")));
        return values;
    }

    /** Puts a {@code name=value} setting into {@code into}. */
    static void putSetting(String setting, Map<String, String> into) {
        int eq = setting.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("setting '" + setting + "' must be name=value");
        }
        into.put(setting.substring(0, eq).strip(), setting.substring(eq + 1).strip());
    }
}
