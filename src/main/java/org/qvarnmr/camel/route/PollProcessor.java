package org.qvarnmr.camel.route;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.qvarnmr.camel.engine.Batch;
import org.qvarnmr.camel.engine.QvarnMrEngine;

/** Reads one batch of notifications from every listener, coalesced per resource. */
public final class PollProcessor implements Processor {
    private final QvarnMrEngine engine;

    public PollProcessor(QvarnMrEngine engine) {
        this.engine = engine;
    }

    @Override
    public void process(Exchange exchange) {
        Batch batch = engine.poll();
        exchange.setProperty(QvarnMrConstants.BATCH, batch);
        exchange.getIn().setBody(batch.changes());
    }
}
