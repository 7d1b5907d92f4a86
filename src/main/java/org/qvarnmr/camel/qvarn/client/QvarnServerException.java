package org.qvarnmr.camel.qvarn.client;

import com.fasterxml.jackson.databind.JsonNode;

/** A 5xx answer other than 503: retryable, as Qvarn's failures are usually passing. */
public class QvarnServerException extends QvarnException {
    public QvarnServerException(int status, String method, String requestPath, JsonNode errorBody, String message,
              Throwable cause) {
        super(status, method, requestPath, errorBody, message, cause);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
