package org.qvarnmr.camel.karaf;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.qvarnmr.camel.binding.BindingsLoader;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.binding.RequiredScopes;
import org.qvarnmr.camel.config.Setting;
import org.qvarnmr.camel.config.Settings;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.engine.QvarnMrEngine;
import org.qvarnmr.camel.engine.state.OwnedElsewhereException;
import org.qvarnmr.camel.qvarn.client.QvarnException;
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
 * class only adds where the settings come from ({@link ConfigAdminSettings}, as for the standalone bundle) and
 * the start-up retry ({@link KarafStartup}, as there). {@link #start()} loads and validates
 * the bindings and settings at once (a mistake, or a setting Karaf cannot honour, fails the start), then
 * takes ownership of the instance and adds the routes in the background, retrying with the worker's retry
 * back-off while Qvarn is unreachable, and, with {@code qvarnmr.standby=yes}, while another worker owns
 * the instance. {@link #close()} stops the routes (the batch in flight finishes) and clears ownership.
 */
public final class QvarnMrBlueprintSupport implements AutoCloseable {
    /** The ConfigAdmin PID: {@code etc/org.qvarnmr.camel.cfg} under Karaf. */
    public static final String PID = "org.qvarnmr.camel";
    /** The handler bindings file; a relative path is resolved against {@code karaf.etc} when it is set. */
    public static final String HANDLERS = ConfigAdminSettings.HANDLERS;
    public static final String DEFAULT_HANDLERS = ConfigAdminSettings.DEFAULT_HANDLERS;

    /** Where the worker stands; see {@link #state()}. */
    public enum State { NEW, NOT_CONFIGURED, STARTING, RUNNING, OWNED_ELSEWHERE, FAILED, STOPPED }

    private static final Logger LOG = LoggerFactory.getLogger(QvarnMrBlueprintSupport.class);

    private final CamelContext camel;
    private final ConfigAdminSettings config;
    private KarafStartup starter;
    private QvarnMr worker;
    private WorkerSettings settings;
    private volatile State state = State.NEW;

    /**
     * @param camel      the context the routes are added to; it also compiles {@code expression} handlers,
     *                   finds {@code bean} handlers and loads {@code class} handlers
     * @param properties the settings, e.g. ConfigAdmin's properties of {@value #PID}
     */
    public QvarnMrBlueprintSupport(CamelContext camel, Map<String, ?> properties) {
        this.camel = camel;
        this.config = ConfigAdminSettings.ofMap(PID, properties, System.getProperty("karaf.etc"));
    }

    /**
     * Validates the bindings and settings (throws {@link org.qvarnmr.camel.binding.BindingException} or
     * {@link org.qvarnmr.camel.config.ConfigException}), then starts the worker in the background. Without
     * {@code qvarn.base-url} it only logs that the worker is not configured.
     */
    public synchronized void start() {
        if (!config.configured()) {
            state = State.NOT_CONFIGURED;
            LOG.info("qvarnmr: not configured; set {} in etc/{}.cfg to start the worker", Settings.BASE_URL.name(), PID);
            return;
        }
        HandlerBindings bindings = BindingsLoader.forSettings(CamelHandlerResolver.of(camel), config.values()).load(config.handlers());
        settings = config.workerSettings(RequiredScopes.of(bindings));
        worker = QvarnMr.builder(bindings, settings).host(QvarnMr.Host.KARAF).camel(camel).forever(true).signature(signature())
                .onOwnershipLost(this::ownershipLost).build();
        starter = new KarafStartup(settings, config.origin(), null);
        state = State.STARTING;
        starter.execute(this::tryStart);
    }

    /** The handler bindings file this worker reads. */
    public Path handlersFile() {
        return config.handlers();
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
            if (!starter.take(worker, this::tryStart)) {
                return; // Qvarn unreachable, or standing by: tried again later
            }
            worker.addTo(camel);
            state = State.RUNNING;
            LOG.info("qvarnmr: worker '{}' running on {} types", settings.instance(), worker.engine().listenedTypes());
        } catch (OwnedElsewhereException e) {
            state = State.OWNED_ELSEWHERE;
            LOG.error("qvarnmr: {}; this worker stays idle: stop the other worker, then restart this bundle",
                    e.getMessage());
        } catch (QvarnException e) {
            fail("Qvarn refused the worker at start-up: " + e.getMessage(), e);
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
        starter.execute(() -> {
            synchronized (this) {
                worker.removeFrom(camel);
                state = State.OWNED_ELSEWHERE;
            }
        });
    }

    /** Stops the routes (the batch in flight finishes), clears ownership and closes the client. */
    @Override
    public synchronized void close() {
        state = State.STOPPED;
        if (starter != null) {
            starter.close();
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
