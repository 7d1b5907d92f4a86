package org.qvarnmr.camel.handler;

import java.util.Map;

/**
 * One call of the route a {@code handler: {route: URI}} names: the body and headers go in, the route's reply
 * body comes back. The host's: {@code worker/CamelHandlerResolver} sends it with a Camel ProducerTemplate, so
 * that the handlers stay free of Camel. Called by the engine's threads at once, so it must be thread-safe.
 */
@FunctionalInterface
public interface RouteCall {
    /** Header: the source type path (for a reduce, the map target), e.g. {@code reports}. */
    String SOURCE_TYPE = "QvarnMrSourceType";
    /** Header (map): the id of the resource being mapped. */
    String RESOURCE_ID = "QvarnMrResourceId";
    /** Header (reduce): the key being reduced. */
    String KEY = "QvarnMrKey";
    /** Header: the target the result is written to. */
    String TARGET = "QvarnMrTarget";
    /** Header: where the binding stands, {@code handlers.yaml:12}. */
    String BINDING = "QvarnMrBinding";

    /** Sends {@code body} with {@code headers} to the route and returns its reply body; throws what the route threw. */
    Object request(Object body, Map<String, Object> headers) throws Exception;
}
