package org.qvarnmr.camel.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The {@code map:} of a reduce definition: turns one map row into the value the reducer sees. */
@FunctionalInterface
public interface ValueMapper {
    JsonNode apply(ObjectNode mapRow);
}
