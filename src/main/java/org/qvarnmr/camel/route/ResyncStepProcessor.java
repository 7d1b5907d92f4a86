package org.qvarnmr.camel.route;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
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
    private final Clock clock;
    private volatile int failures;
    private volatile Instant notBefore = Instant.EPOCH;

    ResyncStepProcessor(QvarnMrEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    /** Whether a failed step is waiting out its back-off. */
    boolean backingOff() {
        return clock.instant().isBefore(notBefore);
    }

    @Override
    public void process(Exchange exchange) {
        try {
            engine.resyncStep();
            failures = 0;
        } catch (OwnershipLostException lost) {
            throw lost;
        } catch (RuntimeException e) {
            failures++;
            Duration delay = engine.settings().retry().delay(failures);
            notBefore = clock.instant().plus(delay);
            LOG.warn("resync step failed ({}); trying the same page again in {} ms", e.getMessage(), delay.toMillis());
        }
    }
}
