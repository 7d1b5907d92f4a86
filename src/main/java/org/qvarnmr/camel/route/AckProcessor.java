package org.qvarnmr.camel.route;

import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.qvarnmr.camel.engine.DeadLetter;
import org.qvarnmr.camel.engine.QvarnMrEngine;
import org.qvarnmr.camel.engine.Settlement;

/**
 * Deletes the notifications of the changes the engine settled (their dead letters are written by then;
 * those whose letter could not be written keep theirs); the body becomes the pass summary. Redelivered
 * alone when a DELETE fails: the settlement is not decided again.
 */
public final class AckProcessor implements Processor {
    private final QvarnMrEngine engine;

    public AckProcessor(QvarnMrEngine engine) {
        this.engine = engine;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) {
        Set<DeadLetter> unwritten = exchange.getProperty(QvarnMrConstants.UNWRITTEN, Set.of(), Set.class);
        Settlement settlement = exchange.getIn().getBody(Settlement.class).without(unwritten);
        engine.acknowledge(settlement.acknowledge());
        if (unwritten.isEmpty() && !engine.hasRetriesPending()) {
            engine.deadLetterWrites().written(); // no change waits to write its letter any more
        }
        exchange.getIn().setBody(settlement.summary());
    }
}
