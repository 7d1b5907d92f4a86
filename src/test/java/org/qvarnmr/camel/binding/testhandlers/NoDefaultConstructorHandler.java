package org.qvarnmr.camel.binding.testhandlers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.qvarnmr.camel.handler.HandlerContext;
import org.qvarnmr.camel.handler.KeyValue;
import org.qvarnmr.camel.handler.MapHandler;

/** A map handler the loader cannot create: no no-argument constructor. */
public class NoDefaultConstructorHandler implements MapHandler {
    public NoDefaultConstructorHandler(String unused) {
    }

    @Override
    public List<KeyValue> map(ObjectNode resource, HandlerContext context) {
        return List.of();
    }
}
