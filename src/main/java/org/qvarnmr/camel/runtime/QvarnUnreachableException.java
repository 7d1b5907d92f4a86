package org.qvarnmr.camel.runtime;

/** Qvarn stayed unreachable for the whole start-up window; the message is the one line the user sees (exit 3). */
public final class QvarnUnreachableException extends RuntimeException {
    QvarnUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
