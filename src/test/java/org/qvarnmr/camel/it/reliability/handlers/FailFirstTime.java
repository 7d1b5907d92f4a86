package org.qvarnmr.camel.it.reliability.handlers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.qvarnmr.camel.handler.HandlerContext;
import org.qvarnmr.camel.handler.KeyValue;
import org.qvarnmr.camel.handler.MapHandler;

/** Keys reports by org, but fails the first time it sees each report (a passing bug, say). */
public class FailFirstTime implements MapHandler {
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    @Override
    public List<KeyValue> map(ObjectNode resource, HandlerContext context) {
        if (seen.add(resource.get("id").asText())) {
            throw new IllegalStateException("first sight of " + resource.get("id").asText());
        }
        return List.of(new KeyValue(resource.get("org"), null));
    }
}
