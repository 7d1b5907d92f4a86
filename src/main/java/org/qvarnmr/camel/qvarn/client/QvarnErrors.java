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
