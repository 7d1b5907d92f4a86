package org.qvarnmr.camel.route;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.qvarnmr.camel.engine.KeyRef;
import org.qvarnmr.camel.engine.MapResult;
import org.qvarnmr.camel.engine.Pass;
import org.qvarnmr.camel.engine.ReduceOutcome;

/**
 * Merges a split part's result into the {@link Pass} the split's input carries in its body, and returns
 * that input: the pass is the split's result, and nothing of a part (its headers, a redelivery count, a
 * failure its error handler marked handled) leaks onto the pass. A part that failed is recorded, not
 * rethrown, found by its {@link Exchange#SPLIT_INDEX}: one bad change or key must not hold back the
 * others. Running out of memory is no part's failure ({@link FatalErrors}): it fails the pass.
 */
public enum PassAggregation implements AggregationStrategy {
    /** A change of the batch mapped (body: its MapResult), or left for the next pass (body: {@link Pass.NotMapped}). */
    MAP {
        @Override
        Pass merge(Pass pass, Exchange part, int index, Exception error) {
            if (error != null) {
                return pass.mapFailed(index, error);
            }
            Object body = part.getIn().getBody();
            return body instanceof Pass.NotMapped ? pass.left(index) : pass.mapped((MapResult) body);
        }
    },
    /** A change of the wave wrote its rows leaving their key (body: its settled MapResult). */
    ROW_MOVES {
        @Override
        Pass merge(Pass pass, Exchange part, int index, Exception error) {
            return error == null ? pass.moved(part.getIn().getBody(MapResult.class)) : pass.moveFailed(index, error);
        }
    },
    /** A key reduced (body: its ReduceOutcome). */
    REDUCE {
        @Override
        Pass merge(Pass pass, Exchange part, int index, Exception error) {
            KeyRef key = pass.keys().get(index);
            return error == null ? pass.reduced(key, part.getIn().getBody(ReduceOutcome.class))
                    : pass.reduceFailed(key, error);
        }
    };

    abstract Pass merge(Pass pass, Exchange part, int index, Exception error);

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange part, Exchange input) {
        Exception error = part.getException();
        if (!FatalErrors.failsAggregate(input, error)) {
            int index = part.getProperty(Exchange.SPLIT_INDEX, Integer.class);
            input.getIn().setBody(merge(input.getIn().getBody(Pass.class), part, index, error));
        }
        return input;
    }

    /** Camel calls the three-argument form: the pass is the input's. */
    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        throw new UnsupportedOperationException("a pass aggregation needs the split's input exchange");
    }
}
