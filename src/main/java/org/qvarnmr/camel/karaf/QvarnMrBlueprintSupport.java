package org.qvarnmr.camel.karaf;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.qvarnmr.camel.binding.BindingsLoader;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.binding.RequiredScopes;
import org.qvarnmr.camel.config.ConfigSource;
import org.qvarnmr.camel.config.Setting;
import org.qvarnmr.camel.config.Settings;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.engine.QvarnMrEngine;
import org.qvarnmr.camel.engine.state.OwnedElsewhereException;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnException;
import org.qvarnmr.camel.route.ErrorPolicy;
import org.qvarnmr.camel.route.QvarnMrRouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a worker (forever mode) inside a CamelContext that someone else owns: Karaf's Blueprint container
 * ({@code OSGI-INF/blueprint/qvarnmr-camel.xml}, configured through ConfigAdmin PID {@value #PID}) or
 * any application that embeds the worker. The properties are the keys of {@code application.properties}
 * ({@link Settings}) plus {@value #HANDLERS}; blank values count as unset, so the defaults apply.
 *
 * <p>{@link #start()} loads and validates the bindings and settings at once (a mistake fails the start),
 * then takes ownership of the instance and adds the Java routes in the background, retrying with
 * back-off while Qvarn is unreachable. {@link #close()} stops the routes (the batch in flight finishes)
 * and clears ownership.
 */
public final class QvarnMrBlueprintSupport implements AutoCloseable {
    /** The ConfigAdmin PID: {@code etc/org.qvarnmr.camel.cfg} under Karaf. */
    public static final String PID = "org.qvarnmr.camel";
    /** The handler bindings file; a relative path is resolved against {@code karaf.etc} when it is set. */
    public static final String HANDLERS = "qvarnmr.handlers";
    public static final String DEFAULT_HANDLERS = "qvarnmr-handlers.yaml";

    /** Where the worker stands; see {@link #state()}. */
    public enum State { NEW, NOT_CONFIGURED, STARTING, RUNNING, OWNED_ELSEWHERE, FAILED, STOPPED }

    private static final Logger LOG = LoggerFactory.getLogger(QvarnMrBlueprintSupport.class);

    private final CamelContext camel;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final List<String> routeIds = new ArrayList<>();
    private ScheduledExecutorService starter;
    private QvarnClient client;
    private QvarnMrEngine engine;
    private WorkerSettings settings;
    private Duration backOff;
    private volatile State state = State.NEW;

    /**
     * @param camel      the context the routes are added to; it also compiles {@code expression} handlers,
     *                   finds {@code bean} handlers and loads {@code class} handlers
     * @param properties the settings, e.g. ConfigAdmin's properties of {@value #PID}
     */
    public QvarnMrBlueprintSupport(CamelContext camel, Map<String, ?> properties) {
        this.camel = camel;
        properties.forEach((k, v) -> {
            if (v != null && !v.toString().isBlank()) {
                this.properties.put(k, v.toString().strip());
            }
        });
    }

    /**
     * Validates the bindings and settings (throws {@link org.qvarnmr.camel.binding.BindingException} or
     * {@link org.qvarnmr.camel.config.ConfigException}), then starts the worker in the background. Without
     * {@code qvarn.base-url} it only logs that the worker is not configured.
     */
    public synchronized void start() {
        if (!properties.containsKey(Settings.BASE_URL.name())) {
            state = State.NOT_CONFIGURED;
            LOG.info("qvarnmr: not configured; set {} in etc/{}.cfg to start the worker", Settings.BASE_URL.name(), PID);
            return;
        }
        HandlerBindings bindings = new BindingsLoader(camel).load(handlersFile());
        Map<String, ConfigSource.Value> values = new LinkedHashMap<>();
        properties.forEach((k, v) -> {
            if (!k.equals(HANDLERS)) { // this bundle's own key, read above; not a worker setting
                values.put(k.replace('_', '-'), new ConfigSource.Value(v, "ConfigAdmin " + PID));
            }
        });
        settings = WorkerSettings.from(values, RequiredScopes.of(bindings));
        client = new QvarnClient(settings.qvarn());
        engine = new QvarnMrEngine(client, bindings, settings, signature(), Clock.systemUTC());
        starter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "qvarnmr-start");
            t.setDaemon(true);
            return t;
        });
        state = State.STARTING;
        starter.execute(this::tryStart);
    }

    /** The handler bindings file this worker reads. */
    public Path handlersFile() {
        Path file = Path.of(properties.getOrDefault(HANDLERS, DEFAULT_HANDLERS));
        String etc = System.getProperty("karaf.etc");
        return file.isAbsolute() || etc == null ? file : Path.of(etc).resolve(file);
    }

    public State state() {
        return state;
    }

    /** The engine, once {@link #start()} has built it (null before, or when not configured). */
    public QvarnMrEngine engine() {
        return engine;
    }

    private synchronized void tryStart() {
        if (state != State.STARTING) {
            return;
        }
        try {
            client.authenticate(); // bad credentials or missing scopes fail here, with their names
            engine.start();
            camel.addRoutes(new ErrorPolicy(3, 250));
            List<String> before = camel.getRoutes().stream().map(Route::getRouteId).toList();
            camel.addRoutes(new QvarnMrRouteBuilder(engine, true, this::ownershipLost));
            camel.getRoutes().stream().map(Route::getRouteId).filter(id -> !before.contains(id)).forEach(routeIds::add);
            state = State.RUNNING;
            LOG.info("qvarnmr: worker '{}' running on {} types", settings.instance(), engine.listenedTypes());
        } catch (OwnedElsewhereException e) {
            state = State.OWNED_ELSEWHERE;
            LOG.error("qvarnmr: {}; this worker stays idle: stop the other worker, then restart this bundle",
                    e.getMessage());
        } catch (QvarnException e) {
            if (!e.isRetryable()) {
                fail("Qvarn refused the worker at start-up: " + e.getMessage(), e);
                return;
            }
            backOff = backOff == null ? settings.retryDelay() : min(backOff.multipliedBy(2), settings.retryMaxDelay());
            LOG.warn("qvarnmr: Qvarn unavailable ({}); retrying in {} ms", e.getMessage(), backOff.toMillis());
            starter.schedule(this::tryStart, backOff.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            fail("the worker failed to start: " + e, e);
        }
    }

    private void fail(String message, Exception e) {
        state = State.FAILED;
        LOG.error("qvarnmr: {}", message, e);
    }

    /** Called on the keep-alive route's thread; the routes are removed from another thread. */
    private void ownershipLost(String newOwner) {
        LOG.error("qvarnmr: map/reduce engine is already running on {}; this worker stops", newOwner);
        ScheduledExecutorService s = starter;
        if (s != null && !s.isShutdown()) {
            s.execute(() -> {
                synchronized (this) {
                    removeRoutes();
                    state = State.OWNED_ELSEWHERE;
                }
            });
        }
    }

    /** Newest first: the timer routes stop before the routes they feed, so no exchange finds a route gone. */
    private void removeRoutes() {
        List<String> newestFirst = new ArrayList<>(routeIds);
        Collections.reverse(newestFirst);
        for (String id : newestFirst) {
            try {
                camel.getRouteController().stopRoute(id); // lets the exchange in flight finish
                camel.removeRoute(id);
            } catch (Exception e) {
                LOG.warn("qvarnmr: could not remove route {}: {}", id, e.toString());
            }
        }
        routeIds.clear();
    }

    /** Stops the routes (the batch in flight finishes), clears ownership and closes the client. */
    @Override
    public synchronized void close() {
        state = State.STOPPED;
        if (starter != null) {
            starter.shutdownNow();
        }
        removeRoutes();
        try {
            if (engine != null) {
                engine.close(); // clears ownership (if this worker has it) so another worker may start at once
            }
        } finally {
            if (client != null) {
                client.close();
            }
        }
    }

    /**
     * Who owns the instance, as other workers print it: host/pid, the Camel context and this object, so
     * that two workers in one Karaf never take each other for the owner.
     */
    private String signature() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "/" + ProcessHandle.current().pid() + " karaf:" + camel.getName() + "@"
                + Integer.toHexString(System.identityHashCode(this));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The settings this class reads besides {@link Settings#ALL}. */
    public static List<Setting> extraSettings() {
        return List.of(new Setting(HANDLERS, DEFAULT_HANDLERS,
                "handler bindings file; relative paths are resolved against Karaf's etc folder"));
    }
}
