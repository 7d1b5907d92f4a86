package org.qvarnmr.camel.it.reliability.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.util.concurrent.atomic.AtomicInteger;
import org.qvarnmr.camel.handler.HandlerContext;
import org.qvarnmr.camel.handler.ReduceHandler;
import org.qvarnmr.camel.handler.ReduceInput;
import org.qvarnmr.camel.qvarn.client.QvarnUnavailableException;

/**
 * A count whose own Qvarn reads (as a join makes them) meet an outage: its first {@value #FAILURES} calls
 * fail with the exception the client throws for a 503, more than one pass's redeliveries absorb.
 */
public class UnavailableAtFirst implements ReduceHandler {
    public static final int FAILURES = 6;

    private final AtomicInteger calls = new AtomicInteger();

    @Override
    public JsonNode reduce(ReduceInput input, HandlerContext context) {
        if (calls.incrementAndGet() <= FAILURES) {
            throw new QvarnUnavailableException(503, "GET", "/reports/some-id", null, "GET /reports/some-id: 503", null);
        }
        int n = 0;
        for (var ignored : input.rows()) {
            n++;
        }
        return IntNode.valueOf(n);
    }
}
