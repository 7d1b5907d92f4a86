package org.qvarnmr.camel.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.qvarnmr.camel.qvarn.client.QvarnBadRequestException;
import org.qvarnmr.camel.qvarn.client.QvarnException;

/** How a failed change's error is told in the log, in its dead letter and by {@code replay}. */
public final class FailureDescription {
    private FailureDescription() {
    }

    /** The error; a write Qvarn refused (400) names the type and Qvarn's reason. */
    public static String describe(Exception error) {
        QvarnBadRequestException refused = cause(error, QvarnBadRequestException.class, false);
        if (refused == null) {
            return String.valueOf(error.getMessage());
        }
        String path = refused.requestPath() == null ? "" : refused.requestPath();
        String type = path.startsWith("/") ? path.substring(1).split("/", 2)[0] : path;
        JsonNode body = refused.errorBody();
        StringBuilder text = new StringBuilder();
        if ("UnknownKeys".equals(refused.errorCode())) {
            text.append("Qvarn refused to write resource type '").append(type)
                    .append("': the type has no field(s) ").append(fieldList(body.get("unknown_keys")))
                    .append("; add them to the type, or change the handler so it does not emit them");
        } else {
            text.append("Qvarn refused to write resource type '").append(type).append('\'');
            body.fields().forEachRemaining(f -> {
                if (!f.getKey().equals("error_code") && !f.getKey().equals("message")) {
                    text.append(", ").append(f.getKey()).append(' ').append(f.getValue());
                }
            });
        }
        text.append(" (").append(refused.getMessage()).append(')');
        if (refused != error) {
            text.append("; in: ").append(error.getMessage());
        }
        return text.toString();
    }

    /** The retryable Qvarn fault (unreachable, 503, 5xx) somewhere in the cause chain, or null. */
    static QvarnException retryableQvarnCause(Throwable error) {
        return cause(error, QvarnException.class, true);
    }

    private static String fieldList(JsonNode keys) {
        if (keys == null || keys.isNull() || keys.isMissingNode()) {
            return "(not named by Qvarn)";
        }
        if (!keys.isArray()) {
            return keys.asText();
        }
        List<String> names = new ArrayList<>();
        keys.forEach(k -> names.add(k.asText()));
        return String.join(", ", names);
    }

    /** The first exception of this class in the cause chain; with {@code retryable}, only a retryable Qvarn one. */
    private static <T extends Throwable> T cause(Throwable error, Class<T> type, boolean retryable) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t) && (!retryable || ((QvarnException) t).isRetryable())) {
                return type.cast(t);
            }
        }
        return null;
    }
}
