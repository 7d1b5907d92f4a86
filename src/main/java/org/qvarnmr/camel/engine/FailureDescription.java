package org.qvarnmr.camel.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.qvarnmr.camel.qvarn.client.QvarnBadRequestException;
import org.qvarnmr.camel.qvarn.client.QvarnException;
import org.qvarnmr.camel.qvarn.client.QvarnForbiddenException;
import org.qvarnmr.camel.qvarn.client.QvarnUnauthorizedException;

/**
 * How a failed change's error is told in the log, in its dead letter and by {@code replay}, and what kind
 * of failure it is: Qvarn unavailable (retried, never using up attempts), a refusal that repeating cannot
 * change (dead-lettered at once), the worker's credentials refused (ends the run), or anything else.
 */
public final class FailureDescription {
    /**
     * Answers Qvarn gives a write or search the same way however often it is repeated: the handler's output
     * (or key) is wrong for the type or too big. 400 (WrongTypeValue, UnknownKeys, a bad search value), 413
     * (a body too large), 414 (a URL too long), 422. Not 404 (a row gone meanwhile: re-read), 409 (a
     * conflict: re-read), 401/403 (credentials), 408/429 (try later).
     */
    private static final Set<Integer> PERMANENT = Set.of(400, 413, 414, 422);

    private FailureDescription() {
    }

    /** The error; a write Qvarn refused (400) names the type and Qvarn's reason. */
    public static String describe(Exception error) {
        QvarnBadRequestException refused = cause(error, QvarnBadRequestException.class, false);
        if (refused == null) {
            return String.valueOf(error.getMessage());
        }
        String type = typeOf(refused);
        JsonNode body = refused.errorBody();
        StringBuilder text = new StringBuilder();
        if ("UnknownKeys".equals(refused.errorCode())) {
            text.append("Qvarn refused to write resource type '").append(type)
                    .append("': the type has no field(s) ").append(fieldList(body.get("unknown_keys")))
                    .append("; add them to the type, or change the handler so it does not emit them");
        } else {
            text.append("Qvarn refused to write resource type '").append(type).append('\'');
            // WrongTypeValue's fields are in the client's message already ("field _mr_value must be str, got int")
            if (!body.has("expected_type")) {
                body.fields().forEachRemaining(f -> {
                    if (!f.getKey().equals("error_code") && !f.getKey().equals("message")) {
                        text.append(", ").append(f.getKey()).append(' ').append(f.getValue());
                    }
                });
            }
        }
        text.append(" (").append(refused.getMessage()).append(')');
        return prefix(error, refused) + text + suffix(error, refused);
    }

    /** A handler's error names the binding (file:line): it comes first. */
    private static String prefix(Exception error, QvarnException refused) {
        return refused != error && error instanceof HandlerException ? error.getMessage() + ": " : "";
    }

    private static String suffix(Exception error, QvarnException refused) {
        return refused != error && !(error instanceof HandlerException) ? "; in: " + error.getMessage() : "";
    }

    /** The resource type a failed request was sent to ({@code /orgs/ID} is {@code orgs}). */
    static String typeOf(QvarnException failure) {
        String path = failure.requestPath() == null ? "" : failure.requestPath();
        return path.startsWith("/") ? path.substring(1).split("/", 2)[0] : path;
    }

    /** A refusal that repeating the same request cannot change ({@link #PERMANENT}) in the cause chain, or null. */
    public static QvarnException permanentRefusal(Throwable error) {
        QvarnException q = cause(error, QvarnException.class, false);
        return q != null && PERMANENT.contains(q.status()) ? q : null;
    }

    /** Qvarn refusing the worker's token (401) or its scopes (403) somewhere in the cause chain, or null. */
    static QvarnException credentialsRefusal(Throwable error) {
        QvarnException q = cause(error, QvarnException.class, false);
        return q instanceof QvarnUnauthorizedException || q instanceof QvarnForbiddenException ? q : null;
    }

    /**
     * Whether the error is one the worker expects to meet (a Qvarn answer, a handler's failure, a source
     * not visible), told well by its message; anything else may be a bug, worth its stack trace.
     */
    static boolean expected(Throwable error) {
        return cause(error, QvarnException.class, false) != null || cause(error, HandlerException.class, false) != null
                || cause(error, SourceNotVisibleException.class, false) != null;
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
