package org.qvarnmr.camel.handler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A map handler: turns one source resource into zero or more (key, value) pairs. Implementations must
 * be stateless and thread-safe; the engine calls them concurrently for different resources.
 */
@FunctionalInterface
public interface MapHandler {
    List<KeyValue> map(ObjectNode resource, HandlerContext context) throws Exception;

    /**
     * A version for {@code version: auto}; {@code null} (the default) means "derive it from the class name".
     */
    default String autoVersionSeed() {
        return null;
    }
}
