package org.qvarnmr.camel.engine.state;

/** Another worker took over this instance while this one ran: stop writing at once (fencing). */
public class OwnershipLostException extends RuntimeException {
    public OwnershipLostException(String message) {
        super(message);
    }
}
