package org.qvarnmr.camel.qvarn.client;

import com.fasterxml.jackson.databind.JsonNode;

/** 400: Qvarn refused the request; {@link #errorCode()} and {@link #errorBody()} say why (e.g. {@code UnknownKeys}). */
public class QvarnBadRequestException extends QvarnException {
    public QvarnBadRequestException(int status, String method, String requestPath, JsonNode errorBody, String message,
              Throwable cause) {
        super(status, method, requestPath, errorBody, message, cause);
    }
}
