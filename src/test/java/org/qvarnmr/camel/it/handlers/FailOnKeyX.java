package org.qvarnmr.camel.it.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import org.qvarnmr.camel.handler.HandlerContext;
import org.qvarnmr.camel.handler.ReduceHandler;
import org.qvarnmr.camel.handler.ReduceInput;

/** A count that fails for the key "x". */
public class FailOnKeyX implements ReduceHandler {
    @Override
    public JsonNode reduce(ReduceInput input, HandlerContext context) {
        if (input.key().equals("x")) {
            throw new IllegalStateException("cannot reduce x");
        }
        int n = 0;
        for (var ignored : input.rows()) {
            n++;
        }
        return IntNode.valueOf(n);
    }
}
