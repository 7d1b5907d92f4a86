package org.qvarnmr.camel.handler.builtin;

/**
 * A handler route failed, or replied something its handler cannot use; the message says which route and what
 * happened. The engine puts it after the binding (file:line) and the resource or key.
 */
public final class RouteHandlerException extends RuntimeException {
    RouteHandlerException(String message) {
        super(message);
    }

    RouteHandlerException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The message alone: it says what went wrong, and it ends up in dead letters read by people. */
    @Override
    public String toString() {
        return getMessage();
    }
}
