package org.qvarnmr.camel.runtime;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.qvarnmr.camel.route.FatalErrors;

/**
 * What a {@code java -jar} worker does when its heap runs out: one line on stderr, then the process halts
 * ({@link ExitCodes#OUT_OF_MEMORY}) at once, without the shutdown hook, which could not run in a full heap.
 * Its ownership record then lapses after {@code qvarnmr.keep-alive-timeout} and a standby takes over. Left
 * running, such a worker was seen to keep refreshing its keep-alive from one thread while its polls had died
 * in another, silently and for good. The JVM's own {@code -XX:+ExitOnOutOfMemoryError} cannot be set by
 * {@code java -jar}; this watches the two places the error surfaces: a thread that dies of it (the default
 * uncaught exception handler) and an exchange that fails with it (a Camel event notifier; the routes never
 * record it as a change's failure, see {@link FatalErrors}). Only for a process the worker owns: an
 * application embedding the worker decides for itself.
 */
public final class OutOfMemoryGuard implements Thread.UncaughtExceptionHandler {
    private final PrintStream err;
    private final IntConsumer halt;
    private final AtomicBoolean halting = new AtomicBoolean();
    private volatile Thread.UncaughtExceptionHandler previous;

    OutOfMemoryGuard(PrintStream err, IntConsumer halt) {
        this.err = err;
        this.halt = halt;
    }

    /** The guard of this process: halts it. */
    public static OutOfMemoryGuard forThisProcess() {
        return new OutOfMemoryGuard(System.err, Runtime.getRuntime()::halt);
    }

    /**
     * Watches every thread of the process (the JVM-wide default handler: this process is the worker's own) and
     * every exchange of {@code camel}; call before the context starts, when Camel decides whether to send events.
     */
    void install(CamelContext camel) {
        previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler(this);
        camel.getManagementStrategy().addEventNotifier(failedExchanges());
    }

    /** The event notifier that sees every exchange that ends failed, and nothing else. */
    EventNotifierSupport failedExchanges() {
        return new FailedExchanges();
    }

    /** Halts the process when {@code failure} is, or was caused by, running out of memory. */
    void check(Throwable failure, String where) {
        OutOfMemoryError oom = FatalErrors.find(failure);
        if (oom == null || !halting.compareAndSet(false, true)) {
            return;
        }
        try {
            err.println("out of memory (" + oom.getMessage() + ") in " + where + "; the worker stops at once, so that its"
                    + " ownership lapses and another worker can take over. Give it more heap (java -Xmx...), or lower"
                    + " qvarn.max-response-size, qvarnmr.batch-size or qvarnmr.cache-size");
            err.flush();
        } catch (Throwable alsoOutOfMemory) {
            // the line is a courtesy; halting is what matters
        }
        halt.accept(ExitCodes.OUT_OF_MEMORY);
    }

    @Override
    public void uncaughtException(Thread thread, Throwable failure) {
        check(failure, "thread " + thread.getName());
        Thread.UncaughtExceptionHandler before = previous;
        if (before != null) {
            before.uncaughtException(thread, failure);
        } else {
            err.print("Exception in thread \"" + thread.getName() + "\" "); // what the JVM prints without a handler
            failure.printStackTrace(err);
        }
    }

    /** Sees every exchange that ends failed, and nothing else. */
    private final class FailedExchanges extends EventNotifierSupport {
        FailedExchanges() {
            setIgnoreCamelContextEvents(true);
            setIgnoreCamelContextInitEvents(true);
            setIgnoreRouteEvents(true);
            setIgnoreServiceEvents(true);
            setIgnoreStepEvents(true);
            setIgnoreExchangeCreatedEvent(true);
            setIgnoreExchangeCompletedEvent(true);
            setIgnoreExchangeRedeliveryEvents(true);
            setIgnoreExchangeSendingEvents(true);
            setIgnoreExchangeSentEvents(true);
            setIgnoreExchangeAsyncProcessingStartedEvents(true);
        }

        @Override
        public void notify(CamelEvent event) {
            if (event instanceof CamelEvent.ExchangeEvent e) {
                Exchange exchange = e.getExchange();
                Throwable failure = exchange.getException() != null ? exchange.getException()
                        : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
                check(failure, "route " + exchange.getFromRouteId());
            }
        }
    }
}
