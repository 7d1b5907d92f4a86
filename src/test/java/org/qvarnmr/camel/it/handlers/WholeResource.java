package org.qvarnmr.camel.it.handlers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.qvarnmr.camel.handler.HandlerContext;
import org.qvarnmr.camel.handler.KeyValue;
import org.qvarnmr.camel.handler.MapHandler;

/** Keys a report by org with a dict value: the org and the report type (as the original's dict values). */
public class WholeResource implements MapHandler {
    @Override
    public List<KeyValue> map(ObjectNode resource, HandlerContext context) {
        ObjectNode value = resource.objectNode();
        value.set("org", resource.get("org"));
        value.set("report_type", resource.get("report_type"));
        value.set("id", resource.get("id")); // Qvarn's own fields are dropped by the engine
        return List.of(new KeyValue(resource.get("org"), value));
    }
}
