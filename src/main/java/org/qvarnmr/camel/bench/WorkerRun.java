package org.qvarnmr.camel.bench;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.qvarnmr.camel.binding.BindingsLoader;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.binding.RequiredScopes;
import org.qvarnmr.camel.config.ConfigSource;
import org.qvarnmr.camel.config.Settings;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.runtime.WorkerRuntime;
import org.qvarnmr.camel.worker.CamelHandlerResolver;

/** Builds a worker on the benchmark's bindings and settings, as the command line would, and runs it. */
final class WorkerRun {
    static final String INSTANCE = "bench";

    private final String bindingsYaml;
    private final String bindingsName;
    private final Map<String, ConfigSource.Value> baseValues;
    private final PrintStream out;

    /**
     * @param baseValues settings from a configuration file (credentials of a remote Qvarn), or empty;
     *                   the benchmark's own settings override them
     */
    WorkerRun(String bindingsYaml, String bindingsName, Map<String, ConfigSource.Value> baseValues, PrintStream out) {
        this.bindingsYaml = bindingsYaml;
        this.bindingsName = bindingsName;
        this.baseValues = Map.copyOf(baseValues);
        this.out = out;
    }

    /**
     * A worker ready to {@code run(forever)}; each needs a fresh Camel context, so each run builds one. Its
     * own client counts its requests into {@code requests}.
     */
    WorkerRuntime runtime(URI baseUrl, EngineProfile profile, Duration pollInterval, WorkerRequests requests) {
        CamelContext camel = WorkerRuntime.newContext();
        requests.bindTo(camel);
        HandlerBindings bindings = new BindingsLoader(CamelHandlerResolver.of(camel)).parse(bindingsYaml, bindingsName);
        Map<String, ConfigSource.Value> values = new HashMap<>(baseValues);
        put(values, Settings.BASE_URL.name(), baseUrl.toString());
        put(values, Settings.INSTANCE.name(), INSTANCE);
        put(values, Settings.THREADS.name(), Integer.toString(profile.threads()));
        put(values, Settings.BATCH_SIZE.name(), Integer.toString(profile.batchSize()));
        put(values, Settings.POLL_INTERVAL.name(), pollInterval.toMillis() + "ms");
        put(values, Settings.DEAD_LETTER_URI.name(), "log:qvarnmr-bench-dead-letters?level=ERROR");
        WorkerSettings settings = WorkerSettings.from(values, RequiredScopes.of(bindings));
        return new WorkerRuntime(camel, bindings, settings, out);
    }

    /** One one-shot run: the worker's exit code, the requests its own client counted and their phases. */
    record Outcome(int exit, RequestCounts requests, List<InFlight.Row> inFlight) {
    }

    Outcome runOnce(URI baseUrl, EngineProfile profile, Duration pollInterval) throws Exception {
        WorkerRequests requests = new WorkerRequests(true);
        int exit = runtime(baseUrl, profile, pollInterval, requests).run(false);
        return new Outcome(exit, requests.snapshot(), requests.inFlight());
    }

    private static void put(Map<String, ConfigSource.Value> values, String key, String value) {
        values.put(key, new ConfigSource.Value(value, "bench"));
    }
}
