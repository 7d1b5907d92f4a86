package org.qvarnmr.camel.route;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.qvarnmr.camel.engine.QvarnMrEngine;
import org.qvarnmr.camel.engine.state.OwnershipLostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One step of the automatic resync in -f mode. A step that fails (Qvarn down past its redeliveries) is
 * tried again after a back-off instead of ending the resync route: a resync left half done would leave
 * keys unreduced until the next start. The step re-reads the same page, so nothing is skipped. Losing
 * ownership still ends it.
 */
final class ResyncStepProcessor implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(ResyncStepProcessor.class);

    private final QvarnMrEngine engine;
    private int failures;

    ResyncStepProcessor(QvarnMrEngine engine) {
        this.engine = engine;
    }

    @Override
    public void process(Exchange exchange) throws InterruptedException {
        try {
            engine.resyncStep();
            failures = 0;
        } catch (OwnershipLostException lost) {
            throw lost;
        } catch (RuntimeException e) {
            failures++;
            long delay = Math.min(engine.settings().retryMaxDelay().toMillis(),
                    engine.settings().retryDelay().toMillis() * (1L << Math.min(failures - 1, 16)));
            LOG.warn("resync step failed ({}); trying the same page again in {} ms", e.getMessage(), delay);
            Thread.sleep(delay);
        }
    }
}
