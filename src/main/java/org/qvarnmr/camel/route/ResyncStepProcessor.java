package org.qvarnmr.camel.route;

import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.qvarnmr.camel.config.Backoff;
import org.qvarnmr.camel.engine.QvarnMrEngine;
import org.qvarnmr.camel.engine.state.OwnershipLostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One step of the automatic resync in forever mode. A step that fails (Qvarn down, say) does not end the
 * resync (one left half done would leave keys unreduced until the next start): the same page is tried
 * again once the retry policy's back-off has passed, on a later tick of the resync timer, so the timer's
 * thread never sleeps. Losing ownership still ends it. One instance per resync route: it holds that
 * route's back-off.
 */
final class ResyncStepProcessor implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(ResyncStepProcessor.class);

    private final QvarnMrEngine engine;
    /** The worker's one back-off; the timer's ticks are the waits (one timer thread, so no two steps at once). */
    private final Backoff backoff;

    ResyncStepProcessor(QvarnMrEngine engine, Clock clock) {
        this.engine = engine;
        this.backoff = Backoff.forever(engine.settings().retry(), Backoff.nanosOf(clock));
    }

    /** Whether a failed step is waiting out its back-off. */
    boolean backingOff() {
        return backoff.waiting();
    }

    @Override
    public void process(Exchange exchange) {
        try {
            engine.resyncStep();
            backoff.succeeded();
        } catch (OwnershipLostException lost) {
            throw lost;
        } catch (RuntimeException e) {
            long delay = TimeUnit.NANOSECONDS.toMillis(backoff.failed());
            LOG.warn("resync step failed ({}); trying the same page again in {} ms", e.getMessage(), delay);
        }
    }
}
