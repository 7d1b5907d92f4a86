package org.qvarnmr.camel.karaf;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.qvarnmr.camel.binding.BindingsLoader;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.binding.RequiredScopes;
import org.qvarnmr.camel.config.ConfigSource;
import org.qvarnmr.camel.config.Setting;
import org.qvarnmr.camel.config.Settings;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.engine.QvarnMrEngine;
import org.qvarnmr.camel.engine.state.OwnedElsewhereException;
import org.qvarnmr.camel.qvarn.client.QvarnException;
import org.qvarnmr.camel.route.KeepAlive;
import org.qvarnmr.camel.worker.CamelHandlerResolver;
import org.qvarnmr.camel.worker.ProcessIdentity;
import org.qvarnmr.camel.worker.QvarnMr;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a worker (forever mode) inside a CamelContext that someone else owns: Karaf's Blueprint container
 * ({@code OSGI-INF/blueprint/qvarnmr-camel.xml}, configured through ConfigAdmin PID {@value #PID}) or
 * any application that embeds the worker. The properties are the keys of {@code application.properties}
 * ({@link Settings}) plus {@value #HANDLERS}; blank values count as unset, so the defaults apply.
 *
 * <p>The worker is assembled by {@link QvarnMr} like every other runner's ({@link QvarnMr.Host#KARAF}); this
 * class only adds where the settings come from and the start-up retry. {@link #start()} loads and validates
 * the bindings and settings at once (a mistake, or a setting Karaf cannot honour, fails the start), then
 * takes ownership of the instance and adds the routes in the background, retrying with the worker's retry
 * back-off while Qvarn is unreachable, and, with {@code qvarnmr.standby=yes}, while another worker owns
 * the instance. {@link #close()} stops the routes (the batch in flight finishes) and clears ownership.
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
    private ScheduledExecutorService starter;
    private QvarnMr worker;
    private WorkerSettings settings;
    private int startFailures;
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
        Map<String, ConfigSource.Value> values = new LinkedHashMap<>();
        properties.forEach((k, v) -> {
            if (!k.equals(HANDLERS)) { // this bundle's own key, read above; not a worker setting
                values.put(k.replace('_', '-'), new ConfigSource.Value(v, "ConfigAdmin " + PID));
            }
        });
        HandlerBindings bindings = BindingsLoader.forSettings(CamelHandlerResolver.of(camel), values).load(handlersFile());
        settings = WorkerSettings.from(values, RequiredScopes.of(bindings));
        worker = QvarnMr.builder(bindings, settings).host(QvarnMr.Host.KARAF).camel(camel).forever(true).signature(signature())
                .onOwnershipLost(this::ownershipLost).build();
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
        QvarnMr w = worker;
        return w == null ? null : w.engine();
    }

    private synchronized void tryStart() {
        if (state != State.STARTING) {
            return;
        }
        try {
            worker.start(); // bad credentials or missing scopes fail here, with their names
            worker.addTo(camel);
            state = State.RUNNING;
            LOG.info("qvarnmr: worker '{}' running on {} types", settings.instance(), worker.engine().listenedTypes());
        } catch (OwnedElsewhereException e) {
            if (settings.operations().standby()) {
                long period = KeepAlive.periodMillis(settings);
                LOG.info("qvarnmr: standing by: {}; trying again in {} ms", e.getMessage(), period);
                starter.schedule(this::tryStart, period, TimeUnit.MILLISECONDS);
                return;
            }
            state = State.OWNED_ELSEWHERE;
            LOG.error("qvarnmr: {}; this worker stays idle: stop the other worker, then restart this bundle",
                    e.getMessage());
        } catch (QvarnException e) {
            if (!e.isRetryable()) {
                fail("Qvarn refused the worker at start-up: " + e.getMessage(), e);
                return;
            }
            long delay = settings.retry().delay(++startFailures).toMillis();
            LOG.warn("qvarnmr: Qvarn unavailable ({}); retrying in {} ms", e.getMessage(), delay);
            starter.schedule(this::tryStart, delay, TimeUnit.MILLISECONDS);
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
                    worker.removeFrom(camel);
                    state = State.OWNED_ELSEWHERE;
                }
            });
        }
    }

    /** Stops the routes (the batch in flight finishes), clears ownership and closes the client. */
    @Override
    public synchronized void close() {
        state = State.STOPPED;
        if (starter != null) {
            starter.shutdownNow();
        }
        if (worker != null) {
            worker.removeFrom(camel);
            worker.close(); // clears ownership (if this worker has it) so another worker may start at once
        }
    }

    /**
     * Who owns the instance, as other workers print it: host/pid, the Camel context and this object, so
     * that two workers in one Karaf never take each other for the owner.
     */
    private String signature() {
        return ProcessIdentity.current().newSignature() + " karaf:" + camel.getName() + "@" + Integer.toHexString(System.identityHashCode(this));
    }

    /** The settings this class reads besides {@link Settings#ALL}. */
    public static List<Setting> extraSettings() {
        return List.of(new Setting(HANDLERS, DEFAULT_HANDLERS,
                "handler bindings file; relative paths are resolved against Karaf's etc folder"));
    }
}
