package org.qvarnmr.camel.qvarn.server.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Qvarn error answer (section 8): status, {@code error_code}, the unformatted {@code message}
 * template and the exception's keyword arguments as extra fields.
 */
public final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorCode;
    private final String template;
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiError(int status, String errorCode, String template) {
        super(errorCode + ": " + template, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
        this.template = template;
    }

    public ApiError field(String name, Object value) {
        fields.put(name, value);
        return this;
    }

    public ApiError header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }

    public Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }

    /** The JSON body: the extra fields, then {@code error_code} and {@code message}. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("error_code", errorCode);
        body.put("message", template);
        return body;
    }
}
