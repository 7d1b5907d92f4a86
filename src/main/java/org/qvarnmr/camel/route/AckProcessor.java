package org.qvarnmr.camel.route;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.qvarnmr.camel.engine.QvarnMrEngine;
import org.qvarnmr.camel.engine.Settlement;

/**
 * Deletes the notifications of the changes the engine settled (their dead letters are written by then);
 * the body becomes the pass summary. Redelivered alone when a DELETE fails: the settlement is not
 * decided again.
 */
public final class AckProcessor implements Processor {
    private final QvarnMrEngine engine;

    public AckProcessor(QvarnMrEngine engine) {
        this.engine = engine;
    }

    @Override
    public void process(Exchange exchange) {
        Settlement settlement = exchange.getIn().getBody(Settlement.class);
        engine.acknowledge(settlement.acknowledge());
        exchange.getIn().setBody(settlement.summary());
    }
}
