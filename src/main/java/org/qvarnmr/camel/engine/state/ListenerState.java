package org.qvarnmr.camel.engine.state;

/**
 * One listened type of this instance: the Qvarn listener and the {@code qvarnmr_listeners} record that
 * remembers it across restarts.
 */
public record ListenerState(String type, String listenerId, String recordId) {
}
