package org.qvarnmr.camel.route;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.qvarnmr.camel.engine.Change;
import org.qvarnmr.camel.engine.QvarnMrEngine;

/** Runs the map handlers of one change's source type and writes the map rows; the body becomes a MapResult. */
public final class MapProcessor implements Processor {
    private final QvarnMrEngine engine;

    public MapProcessor(QvarnMrEngine engine) {
        this.engine = engine;
    }

    @Override
    public void process(Exchange exchange) {
        // A redelivery may follow a try that wrote some rows: such a change must look for them.
        boolean retry = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class) > 0;
        exchange.getIn().setBody(engine.map(exchange.getIn().getBody(Change.class), retry));
    }
}
