package org.qvarnmr.camel.route;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.qvarnmr.camel.engine.KeyRef;
import org.qvarnmr.camel.engine.QvarnMrEngine;

/** Reduces one key; the body becomes its ReduceOutcome. */
public final class ReduceProcessor implements Processor {
    private final QvarnMrEngine engine;

    public ReduceProcessor(QvarnMrEngine engine) {
        this.engine = engine;
    }

    @Override
    public void process(Exchange exchange) {
        exchange.getIn().setBody(engine.reduce(exchange.getIn().getBody(KeyRef.class)));
    }
}
