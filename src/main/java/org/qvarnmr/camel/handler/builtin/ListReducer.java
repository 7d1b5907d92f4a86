package org.qvarnmr.camel.handler.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.qvarnmr.camel.handler.HandlerContext;
import org.qvarnmr.camel.handler.ReduceHandler;
import org.qvarnmr.camel.handler.ReduceInput;

/** The {@code list} built-in: a JSON array of the key's values (nulls included), in row order. */
public final class ListReducer implements ReduceHandler {
    @Override
    public JsonNode reduce(ReduceInput input, HandlerContext context) {
        ArrayNode result = JsonNodeFactory.instance.arrayNode();
        for (JsonNode value : input.values()) {
            result.add(value);
        }
        return result;
    }

    public String description() {
        return "list";
    }

    @Override
    public String toString() {
        return description();
    }
}
