package org.qvarnmr.camel.runtime;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.support.LifecycleStrategySupport;
import org.qvarnmr.camel.worker.CamelHandlerResolver;
import org.qvarnmr.camel.worker.ProcessIdentity;
import org.qvarnmr.camel.worker.QvarnMr;
import org.qvarnmr.camel.binding.BindingsLoader;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.binding.RequiredScopes;
import org.qvarnmr.camel.config.Backoff;
import org.qvarnmr.camel.config.ConfigException;
import org.qvarnmr.camel.config.ConfigSource;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.engine.PassSummary;
import org.qvarnmr.camel.engine.QvarnMrEngine;
import org.qvarnmr.camel.engine.state.ListenerRegistry;
import org.qvarnmr.camel.engine.state.ListenerState;
import org.qvarnmr.camel.engine.state.OwnedElsewhereException;
import org.qvarnmr.camel.engine.state.OwnershipLostException;
import org.qvarnmr.camel.qvarn.client.QvarnException;
import org.qvarnmr.camel.route.DeadLetterFolder;
import org.qvarnmr.camel.route.KeepAlive;
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
    private final Setup setup;
    private final WorkerSettings settings;
    private final PrintStream out;
    private final Launch launch;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicInteger exit = new AtomicInteger(ExitCodes.OK);
    private volatile int managementPort = -1;
    /** This run's name in the ownership records, also the {@code qvarnmr.worker} placeholder of YAML routes. */
    private final String signature = ProcessIdentity.current().newSignature();

    /** The bindings, and the settings whose client requests the scopes they need. */
    public record Configured(HandlerBindings bindings, WorkerSettings settings) {
    }

    /**
     * Loads the bindings once Camel Main has configured the context, so that {@code bean:} handlers find
     * the beans it bound ({@code camel.beans.*}, {@code camel.main.configuration-classes}, YAML routes'
     * {@code beans}). Throws {@link org.qvarnmr.camel.binding.BindingException} or
     * {@link org.qvarnmr.camel.config.ConfigException} for a user's mistake.
     */
    @FunctionalInterface
    public interface Setup {
        Configured load(CamelContext configured);
    }

    /**
     * @param camel    a context that is not started yet (see {@link #newContext()}); Camel Main runs it
     * @param bindings validated handler bindings
     */
    public WorkerRuntime(CamelContext camel, HandlerBindings bindings, WorkerSettings settings, PrintStream out) {
        this(camel, settings, configured -> new Configured(bindings, settings), out);
    }

    /**
     * @param settings the settings Camel Main and the run use; the client's scopes may still be empty, those of
     *                 {@code setup}'s settings are the ones requested
     */
    public WorkerRuntime(CamelContext camel, WorkerSettings settings, Setup setup, PrintStream out) {
        this(camel, settings, setup, out, Launch.inThisJvm());
    }

    /** @param launch where the start-up window counts from, and whether running out of memory ends the process */
    public WorkerRuntime(CamelContext camel, WorkerSettings settings, Setup setup, PrintStream out, Launch launch) {
        this.camel = camel;
        this.setup = setup;
        this.settings = settings;
        this.out = out;
        this.launch = launch;
    }

    /**
     * The command line's runtime: the handlers file is loaded against the context Camel Main configured from
     * the same configuration, whose {@code camel.*} keys may bind the beans of {@code bean:} handlers.
     */
    public static WorkerRuntime forCommandLine(Path handlers, Map<String, ConfigSource.Value> values, PrintStream out,
            Launch launch) {
        WorkerSettings settings = WorkerSettings.from(values, List.of()); // checked before Camel is configured
        return new WorkerRuntime(newContext(), settings, configured -> {
            HandlerBindings bindings = BindingsLoader.forSettings(CamelHandlerResolver.of(configured), values).load(handlers);
            return new Configured(bindings, WorkerSettings.from(values, RequiredScopes.of(bindings)));
        }, out, launch);
    }

    /** A fresh context for the command line; expression handlers and {@code bean:} lookups use it. */
    public static CamelContext newContext() {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getCamelContextExtension().setName("qvarnmr");
        return context;
    }

    /**
     * The port the management server bound (the one the operating system picked for
     * {@code qvarnmr.management.port=0}); empty until it listens, or when it is off.
     */
    public OptionalInt managementPort() {
        int port = managementPort;
        return port < 0 ? OptionalInt.empty() : OptionalInt.of(port);
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
        Main main = newMain(forever);
        if (launch.outOfMemory() != null) {
            launch.outOfMemory().install(camel); // before Camel starts: it decides then whether to send events
        }
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (!camelStep(ContextMain::init, main)) {
                return ExitCodes.INVALID;
            }
            Configured configured = setup.load(camel);
            DeadLetterFolder.check(configured.settings().deadLetterUri()); // before anything is asked of Qvarn
            try (QvarnMr worker = QvarnMr.builder(configured.bindings(), configured.settings()).forever(forever)
                    .host(QvarnMr.Host.CAMEL_MAIN).camel(camel).signature(signature)
                    .onOwnershipLost(owner -> {
                        out.println("map/reduce engine is already running on " + owner);
                        exit.set(ExitCodes.OWNED_ELSEWHERE);
                        stopped.countDown();
                    }).build()) {
                // Camel Main has configured the context: the meter registry the management server scrapes is
                // known (published to before the first request is counted), and the YAML routes are read
                // (routes/keep-alive.yaml replaces the worker's own).
                worker.bindMeterRegistry(camel);
                if (!acquire(worker, forever)) {
                    return exit.get();
                }
                reportDeadLetters();
                worker.addTo(camel);
                try {
                    if (!camelStep(ContextMain::start, main)) {
                        return ExitCodes.INVALID;
                    }
                    announceManagementServer();
                    return forever ? runForever(worker.engine()) : runOnce(worker);
                } finally {
                    main.stop(); // lets in-flight batches finish, then the worker releases ownership
                }
            }
        } finally {
            main.stop(); // a no-op once stopped above; stops a context that failed before the worker ran
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
    private boolean acquire(QvarnMr worker, boolean forever) throws InterruptedException {
        QvarnOutage outage = QvarnOutage.atStartup(settings, forever, stopped, launch.startNanos());
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
                if (!outage.waitOrGiveUp(e)) { // a passing outage at start-up is waited out too
                    return false; // stopped while waiting: nothing was taken, nothing to release
                }
            }
        }
    }

    /** Waits while {@code owner} keeps the instance alive; false when stopped meanwhile. */
    private boolean standBy(QvarnMrEngine engine, String owner) throws InterruptedException {
        out.println("standing by: map/reduce engine is running on " + owner);
        List<ListenerState> listeners = new ListenerRegistry(engine.qvarn(), settings.instance())
                .ensure(engine.listenedTypes());
        Backoff waits = Backoff.every(Duration.ofMillis(KeepAlive.periodMillis(engine)), System::nanoTime);
        Backoff.Pause pause = Backoff.on(stopped);
        String alive = owner;
        while (alive != null) {
            if (!pause.sleep(waits.failed())) {
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

    /** Runs one step of Camel Main; a failure (a broken YAML route, say) is reported in one line. */
    private boolean camelStep(Consumer<Main> step, Main main) {
        try {
            step.accept(main);
            return true;
        } catch (ConfigException e) {
            out.println(e.getMessage());
            LOG.debug("Camel could not start", e.getCause());
            return false;
        }
    }

    /** One line with the real address, so that a script or test can use port 0 and still find the server. */
    private void announceManagementServer() {
        ManagementAddress.boundPort(camel).ifPresent(port -> {
            out.println("management server listening on http://" + settings.operations().managementHost() + ":"
                    + port);
            managementPort = port; // after the line: whoever reads the port finds the line printed
        });
    }

    private Main newMain(boolean forever) {
        Main main = ContextMain.of(camel, MainProperties.of(settings, forever, signature));
        // Camel stopped some other way (JMX, a route): end the run too.
        camel.addLifecycleStrategy(LifecycleStrategySupport.adapt(
                LifecycleStrategySupport.onCamelContextStopping(context -> stopped.countDown())));
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

    private int runOnce(QvarnMr worker) throws Exception {
        QvarnMrEngine engine = worker.engine();
        try (ProducerTemplate template = camel.createProducerTemplate()) {
            QvarnOutage outage = QvarnOutage.midRun(settings, stopped);
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
                Optional<String> unwritable = engine.deadLetterWrites().failure();
                if (unwritable.isPresent()) {
                    out.println(unwritable.get() + "; the change keeps its notifications, and the next run "
                            + "dead-letters it once letters can be written");
                    exit.compareAndSet(ExitCodes.OK, ExitCodes.NOT_ALL_DONE);
                    break;
                }
                if (pass.changes() == 0 && !pass.more() && !resyncLeft && engine.resyncDone()) {
                    if (!engine.hasRetriesPending()) {
                        break;
                    }
                    // Failed changes wait out their back-off; one-shot mode ends only when they are settled.
                    stopped.await(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            RunSummary summary = RunSummary.of(worker.totals(), settings.deadLetterUri(), engine.resyncFailures());
            out.println(summary.line());
            return exit.get() != ExitCodes.OK ? exit.get() : summary.exitCode();
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
