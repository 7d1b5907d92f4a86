package org.qvarnmr.camel.handler;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A reduce handler: turns the live map rows of one key into one value. An object result becomes the
 * fields of the reduce row (with {@code _mr_value: null}); anything else is stored in {@code _mr_value}.
 * Implementations must be stateless and thread-safe.
 */
@FunctionalInterface
public interface ReduceHandler {
    JsonNode reduce(ReduceInput input, HandlerContext context) throws Exception;

    /**
     * A version for {@code version: auto}; {@code null} (the default) means "derive it from the class name".
     */
    default String autoVersionSeed() {
        return null;
    }
}
