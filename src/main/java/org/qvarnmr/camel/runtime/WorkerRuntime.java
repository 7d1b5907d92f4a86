package org.qvarnmr.camel.runtime;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.engine.QvarnMrEngine;
import org.qvarnmr.camel.engine.state.OwnedElsewhereException;
import org.qvarnmr.camel.engine.state.OwnershipLostException;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.route.ErrorPolicy;
import org.qvarnmr.camel.route.PassSummary;
import org.qvarnmr.camel.route.QvarnMrConstants;
import org.qvarnmr.camel.route.QvarnMrRouteBuilder;
import org.qvarnmr.camel.route.WorkerListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one worker: one-shot (process everything pending and any resync that is due, then exit) or
 * forever (timers drive the routes until SIGTERM/Ctrl-C, which lets the current batch finish and clears
 * ownership).
 */
public final class WorkerRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerRuntime.class);

    private final CamelContext camel;
    private final HandlerBindings bindings;
    private final WorkerSettings settings;
    private final PrintStream out;
    private final CountDownLatch stopped = new CountDownLatch(1);

    /**
     * @param camel    a context that is not started yet; the worker adds its routes to it
     * @param bindings validated handler bindings
     */
    public WorkerRuntime(CamelContext camel, HandlerBindings bindings, WorkerSettings settings, PrintStream out) {
        this.camel = camel;
        this.bindings = bindings;
        this.settings = settings;
        this.out = out;
    }

    public static String signature() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "/" + ProcessHandle.current().pid();
    }

    /** Runs until done (one-shot) or stopped (forever); returns the exit code. */
    public int run(boolean forever) throws Exception {
        try (QvarnClient qvarn = new QvarnClient(settings.qvarn());
             QvarnMrEngine engine = new QvarnMrEngine(qvarn, bindings, settings, signature(), Clock.systemUTC())) {
            Outage outage = new Outage(settings);
            while (true) {
                try {
                    qvarn.authenticate(); // bad credentials or missing scopes fail here, with their names
                    engine.start();
                    break;
                } catch (OwnedElsewhereException e) {
                    out.println(e.getMessage());
                    return ExitCodes.OWNED_ELSEWHERE;
                } catch (RuntimeException e) {
                    outage.waitOrGiveUp(e); // a passing outage at start-up is waited out too
                }
            }
            reportDeadLetters();
            return forever ? runForever(engine) : runOnce(engine);
        }
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
        camel.addRoutes(new ErrorPolicy(3, 250));
        camel.addRoutes(new QvarnMrRouteBuilder(engine, false, WorkerListener.NONE));
        camel.start();
        try (ProducerTemplate template = camel.createProducerTemplate()) {
            int total = 0;
            Outage outage = new Outage(settings);
            while (true) {
                PassSummary pass;
                boolean resyncLeft;
                try {
                    pass = template.requestBody(QvarnMrConstants.PASS, null, PassSummary.class);
                    resyncLeft = engine.resyncStep();
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
                    Thread.sleep(settings.pollInterval().toMillis());
                }
            }
            LOG.info("one-shot run done: {} changes processed", total);
            return ExitCodes.OK;
        } catch (OwnershipLostException e) {
            out.println(e.getMessage());
            return ExitCodes.OWNED_ELSEWHERE;
        } finally {
            camel.stop();
        }
    }

    /** Asks a forever run to stop as on SIGTERM: the batch in flight finishes, ownership is cleared. */
    public void stop() {
        stopped.countDown();
    }

    private int runForever(QvarnMrEngine engine) throws Exception {
        AtomicInteger exit = new AtomicInteger(ExitCodes.OK);
        camel.getShutdownStrategy().setTimeout(30);
        camel.addRoutes(new ErrorPolicy(3, 250));
        camel.addRoutes(new QvarnMrRouteBuilder(engine, true, owner -> {
            out.println("map/reduce engine is already running on " + owner);
            exit.set(ExitCodes.OWNED_ELSEWHERE);
            stopped.countDown();
        }));
        Thread hook = new Thread(stopped::countDown, "qvarnmr-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        camel.start();
        LOG.info("worker '{}' running on {} types; stop with Ctrl-C", settings.instance(), engine.listenedTypes());
        stopped.await();
        camel.stop(); // lets in-flight batches finish; unacknowledged notifications stay in Qvarn
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already stopping: the hook has run
        }
        return exit.get();
    }

    /** A fresh context for the command line (the embedding API passes its own). */
    public static CamelContext newContext() {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getCamelContextExtension().setName("qvarnmr");
        return context;
    }
}
