package org.qvarnmr.camel.binding.testhandlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.qvarnmr.camel.handler.HandlerContext;
import org.qvarnmr.camel.handler.ReduceHandler;
import org.qvarnmr.camel.handler.ReduceInput;

/** A custom reduce handler that always answers "fixed". */
public class FixedReduceHandler implements ReduceHandler {
    @Override
    public JsonNode reduce(ReduceInput input, HandlerContext context) {
        return TextNode.valueOf("fixed");
    }
}
