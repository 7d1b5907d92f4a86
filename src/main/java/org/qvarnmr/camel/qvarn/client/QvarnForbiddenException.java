package org.qvarnmr.camel.qvarn.client;

import com.fasterxml.jackson.databind.JsonNode;

/** 403: the token lacks the route's scope ({@link #routeScope()}). */
public class QvarnForbiddenException extends QvarnException {
    public QvarnForbiddenException(int status, String method, String requestPath, JsonNode errorBody, String message,
              Throwable cause) {
        super(status, method, requestPath, errorBody, message, cause);
    }

    /** The scope the route needs ({@code route_scope}), or null. */
    public String routeScope() {
        JsonNode scope = errorBody().get("route_scope");
        return scope == null || scope.isNull() ? null : scope.asText();
    }
}
