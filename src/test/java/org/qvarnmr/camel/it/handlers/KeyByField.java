package org.qvarnmr.camel.it.handlers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.qvarnmr.camel.handler.HandlerContext;
import org.qvarnmr.camel.handler.KeyValue;
import org.qvarnmr.camel.handler.MapHandler;

/** Keys a resource by a configured field: a handler that needs configuration, so a bean rather than a class. */
public class KeyByField implements MapHandler {
    private String field;

    public void setField(String field) {
        this.field = field;
    }

    @Override
    public List<KeyValue> map(ObjectNode resource, HandlerContext context) {
        if (field == null) {
            throw new IllegalStateException("KeyByField needs its field set");
        }
        return List.of(new KeyValue(resource.get(field), null));
    }
}
