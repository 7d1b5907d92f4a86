package org.qvarnmr.camel.engine;

/** One Qvarn notification, enough to delete it: the listened type, its listener and its id. */
public record NotificationRef(String type, String listenerId, String notificationId) {
}
