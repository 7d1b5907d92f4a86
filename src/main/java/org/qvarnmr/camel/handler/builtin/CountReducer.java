package org.qvarnmr.camel.handler.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.qvarnmr.camel.handler.HandlerContext;
import org.qvarnmr.camel.handler.ReduceHandler;
import org.qvarnmr.camel.handler.ReduceInput;

/** The {@code count} built-in: the number of live map rows of the key. */
public final class CountReducer implements ReduceHandler {
    @Override
    public JsonNode reduce(ReduceInput input, HandlerContext context) {
        long count = 0;
        for (ObjectNode ignored : input.rows()) {
            count++;
        }
        return count <= Integer.MAX_VALUE ? IntNode.valueOf((int) count) : LongNode.valueOf(count);
    }

    public String description() {
        return "count";
    }

    @Override
    public String toString() {
        return description();
    }
}
