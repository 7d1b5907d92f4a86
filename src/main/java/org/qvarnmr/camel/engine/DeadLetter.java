package org.qvarnmr.camel.engine;

import java.util.List;

/**
 * A change that failed every attempt, as written to the dead-letter endpoint: enough to understand it
 * and to replay it (its notifications are deleted from Qvarn once the dead letter is written).
 */
public record DeadLetter(String sourceType, String resourceId, String change, List<NotificationRef> notifications,
                         String error, int attempts, String at) {
}
