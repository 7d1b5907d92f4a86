package org.qvarnmr.camel.qvarn.client;

import com.fasterxml.jackson.databind.JsonNode;

/** 404: the resource, listener or notification does not exist (or is not visible yet). */
public class QvarnNotFoundException extends QvarnException {
    public QvarnNotFoundException(int status, String method, String requestPath, JsonNode errorBody, String message,
              Throwable cause) {
        super(status, method, requestPath, errorBody, message, cause);
    }
}
