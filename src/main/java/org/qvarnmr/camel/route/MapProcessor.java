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
        exchange.getIn().setBody(engine.map(exchange.getIn().getBody(Change.class)));
    }
}
