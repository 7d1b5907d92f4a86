package org.qvarnmr.camel.component;

/** When a {@code qvarn:} consumer deletes a change notification from Qvarn. */
public enum DeleteAfter {
    /** Once its exchange completed without an unhandled exception; a failed one is delivered again next poll. */
    success,
    /** Once its exchange completed, failed or not (at most once). */
    always,
    /** Never: the route deletes it (e.g. by its QvarnNotificationId header) or it stays. */
    never
}
