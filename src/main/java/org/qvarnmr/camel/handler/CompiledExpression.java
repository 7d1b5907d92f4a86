package org.qvarnmr.camel.handler;

import java.util.Map;

/**
 * One compiled expression of an {@code expression} handler, evaluated against the resource as a
 * {@code java.util.Map}. The language is the host's: Camel's, compiled by {@code worker/CamelHandlerResolver},
 * so that the built-ins stay free of Camel.
 */
@FunctionalInterface
public interface CompiledExpression {
    /** The expression's result for this resource; throws what the expression threw. */
    Object evaluate(Map<String, Object> resource) throws Exception;
}
