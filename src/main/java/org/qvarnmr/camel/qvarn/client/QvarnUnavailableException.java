package org.qvarnmr.camel.qvarn.client;

import com.fasterxml.jackson.databind.JsonNode;

/** No answer (connection refused, timeout), 503 or 429: retryable. */
public class QvarnUnavailableException extends QvarnException {
    public QvarnUnavailableException(int status, String method, String requestPath, JsonNode errorBody, String message,
              Throwable cause) {
        super(status, method, requestPath, errorBody, message, cause);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
