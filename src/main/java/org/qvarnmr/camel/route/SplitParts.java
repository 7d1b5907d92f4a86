package org.qvarnmr.camel.route;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeExtension;
import org.apache.camel.ExchangePropertyKey;

/** What the phase aggregations share: a split part whose failure they recorded carries no error state on. */
final class SplitParts {
    private SplitParts() {
    }

    /**
     * Clears Camel's error state from a part that becomes the split's result. A failed part that comes first
     * is that result, and the split copies its state onto the pass: marked "failure handled" by the part's
     * error handler, the pass would get no redelivery for any later step (a reduce, the acknowledgement
     * right after a dead letter, which would then fail the pass and write the letter again).
     */
    static void settled(Exchange part) {
        part.setException(null);
        ExchangeExtension state = part.getExchangeExtension();
        state.setFailureHandled(false); // the flag Camel's error handler reads as "done, do not redeliver"
        state.setErrorHandlerHandled(null);
        state.setRedeliveryExhausted(false);
        part.removeProperty(ExchangePropertyKey.EXCEPTION_CAUGHT);
        part.removeProperty(ExchangePropertyKey.FAILURE_ENDPOINT);
        part.removeProperty(ExchangePropertyKey.FAILURE_ROUTE_ID);
        part.removeProperty(ExchangePropertyKey.FAILURE_HANDLED);
    }
}
