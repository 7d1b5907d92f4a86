package org.qvarnmr.camel.qvarn.client;

import com.fasterxml.jackson.databind.JsonNode;

/** 401, or a token request that failed or did not grant every requested scope. */
public class QvarnUnauthorizedException extends QvarnException {
    public QvarnUnauthorizedException(int status, String method, String requestPath, JsonNode errorBody, String message,
              Throwable cause) {
        super(status, method, requestPath, errorBody, message, cause);
    }
}
