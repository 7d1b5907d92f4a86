package org.qvarnmr.camel.qvarn.client;

import com.fasterxml.jackson.databind.JsonNode;

/** 409: a missing or wrong revision (someone else changed the resource). */
public class QvarnConflictException extends QvarnException {
    public QvarnConflictException(int status, String method, String requestPath, JsonNode errorBody, String message,
              Throwable cause) {
        super(status, method, requestPath, errorBody, message, cause);
    }

    /** The current revision Qvarn reported ({@code current}), or null. */
    public String currentRevision() {
        JsonNode current = errorBody().get("current");
        return current == null || current.isNull() ? null : current.asText();
    }
}
