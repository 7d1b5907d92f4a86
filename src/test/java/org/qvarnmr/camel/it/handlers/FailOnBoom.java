package org.qvarnmr.camel.it.handlers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.qvarnmr.camel.handler.HandlerContext;
import org.qvarnmr.camel.handler.KeyValue;
import org.qvarnmr.camel.handler.MapHandler;

/** A map handler that keys reports by org, and fails on reports whose type is "boom". */
public class FailOnBoom implements MapHandler {
    @Override
    public List<KeyValue> map(ObjectNode resource, HandlerContext context) {
        if ("boom".equals(resource.path("report_type").asText())) {
            throw new IllegalStateException("cannot map a boom report");
        }
        return List.of(new KeyValue(resource.get("org"), null));
    }
}
