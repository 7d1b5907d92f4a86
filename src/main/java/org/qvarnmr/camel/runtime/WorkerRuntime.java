package org.qvarnmr.camel.runtime;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.DefaultMainShutdownStrategy;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.support.LifecycleStrategySupport;
import org.qvarnmr.camel.QvarnMr;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.engine.QvarnMrEngine;
import org.qvarnmr.camel.engine.state.ListenerRegistry;
import org.qvarnmr.camel.engine.state.ListenerState;
import org.qvarnmr.camel.engine.state.OwnedElsewhereException;
import org.qvarnmr.camel.engine.state.OwnershipLostException;
import org.qvarnmr.camel.qvarn.client.QvarnException;
import org.qvarnmr.camel.route.KeepAlive;
import org.qvarnmr.camel.route.PassSummary;
import org.qvarnmr.camel.route.QvarnMrConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one worker on Camel Main: one-shot (process everything pending and any resync that is due, then
 * exit) or forever (timers drive the routes until SIGTERM/Ctrl-C or {@link #stop()}, which lets the
 * batch in flight finish and clears ownership). Camel Main adds what its users expect: {@code camel.*}
 * properties, YAML routes from {@code routes/*.yaml} with {@code {{placeholders}}}, and the management
 * server (health check and Prometheus metrics, on by default with {@code -f}).
 */
public final class WorkerRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerRuntime.class);
    /** How long the shutdown hook waits for the run to finish (Camel's shutdown timeout, plus a margin). */
    private static final long HOOK_WAIT_SECONDS = 45;

    private final CamelContext camel;
    private final HandlerBindings bindings;
    private final WorkerSettings settings;
    private final PrintStream out;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicInteger exit = new AtomicInteger(ExitCodes.OK);

    /**
     * @param camel    a context that is not started yet (see {@link #newContext()}); Camel Main runs it
     * @param bindings validated handler bindings
     */
    public WorkerRuntime(CamelContext camel, HandlerBindings bindings, WorkerSettings settings, PrintStream out) {
        this.camel = camel;
        this.bindings = bindings;
        this.settings = settings;
        this.out = out;
    }

    public static String signature() {
        return QvarnMr.signature();
    }

    /** A fresh context for the command line; expression handlers and {@code bean:} lookups use it. */
    public static CamelContext newContext() {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getCamelContextExtension().setName("qvarnmr");
        return context;
    }

    /** Asks the run to stop as on SIGTERM: the batch in flight finishes, ownership is cleared. */
    public void stop() {
        stopped.countDown();
    }

    /** Runs until done (one-shot) or stopped (forever); returns the exit code. */
    public int run(boolean forever) throws Exception {
        Thread hook = new Thread(() -> {
            stopped.countDown();
            try {
                finished.await(HOOK_WAIT_SECONDS, TimeUnit.SECONDS); // the JVM would not wait for the run
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "qvarnmr-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (QvarnMr worker = QvarnMr.builder(bindings, settings).forever(forever)
                .onOwnershipLost(owner -> {
                    out.println("map/reduce engine is already running on " + owner);
                    exit.set(ExitCodes.OWNED_ELSEWHERE);
                    stopped.countDown();
                }).build()) {
            if (!acquire(worker)) {
                return exit.get();
            }
            reportDeadLetters();
            Main main = newMain(worker, forever);
            try {
                try {
                    main.init();
                    main.start();
                } catch (Exception e) {
                    Throwable cause = e;
                    while (cause.getCause() != null && cause.getCause() != cause) {
                        cause = cause.getCause();
                    }
                    out.println("Camel could not start: " + cause.getMessage());
                    LOG.debug("Camel could not start", e);
                    return ExitCodes.INVALID;
                }
                return forever ? runForever(worker.engine()) : runOnce(worker.engine());
            } finally {
                main.stop(); // lets in-flight batches finish, then the worker releases ownership
            }
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already stopping: the hook is running
            }
        }
    }

    /**
     * Takes ownership, riding out a passing outage. When another worker is alive: exit 1, or with
     * {@code qvarnmr.standby} wait until it stops refreshing and take over. False when the run ends here.
     */
    private boolean acquire(QvarnMr worker) throws InterruptedException {
        Outage outage = new Outage(settings);
        while (true) {
            try {
                worker.start();
                return true;
            } catch (OwnedElsewhereException e) {
                if (!settings.operations().standby()) {
                    out.println(e.getMessage());
                    exit.set(ExitCodes.OWNED_ELSEWHERE);
                    return false;
                }
                if (!standBy(worker.engine(), e.owner())) {
                    return false;
                }
            } catch (RuntimeException e) {
                outage.waitOrGiveUp(e); // a passing outage at start-up is waited out too
            }
        }
    }

    /** Waits while {@code owner} keeps the instance alive; false when stopped meanwhile. */
    private boolean standBy(QvarnMrEngine engine, String owner) throws InterruptedException {
        out.println("standing by: map/reduce engine is running on " + owner);
        List<ListenerState> listeners = new ListenerRegistry(engine.qvarn(), settings.instance())
                .ensure(engine.listenedTypes());
        long period = KeepAlive.periodMillis(engine);
        String alive = owner;
        while (alive != null) {
            if (stopped.await(period, TimeUnit.MILLISECONDS)) {
                return false;
            }
            try {
                alive = engine.ownership().aliveOwnerOtherThanMe(listeners);
            } catch (QvarnException e) {
                LOG.warn("standby: cannot read the ownership records ({}); still waiting", e.getMessage());
            }
        }
        LOG.info("{} stopped refreshing its keep-alive; taking over instance '{}'", owner, settings.instance());
        return true;
    }

    private Main newMain(QvarnMr worker, boolean forever) {
        Main main = new Main() {
            @Override
            protected CamelContext createCamelContext() {
                return camel;
            }
        };
        // Our own hook stops the run and waits until ownership is released; Main's would only stop Camel.
        if (main.getShutdownStrategy() instanceof DefaultMainShutdownStrategy strategy) {
            strategy.disableHangupSupport();
        }
        main.setInitialProperties(MainProperties.of(settings, worker.engine(), forever));
        // Camel stopped some other way (JMX, a route): end the run too.
        camel.addLifecycleStrategy(LifecycleStrategySupport.adapt(
                LifecycleStrategySupport.onCamelContextStopping(context -> stopped.countDown())));
        // The registry the management server scrapes: bound before Camel Main configures its metrics.
        worker.bindMeterRegistry(camel);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport m) {
                try {
                    worker.addTo(camel); // after the YAML routes, so routes/keep-alive.yaml replaces ours
                } catch (Exception e) {
                    throw new IllegalStateException("cannot add the worker's routes: " + e.getMessage(), e);
                }
            }
        });
        return main;
    }

    /** Says at start how many dead letters wait for a replay (only for a {@code file:} dead-letter endpoint). */
    private void reportDeadLetters() {
        DeadLetterFolder.of(settings.deadLetterUri()).ifPresent(folder -> {
            try {
                int waiting = DeadLetterFolder.letters(folder).size();
                if (waiting > 0) {
                    LOG.warn("{} dead letters waiting in {}; once their cause is fixed, replay them with: "
                            + "java -jar qvarnmr-camel.jar replay HANDLERS.yaml -c CONFIG --dead-letters {}",
                            waiting, folder, folder);
                }
            } catch (java.io.UncheckedIOException e) {
                LOG.warn("cannot count the dead letters in {}: {}", folder, e.getCause().getMessage());
            }
        });
    }

    private int runOnce(QvarnMrEngine engine) throws Exception {
        try (ProducerTemplate template = camel.createProducerTemplate()) {
            int total = 0;
            Outage outage = new Outage(settings);
            ProgressBar progress = new ProgressBar(settings.progressInterval().toMillis(), System.err);
            while (stopped.getCount() > 0) {
                PassSummary pass;
                boolean resyncLeft;
                try {
                    pass = template.requestBody(QvarnMrConstants.PASS, null, PassSummary.class);
                    resyncLeft = engine.resyncStep();
                    progress.show(engine.resyncProgress());
                    outage.over();
                } catch (RuntimeException e) {
                    outage.waitOrGiveUp(e); // Qvarn down: back off and go on; anything else ends the run
                    continue;
                }
                total += pass.acknowledged();
                if (pass.changes() == 0 && !pass.more() && !resyncLeft && engine.resyncDone()) {
                    if (!engine.hasRetriesPending()) {
                        break;
                    }
                    // Failed changes wait out their back-off; one-shot mode ends only when they are settled.
                    stopped.await(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            LOG.info("one-shot run done: {} changes processed", total);
            return exit.get();
        } catch (OwnershipLostException e) {
            out.println(e.getMessage());
            return ExitCodes.OWNED_ELSEWHERE;
        }
    }

    private int runForever(QvarnMrEngine engine) throws InterruptedException {
        LOG.info("worker '{}' running on {} types; stop with Ctrl-C", settings.instance(), engine.listenedTypes());
        stopped.await();
        return exit.get();
    }
}
