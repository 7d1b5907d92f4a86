package org.qvarnmr.camel.route;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.qvarnmr.camel.engine.Change;
import org.qvarnmr.camel.engine.MapPhase;
import org.qvarnmr.camel.engine.MapResult;

/**
 * Gathers the split's per-change results into one {@link MapPhase}. A failed change is recorded, not
 * rethrown: one bad change must not hold back the others in its batch. Running out of memory is no
 * change's failure ({@link FatalErrors}): it fails the pass.
 */
public final class MapPhaseAggregation implements AggregationStrategy {
    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        MapPhase phase = oldExchange == null ? MapPhase.EMPTY : oldExchange.getIn().getBody(MapPhase.class);
        Exception error = newExchange.getException();
        Exchange result = oldExchange == null ? newExchange : oldExchange;
        if (FatalErrors.failsAggregate(result, error)) {
            return result;
        }
        if (error != null) {
            phase = phase.withFailure(newExchange.getProperty(QvarnMrConstants.CHANGE, Change.class), error);
        } else {
            phase = phase.with(newExchange.getIn().getBody(MapResult.class));
        }
        SplitParts.settled(result);
        result.getIn().setBody(phase);
        return result;
    }
}
