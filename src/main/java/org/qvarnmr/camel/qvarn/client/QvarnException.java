package org.qvarnmr.camel.qvarn.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Base of every Qvarn failure. Carries the HTTP status (-1 when no response came), the request it
 * answers (method and path; never a token or secret) and Qvarn's JSON error body when there was one.
 */
public class QvarnException extends RuntimeException {
    private final int status;
    private final String method;
    private final String requestPath;
    private final JsonNode errorBody;

    public QvarnException(int status, String method, String requestPath, JsonNode errorBody, String message,
                          Throwable cause) {
        super(message, cause);
        this.status = status;
        this.method = method;
        this.requestPath = requestPath;
        this.errorBody = errorBody == null ? MissingNode.getInstance() : errorBody;
    }

    public int status() {
        return status;
    }

    public String method() {
        return method;
    }

    public String requestPath() {
        return requestPath;
    }

    /** Qvarn's JSON error object, or a missing node when the body was HTML, empty or absent. */
    public JsonNode errorBody() {
        return errorBody;
    }

    /** Qvarn's {@code error_code}, or null. */
    public String errorCode() {
        JsonNode code = errorBody.get("error_code");
        return code == null || code.isNull() ? null : code.asText();
    }

    /** Whether trying the same request again later may succeed. */
    public boolean isRetryable() {
        return false;
    }
}
