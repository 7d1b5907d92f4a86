package org.qvarnmr.camel.karaf.standalone;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.qvarnmr.camel.worker.CamelHandlerResolver;
import org.qvarnmr.camel.worker.ProcessIdentity;
import org.qvarnmr.camel.worker.QvarnMr;
import org.qvarnmr.camel.binding.BindingsLoader;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.binding.RequiredScopes;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.engine.state.OwnedElsewhereException;
import org.qvarnmr.camel.karaf.ConfigAdminSettings;
import org.qvarnmr.camel.karaf.KarafStartup;
import org.qvarnmr.camel.qvarn.client.QvarnException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker for one ConfigAdmin configuration, in a Camel context of its own whose classes and
 * {@code META-INF/services} files come from the bundle's class loader (Camel, Jackson and the rest are
 * embedded jars on its {@code Bundle-ClassPath}). The constructor validates the bindings and settings
 * (throwing {@link org.qvarnmr.camel.binding.BindingException} or
 * {@link org.qvarnmr.camel.config.ConfigException}); {@link #start()} takes ownership in the background,
 * riding out an unreachable Qvarn with back-off, then starts the routes; {@link #close()} stops the routes
 * (the batch in flight finishes) and clears ownership, as SIGTERM does for the jar.
 */
final class StandaloneWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StandaloneWorker.class);
    /** Camel's graceful stop waits this long for the batch in flight; the command line uses the same. */
    private static final int SHUTDOWN_TIMEOUT_SECONDS = 30;

    private final String origin;
    private final ClassLoader bundleLoader;
    private final CamelContext camel;
    private final WorkerSettings settings;
    private final QvarnMr worker;
    private final KarafStartup starter;
    private volatile boolean closed;

    /**
     * @param pid          the configuration's PID, part of the worker's name in the ownership records
     * @param bundleLoader the bundle's class loader: Camel resolves components, languages and type
     *                     converters through it
     */
    StandaloneWorker(String pid, ConfigAdminSettings config, ClassLoader bundleLoader) {
        this.origin = config.origin();
        this.bundleLoader = bundleLoader;
        this.camel = inBundle(() -> newContext(bundleLoader));
        try {
            HandlerBindings bindings = inBundle(() -> BindingsLoader.forSettings(CamelHandlerResolver.of(camel), config.values()).load(config.handlers()));
            this.settings = config.workerSettings(RequiredScopes.of(bindings));
            camel.getCamelContextExtension().setName("qvarnmr-" + settings.instance()); // thread names tell workers apart
            List<String> ignored = config.ignoredKeys(settings);
            if (!ignored.isEmpty()) {
                LOG.warn("qvarnmr: {}: {} not applied: the standalone bundle runs no Camel Main "
                        + "(camel.* options, YAML routes, the management server); see docs/karaf.md", origin, ignored);
            }
            this.worker = assemble(camel, bindings, settings, ProcessIdentity.current().newSignature() + " karaf:" + pid, this::ownershipLost);
        } catch (RuntimeException e) {
            closeContext();
            throw e;
        }
        this.starter = new KarafStartup(settings, origin, bundleLoader);
    }

    /**
     * The one place this bundle calls the project's worker assembly (the same wiring the command line's
     * runtime uses); only where the settings come from and the start-up retry are Karaf's own.
     */
    private static QvarnMr assemble(CamelContext camel, HandlerBindings bindings, WorkerSettings settings,
                                    String signature, Consumer<String> onOwnershipLost) {
        return QvarnMr.builder(bindings, settings).host(QvarnMr.Host.KARAF).camel(camel).forever(true).signature(signature)
                .onOwnershipLost(onOwnershipLost).build();
    }

    private static CamelContext newContext(ClassLoader bundleLoader) {
        DefaultCamelContext context = new DefaultCamelContext(false);
        context.setApplicationContextClassLoader(bundleLoader);
        context.getCamelContextExtension().setName("qvarnmr");
        context.getShutdownStrategy().setTimeout(SHUTDOWN_TIMEOUT_SECONDS);
        context.build();
        return context;
    }

    String instance() {
        return settings.instance();
    }

    /** Starts the worker in the background; returns at once. */
    void start() {
        starter.execute(this::tryStart);
    }

    private synchronized void tryStart() {
        if (closed) {
            return;
        }
        try {
            if (!starter.take(worker, this::tryStart)) {
                return; // Qvarn unreachable, or standing by: tried again later
            }
        } catch (OwnedElsewhereException e) {
            LOG.error("qvarnmr: {} ({}); this worker stays idle: stop the other worker, then save the "
                    + "configuration again or run bundle:restart", e.getMessage(), origin);
            return;
        } catch (QvarnException e) {
            LOG.error("qvarnmr: Qvarn refused the worker of {}: {}; it stays idle until the configuration "
                    + "is saved again", origin, e.getMessage());
            return;
        } catch (RuntimeException e) { // a start-up check failed (a type the handlers need is missing, say)
            LOG.error("qvarnmr: the worker of {} cannot start: {}; it stays idle until the configuration is "
                    + "saved again", origin, e.getMessage());
            LOG.debug("qvarnmr: start-up failure of {}", origin, e);
            return;
        }
        try {
            worker.addTo(camel);
            camel.start();
            LOG.info("qvarnmr: worker '{}' running on {} types ({})", settings.instance(),
                    worker.engine().listenedTypes(), origin);
        } catch (Exception e) {
            LOG.error("qvarnmr: the worker of {} failed to start: {}", origin, e.toString(), e);
            stopCamel();
        }
    }

    /** Called on the keep-alive route's thread: the context is stopped from another one. */
    private void ownershipLost(String newOwner) {
        LOG.error("qvarnmr: map/reduce engine is already running on {}; the worker of {} stops", newOwner, origin);
        starter.execute(this::stopCamel); // refused once close() has begun, which stops the context anyway
    }

    /** Stops the routes (the batch in flight finishes), then clears ownership; idempotent. */
    private synchronized void stopCamel() {
        try {
            inBundle(() -> {
                camel.stop();
                return null;
            });
        } finally {
            worker.close(); // done by the context's stop once it ran; here also when it never started
        }
    }

    @Override
    public void close() {
        closed = true;
        starter.close(); // ends a back-off wait
        stopCamel();
        closeContext();
    }

    private void closeContext() {
        inBundle(() -> {
            try {
                camel.close();
            } catch (Exception e) {
                LOG.warn("qvarnmr: closing the Camel context of {}: {}", origin, e.toString());
            }
            return null;
        });
    }

    /** Runs with the bundle's class loader as the thread's context loader, which some libraries consult. */
    private <T> T inBundle(Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(bundleLoader);
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
