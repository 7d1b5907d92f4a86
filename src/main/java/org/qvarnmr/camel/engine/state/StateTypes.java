package org.qvarnmr.camel.engine.state;

/** The worker's own Qvarn resource types, exactly as the original qvarn-mr defined them. */
public final class StateTypes {
    public static final String LISTENERS = "qvarnmr_listeners";
    public static final String HANDLERS = "qvarnmr_handlers";

    private StateTypes() {
    }
}
