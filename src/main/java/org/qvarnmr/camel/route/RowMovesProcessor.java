package org.qvarnmr.camel.route;

import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.qvarnmr.camel.engine.KeyRef;
import org.qvarnmr.camel.engine.MapResult;
import org.qvarnmr.camel.engine.QvarnMrEngine;

/**
 * Writes the map rows of one mapped change that leave their key, knowing the batch's anchors; the body
 * becomes the settled MapResult.
 */
public final class RowMovesProcessor implements Processor {
    private final QvarnMrEngine engine;

    public RowMovesProcessor(QvarnMrEngine engine) {
        this.engine = engine;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) {
        // A redelivery may follow a write Qvarn performed: the engine maps the change again from fresh reads.
        boolean retry = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class) > 0;
        Set<KeyRef> anchors = exchange.getProperty(QvarnMrConstants.ANCHORS, Set.class);
        exchange.getIn().setBody(engine.writeDeferred(exchange.getIn().getBody(MapResult.class), anchors, retry));
    }
}
