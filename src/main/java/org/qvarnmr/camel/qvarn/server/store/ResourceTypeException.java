package org.qvarnmr.camel.qvarn.server.store;

/** A resource type file that cannot be served; the message names the file and what is wrong with it. */
public class ResourceTypeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ResourceTypeException(String message) {
        super(message);
    }

    public ResourceTypeException(String message, Throwable cause) {
        super(message, cause);
    }
}
