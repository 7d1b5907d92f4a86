package org.qvarnmr.camel.route;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.qvarnmr.camel.engine.KeyRef;
import org.qvarnmr.camel.engine.ReduceOutcome;
import org.qvarnmr.camel.engine.ReducePhase;

/**
 * Gathers the per-key reduce outcomes of a batch into one {@link ReducePhase}; failures are recorded, not
 * rethrown, except running out of memory ({@link FatalErrors}), which fails the pass.
 */
public final class ReducePhaseAggregation implements AggregationStrategy {
    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        ReducePhase phase = oldExchange == null ? ReducePhase.EMPTY : oldExchange.getIn().getBody(ReducePhase.class);
        KeyRef key = newExchange.getProperty(QvarnMrConstants.KEY, KeyRef.class);
        Exception error = newExchange.getException();
        Exchange result = oldExchange == null ? newExchange : oldExchange;
        if (FatalErrors.failsAggregate(result, error)) {
            return result;
        }
        if (error != null) {
            phase = phase.withFailure(key, error);
        } else if (newExchange.getIn().getBody() == ReduceOutcome.POSTPONED) {
            phase = phase.withPostponed(key);
        } else {
            phase = phase.withDone(key);
        }
        SplitParts.settled(result);
        result.getIn().setBody(phase);
        return result;
    }
}
