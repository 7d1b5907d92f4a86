package org.qvarnmr.camel.route;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.qvarnmr.camel.engine.Batch;
import org.qvarnmr.camel.engine.MapPhase;
import org.qvarnmr.camel.engine.QvarnMrEngine;
import org.qvarnmr.camel.engine.ReducePhase;

/** Asks the engine how the pass ends; the body becomes its {@link org.qvarnmr.camel.engine.Settlement}. */
public final class SettleProcessor implements Processor {
    private final QvarnMrEngine engine;

    public SettleProcessor(QvarnMrEngine engine) {
        this.engine = engine;
    }

    @Override
    public void process(Exchange exchange) {
        MapPhase map = exchange.getProperty(QvarnMrConstants.MAP_PHASE, MapPhase.EMPTY, MapPhase.class);
        Object body = exchange.getIn().getBody();
        ReducePhase reduce = body instanceof ReducePhase r ? r : ReducePhase.EMPTY;
        exchange.getIn().setBody(engine.settle(exchange.getProperty(QvarnMrConstants.BATCH, Batch.class), map, reduce));
    }
}
