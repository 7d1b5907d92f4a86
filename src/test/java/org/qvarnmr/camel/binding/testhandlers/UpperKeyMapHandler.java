package org.qvarnmr.camel.binding.testhandlers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.qvarnmr.camel.handler.HandlerContext;
import org.qvarnmr.camel.handler.KeyValue;
import org.qvarnmr.camel.handler.MapHandler;

/** A custom map handler: key = the resource's id in upper case. */
public class UpperKeyMapHandler implements MapHandler {
    @Override
    public List<KeyValue> map(ObjectNode resource, HandlerContext context) {
        return List.of(new KeyValue(TextNode.valueOf(resource.path("id").asText().toUpperCase()), null));
    }
}
