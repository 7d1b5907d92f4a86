package org.qvarnmr.camel.qvarn.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;

/** Turns a non-2xx answer into the matching {@link QvarnException}; messages never carry a body's free text. */
final class QvarnErrors {
    private QvarnErrors() {
    }

    static QvarnException forStatus(ObjectMapper json, String method, String path, QvarnTransport.Response response) {
        int status = response.status();
        JsonNode error = errorBody(json, response.body());
        StringBuilder message = new StringBuilder(method).append(' ').append(path).append(": ").append(status);
        JsonNode code = error.get("error_code");
        if (code != null && code.isTextual()) {
            message.append(' ').append(code.textValue());
        }
        if (status == 400) {
            message.append(refusal(error));
        }
        JsonNode scope = error.get("route_scope");
        if (status == 403 && scope != null && scope.isTextual()) {
            message.append(" (missing scope ").append(scope.textValue()).append(')');
        }
        String text = message.toString();
        if (status == 404) {
            return new QvarnNotFoundException(status, method, path, error, text, null);
        }
        if (status == 409) {
            return new QvarnConflictException(status, method, path, error, text, null);
        }
        if (status == 400) {
            return new QvarnBadRequestException(status, method, path, error, text, null);
        }
        if (status == 401) {
            return new QvarnUnauthorizedException(status, method, path, error, text, null);
        }
        if (status == 403) {
            return new QvarnForbiddenException(status, method, path, error, text, null);
        }
        if (status == 429 || status == 503) {
            return new QvarnUnavailableException(status, method, path, error, text, null);
        }
        if (status >= 500) {
            return new QvarnServerException(status, method, path, error, text, null);
        }
        return new QvarnException(status, method, path, error, text, null);
    }

    /**
     * The fields Qvarn 0.82 names in a 400 (its {@code message} is a template; these are its values):
     * {@code : field _mr_value must be str, got int} for WrongTypeValue, else {@code (unknown_keys [amount])}.
     */
    static String refusal(JsonNode error) {
        JsonNode field = error.get("field_name");
        if (field != null && error.has("expected_type")) {
            return ": field " + field.asText() + " must be " + pythonType(error.get("expected_type"))
                    + ", got " + pythonType(error.get("conflicting_type"));
        }
        StringBuilder details = new StringBuilder();
        error.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("error_code") && !f.getKey().equals("message")) {
                details.append(details.length() == 0 ? " (" : ", ").append(f.getKey()).append(' ')
                        .append(f.getValue().isTextual() ? f.getValue().textValue() : f.getValue().toString());
            }
        });
        return details.length() == 0 ? "" : details.append(')').toString();
    }

    /** {@code <class 'str'>} (how Qvarn names a Python type) as {@code str}. */
    private static String pythonType(JsonNode type) {
        String text = type == null ? "?" : type.asText();
        return text.startsWith("<class '") && text.endsWith("'>") ? text.substring(8, text.length() - 2) : text;
    }

    /** Qvarn's JSON error object, or a missing node when the body is empty, HTML, text or not an object. */
    static JsonNode errorBody(ObjectMapper json, byte[] body) {
        if (!startsLikeObject(body)) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() ? node : MissingNode.getInstance();
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    private static boolean startsLikeObject(byte[] body) {
        for (byte b : body) {
            if (b == '{') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return false;
    }
}
