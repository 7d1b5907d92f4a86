package org.qvarnmr.camel.engine;

/**
 * A handler failed (threw, or returned something the engine cannot store). The message names the
 * handler (target and source) and the resource or key, so the dead letter and the log say where.
 */
public class HandlerException extends RuntimeException {
    public HandlerException(String message, Throwable cause) {
        super(message, cause);
    }

    public HandlerException(String message) {
        super(message);
    }
}
